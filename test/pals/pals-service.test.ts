import { actorFor } from '../../src/audit-sink';
import { buildTestApp, giveFeedback, type TestApp } from '../support/test-app';

async function submit(t: TestApp, team: string, answers: Record<string, string>): Promise<void> {
  expect(await giveFeedback(t.app, team, answers)).toBe(`/t/${team}/thank-you`);
}

const reviews = (t: TestApp) =>
  t.deps.db
    .prepare(
      `SELECT c.body, cr.status, cr.sentiment_suggested AS suggested FROM comment_reviews cr
       JOIN comments c ON c.id = cr.comment_id ORDER BY c.id`,
    )
    .all();

const flags = (t: TestApp) =>
  t.deps.db
    .prepare(
      'SELECT c.body, f.category FROM risk_flags f JOIN comments c ON c.id = f.comment_id ORDER BY f.id',
    )
    .all();

describe('PALS intake on submission', () => {
  it('gives every comment a review row, new, with a suggested sentiment', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', {
      fft: '1',
      what_good: 'The nurses were kind and helpful',
      could_improve: 'The food was awful',
    });
    expect(reviews(t)).toEqual([
      { body: 'The nurses were kind and helpful', status: 'new', suggested: 'positive' },
      { body: 'The food was awful', status: 'new', suggested: 'negative' },
    ]);
  });

  it('flags a comment that discloses risk for same-day review, and not a negated one', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '5', could_improve: 'Nobody listens. I want to end it all' });
    await submit(t, 'cherrywood', {
      fft: '1',
      what_good: 'I would never hurt myself now, thanks to the team',
    });
    expect(flags(t)).toEqual([
      { body: 'Nobody listens. I want to end it all', category: 'self_harm_suicide' },
    ]);
    expect(t.deps.services.pals.openFlags()).toHaveLength(1);
  });

  it('notifies with a link and never the comment text', async () => {
    const t = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.example' } });
    await submit(t, 'amberwood', { fft: '4', could_improve: 'A member of staff hit me' });
    await new Promise((resolve) => setImmediate(resolve));
    const line = t.logger.lines.find((l) => l.includes('risk flag raised'));
    expect(line).toContain('https://feedback.example/staff/pals/flags/');
    expect(line).toContain('abuse_neglect');
    expect(t.logger.lines.join('\n')).not.toContain('hit me');
  });
});

describe('PALS triage rules', () => {
  async function oneComment(t: TestApp) {
    await submit(t, 'amberwood', { fft: '2', what_good: 'Lovely garden' });
    return t.deps.services.pals.inbox({}, { limit: 10, offset: 0 }).rows[0]!.commentId;
  }

  it.each([
    ['new', 'reviewed', true],
    ['new', 'actioned', false],
    ['reviewed', 'actioned', true],
    ['actioned', 'closed', true],
    ['closed', 'actioned', false],
    ['closed', 'reviewed', true],
  ] as const)('moving a %s comment to %s is allowed: %s', async (from, to, allowed) => {
    const t = buildTestApp();
    const id = await oneComment(t);
    const pals = t.deps.services.pals;
    const path: Record<string, string[]> = {
      new: [],
      reviewed: ['reviewed'],
      actioned: ['reviewed', 'actioned'],
      closed: ['closed'],
    };
    for (const step of path[from]!) pals.changeStatus(id, step as 'reviewed', actorFor(1));
    if (allowed) {
      pals.changeStatus(id, to, actorFor(1));
      expect(pals.inbox({}, { limit: 1, offset: 0 }).rows[0]!.status).toBe(to);
    } else {
      expect(() => pals.changeStatus(id, to, actorFor(1))).toThrow(
        `A ${from} comment cannot be marked ${to}`,
      );
    }
  });

  it('marks several new comments as reviewed at once, skipping ones already moved on', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '1', what_good: 'One', could_improve: 'Two' });
    const pals = t.deps.services.pals;
    const ids = pals.inbox({}, { limit: 10, offset: 0 }).rows.map((r) => r.commentId);
    pals.changeStatus(ids[0]!, 'closed', actorFor(1));
    expect(pals.markReviewed(ids, actorFor(1))).toEqual({ changed: 1, skipped: 1 });
  });

  it('needs an outcome to close a flag, and an incident reference for an incident', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '5', could_improve: 'I was restrained by four staff' });
    const pals = t.deps.services.pals;
    const [flag] = pals.openFlags();
    expect(() => pals.closeFlag(flag!.id, 'incident_raised', '  ', actorFor(7))).toThrow(
      'Enter the incident reference',
    );
    pals.closeFlag(flag!.id, 'incident_raised', 'DATIX-1234', actorFor(7));
    expect(pals.openFlags()).toEqual([]);
    expect(() => pals.closeFlag(flag!.id, 'no_action', null, actorFor(7))).toThrow('already been closed');
    expect(t.deps.db.prepare('SELECT outcome, incident_reference, closed_by FROM risk_flags').get()).toEqual({
      outcome: 'incident_raised',
      incident_reference: 'DATIX-1234',
      closed_by: 7,
    });
  });

  it('lists the open flags oldest first', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '5', could_improve: 'I do not feel safe here' });
    t.clock.advance(60_000);
    await submit(t, 'cherrywood', { fft: '5', could_improve: 'They gave me the wrong medication' });
    expect(t.deps.services.pals.openFlags().map((f) => f.category)).toEqual(['feeling_unsafe', 'medication']);
  });
});

describe('the PALS inbox', () => {
  it('filters by team, FFT answer and status, and searches the text with the matches marked', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '1', what_good: 'The gardening group was wonderful' });
    await submit(t, 'cherrywood', { fft: '4', could_improve: 'More gardening please' });
    await submit(t, 'cherrywood', { fft: '4', could_improve: 'Cold food' });
    const pals = t.deps.services.pals;
    const page = { limit: 10, offset: 0 };
    expect(
      pals
        .inbox({ search: 'gardening' }, page)
        .rows.map((r) => r.marked)
        .sort(),
    ).toEqual(['More \u0001gardening\u0002 please', 'The \u0001gardening\u0002 group was wonderful']);
    expect(pals.inbox({ fftCode: 4 }, page).total).toBe(2);
    const cherrywood = pals.inbox({ fftCode: 4, search: 'food' }, page).rows;
    expect(cherrywood.map((r) => [r.teamName, r.marked])).toEqual([
      ['Cherrywood Ward', 'Cold \u0001food\u0002'],
    ]);
    expect(pals.inbox({ status: 'reviewed' }, page).total).toBe(0);
  });

  it('treats search text as words, never as search syntax', async () => {
    const t = buildTestApp();
    await submit(t, 'amberwood', { fft: '1', what_good: 'Good "care" NEAR the end' });
    const pals = t.deps.services.pals;
    expect(() => pals.inbox({ search: '"unbalanced AND OR NEAR(' }, { limit: 10, offset: 0 })).not.toThrow();
    expect(pals.inbox({ search: 'care*' }, { limit: 10, offset: 0 }).total).toBe(1);
  });
});
