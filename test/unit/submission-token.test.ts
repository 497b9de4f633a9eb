import {
  checkSubmissionToken,
  issueSubmissionToken,
  timeOrderedNonce,
} from '../../src/responses/submission-token';

const key = Buffer.from('k'.repeat(32));
const context = { surveyVersionId: 1, teamId: 14, mode: 'online_link' as const };
const issuedAt = new Date('2026-11-23T10:00:00Z');
const hour = 3_600_000;

describe('submission tokens', () => {
  it('accepts a token for the form it was issued for, within its lifetime', () => {
    const token = issueSubmissionToken(key, context, issuedAt);
    const check = checkSubmissionToken(key, token, context, new Date(issuedAt.getTime() + hour), 24 * hour);
    expect(check).toMatchObject({ ok: true });
  });

  it('gives every form a different nonce', () => {
    const nonces = new Set(
      Array.from({ length: 50 }, () => {
        const check = checkSubmissionToken(
          key,
          issueSubmissionToken(key, context, issuedAt),
          context,
          issuedAt,
          hour,
        );
        return check.ok ? check.nonce : '';
      }),
    );
    expect(nonces.size).toBe(50);
  });

  it('starts each nonce with its issue time, so nonces issued close together sit side by side in the index', () => {
    const at = (ms: number) => timeOrderedNonce(new Date(issuedAt.getTime() + ms));
    const [first, sameSecond, nextMinute] = [at(0), at(900), at(60_000)];
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // 6 bytes of milliseconds are the first 8 characters: the 6th changes every 4.1 s, the 5th every 4.4 minutes.
    expect(sameSecond.slice(0, 6)).toBe(first.slice(0, 6));
    expect(nextMinute.slice(0, 5)).toBe(first.slice(0, 5));
    expect(nextMinute.slice(0, 8)).not.toBe(first.slice(0, 8));
    // The rest is random: the same millisecond still gives different nonces.
    expect(new Set(Array.from({ length: 50 }, () => at(0))).size).toBe(50);
    expect(Buffer.from(first, 'base64url').readUIntBE(0, 6)).toBe(issuedAt.getTime());
  });

  it.each([
    ['another team', { ...context, teamId: 15 }, 'other_form'],
    ['another survey version', { ...context, surveyVersionId: 2 }, 'other_form'],
    ['another collection mode', { ...context, mode: 'kiosk_tablet' as const }, 'other_form'],
  ])('refuses a token used for %s', (_label, expected, reason) => {
    const token = issueSubmissionToken(key, context, issuedAt);
    expect(checkSubmissionToken(key, token, expected, issuedAt, hour)).toEqual({ ok: false, reason });
  });

  it('refuses an expired token', () => {
    const token = issueSubmissionToken(key, context, issuedAt);
    expect(checkSubmissionToken(key, token, context, new Date(issuedAt.getTime() + hour + 1), hour)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another key or altered', () => {
    const token = issueSubmissionToken(Buffer.from('x'.repeat(32)), context, issuedAt);
    expect(checkSubmissionToken(key, token, context, issuedAt, hour)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const [payload, signature] = issueSubmissionToken(key, context, issuedAt).split('.');
    const altered = Buffer.from(
      Buffer.from(payload!, 'base64url').toString('utf8').replace('"t":14', '"t":15'),
      'utf8',
    ).toString('base64url');
    expect(checkSubmissionToken(key, `${altered}.${signature!}`, context, issuedAt, hour)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it.each(['', 'a', 'a.b.c', '.', 'x'.repeat(600)])('refuses the malformed token %p', (token) => {
    expect(checkSubmissionToken(key, token, context, issuedAt, hour).ok).toBe(false);
  });
});
