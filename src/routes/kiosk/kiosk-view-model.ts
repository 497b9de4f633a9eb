/** What the layout needs on a kiosk page: the data-kiosk-* attributes for kiosk.mjs and the no-JavaScript refresh. */
export interface KioskLocals {
  idleSeconds: number;
  countdownSeconds: number;
  /** Without JavaScript, the page refreshes to the start after the idle time and the countdown. */
  refreshSeconds: number;
  /** The thank-you page returns to the start by itself after this long (0 elsewhere). */
  returnAfterSeconds: number;
  startHref: string;
  resetAction: string;
  heartbeatAction: string;
  /** Journey pages carry the inactivity dialog; the thank-you page returns by itself instead. */
  dialog: boolean;
  /** Someone is part-way through (a draft exists): the inactivity timer starts as the page opens. */
  armed: boolean;
  /** Show "We cleared the form to protect your privacy". */
  cleared: boolean;
}

export function buildKioskLocals(
  config: { KIOSK_IDLE_SECONDS: number; KIOSK_COUNTDOWN_SECONDS: number; KIOSK_RETURN_SECONDS: number },
  page: { cleared: boolean; thankYou: boolean; armed: boolean },
): KioskLocals {
  return {
    idleSeconds: config.KIOSK_IDLE_SECONDS,
    countdownSeconds: config.KIOSK_COUNTDOWN_SECONDS,
    refreshSeconds: page.thankYou
      ? config.KIOSK_RETURN_SECONDS
      : config.KIOSK_IDLE_SECONDS + config.KIOSK_COUNTDOWN_SECONDS,
    returnAfterSeconds: page.thankYou ? config.KIOSK_RETURN_SECONDS : 0,
    startHref: '/kiosk',
    resetAction: '/kiosk/reset',
    heartbeatAction: '/kiosk/heartbeat',
    dialog: !page.thankYou,
    armed: page.armed,
    cleared: page.cleared,
  };
}
