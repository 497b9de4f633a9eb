import { buildTestApp, countRows, giveFeedback } from '../support/test-app';

// Found by the fuzz test: a comment of only "\u0000" passed validation and then failed the comments table's
// CHECK (length(body) >= 1: SQLite's length() stops at a NUL) with a 500.
describe('NUL characters in posted answers', () => {
  it.each([
    ['\u0000', null],
    ['Kind\u0000 staff', 'Kind staff'],
  ])('a comment of %j is stored as %j and the person is thanked', async (sent, kept) => {
    const t = buildTestApp();
    expect(await giveFeedback(t.app, 'amberwood', { fft: '1', what_good: sent })).toBe(
      '/t/amberwood/thank-you',
    );
    expect(countRows(t.deps, 'responses')).toBe(1);
    const bodies = (t.deps.db.prepare('SELECT body FROM comments').all() as { body: string }[]).map(
      (r) => r.body,
    );
    expect(bodies).toEqual(kept === null ? [] : [kept]);
  });
});
