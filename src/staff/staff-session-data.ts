/** What a staff session holds (server-side only). Times are epoch milliseconds of the injected clock. */
export interface StaffSessionState {
  userId: number;
  /** 'password': the password was right, the second factor is due. 'signed-in': both factors done. */
  stage: 'password' | 'signed-in';
  createdAt: number;
  lastSeenAt: number;
  /** A TOTP secret being enrolled, until the first code from it is confirmed. */
  enrolSecret?: string;
  /** Recovery codes to show once, straight after enrolment; removed when shown. */
  newRecoveryCodes?: string[];
  /** Where to go after signing in (a same-origin path, already checked). */
  returnTo?: string;
}

declare module 'express-session' {
  interface SessionData {
    staff: StaffSessionState;
  }
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** When a staff session stops being valid: the earlier of the idle and the absolute limit. */
export function sessionExpiresAt(state: StaffSessionState, limits: SessionLimits): number {
  return Math.min(state.lastSeenAt + limits.idleMs, state.createdAt + limits.absoluteMs);
}
