import { randomToken } from '../security/random-token';
import { z } from 'zod';
import { sign, signatureMatches } from '../security/signed-token';

export const collectionModes = [
  'kiosk_tablet',
  'online_qr',
  'online_link',
  'paper',
  'telephone',
  'sms',
  'other',
] as const;
export type CollectionMode = (typeof collectionModes)[number];

/**
 * Modes of collection points a respondent opens for themselves, with a public address (/c/<point>) and a poster;
 * kiosks go through /kiosk, paper and telephone through staff entry.
 */
export const publicModes: readonly CollectionMode[] = ['online_qr', 'online_link', 'sms', 'other'];

/**
 * What a survey form was issued for. The token travels in a hidden field, is signed (so it cannot be forged or
 * moved to another team, survey or mode) and carries a random nonce that responses.submission_token stores under
 * a UNIQUE constraint: a double tap, a back-and-resubmit or a replayed request stores one response.
 * Issuing a token writes nothing, so GET pages stay read-only.
 */
export interface SubmissionContext {
  surveyVersionId: number;
  teamId: number;
  mode: CollectionMode;
}

const payloadSchema = z
  .object({
    n: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
    s: z.number().int().positive(),
    t: z.number().int().positive(),
    m: z.enum(collectionModes),
    i: z.number().int().nonnegative(),
  })
  .strict();

const PURPOSE = 'submission-v1';

/**
 * A nonce that sorts roughly by the time it was issued: the time in milliseconds (6 bytes), then 10 random bytes,
 * 22 base64url characters in all. responses.submission_token is a UNIQUE index: with wholly random nonces each new
 * response wrote a different page of it (at 1,000,000 responses, 12 of the 51 pages a group commit of 9 responses
 * wrote). Nonces issued within a few seconds of each other now share their first characters and land side by side.
 * The 80 random bits keep a nonce unguessable (and the token is signed); the time is already in the payload.
 */
export function timeOrderedNonce(issuedAt: Date): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(issuedAt.getTime(), 0, 6);
  return time.toString('base64url') + randomToken(10);
}

export function issueSubmissionToken(key: Buffer, context: SubmissionContext, issuedAt: Date): string {
  const payload = {
    n: timeOrderedNonce(issuedAt),
    s: context.surveyVersionId,
    t: context.teamId,
    m: context.mode,
    i: issuedAt.getTime(),
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${sign(key, PURPOSE, encoded)}`;
}

export type TokenCheck =
  | { ok: true; nonce: string; issuedAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'other_form' | 'expired' };

export function checkSubmissionToken(
  key: Buffer,
  token: string,
  expected: SubmissionContext,
  now: Date,
  ttlMs: number,
): TokenCheck {
  if (token.length > 512) return { ok: false, reason: 'malformed' };
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  if (!signatureMatches(key, PURPOSE, encoded, signature)) return { ok: false, reason: 'forged' };
  let payload: z.infer<typeof payloadSchema>;
  try {
    payload = payloadSchema.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    payload.s !== expected.surveyVersionId ||
    payload.t !== expected.teamId ||
    payload.m !== expected.mode
  ) {
    return { ok: false, reason: 'other_form' };
  }
  const age = now.getTime() - payload.i;
  if (age > ttlMs || age < -60_000) return { ok: false, reason: 'expired' };
  return { ok: true, nonce: payload.n, issuedAt: new Date(payload.i) };
}
