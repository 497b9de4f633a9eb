import { actorFor } from '../../src/audit-sink';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp, giveFeedback, type TestApp } from '../support/test-app';

async function submit(t: TestApp, team: string, comment: string): Promise<number> {
  await giveFeedback(t.app, team, { fft: '1', what_good: comment });
  return (t.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
}

function consent(t: TestApp, commentId: number) {
  t.deps.db
    .prepare(
      "INSERT INTO response_answers (response_id, item_code, value) SELECT response_id, 'publish_consent', 'yes' FROM comments WHERE id = :commentId",
    )
    .run({ commentId });
}

describe('publishing comments', () => {
  it('publishes only a comment whose author agreed, from a team with at least 5 responses that month', async () => {
    const t = buildTestApp();
    const publications = t.deps.services.publications;
    const first = await submit(t, 'amberwood', 'Nurse Sarah was wonderful, call me on 07700 900123');
    expect(publications.refusal(first)).toBe('The person did not agree to their comment being published');
    consent(t, first);
    expect(publications.refusal(first)).toMatch(/fewer than 5 responses/);
    for (let i = 0; i < 4; i += 1) await submit(t, 'amberwood', `Comment ${i}`);
    expect(publications.refusal(first)).toBeNull();
  });

  it('suggests a redacted copy, and stores the copy the officer approved, audited', async () => {
    const t = buildTestApp();
    const publications = t.deps.services.publications;
    const id = await submit(t, 'amberwood', 'Nurse Sarah was wonderful, call me on 07700 900123');
    consent(t, id);
    for (let i = 0; i < 4; i += 1) await submit(t, 'amberwood', `Comment ${i}`);
    expect(publications.suggest(id).redacted).toBe('Nurse [Name] was wonderful, call me on [Phone number]');
    publications.approve(id, 'A nurse was wonderful', actorFor(9));
    expect(t.deps.db.prepare('SELECT redacted_text, approved_by FROM comment_publications').get()).toEqual({
      redacted_text: 'A nurse was wonderful',
      approved_by: 9,
    });
  });

  it('refuses to approve without consent', async () => {
    const t = buildTestApp();
    const id = await submit(t, 'amberwood', 'Lovely');
    expect(() => t.deps.services.publications.approve(id, 'Lovely', actorFor(9))).toThrow(/did not agree/);
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM comment_publications').get()).toEqual({ n: 0 });
  });
});

describe('the public You said, we did page', () => {
  it('lists entries with what people said, what we did, where and the status', async () => {
    const t = buildTestApp();
    const teamId = (
      t.deps.db.prepare("SELECT id FROM teams WHERE code = 'amberwood'").get() as { id: number }
    ).id;
    t.deps.services.publications.addEntry(
      {
        themeId: null,
        teamId,
        directorateId: null,
        youSaid: 'There was not enough to do at weekends <b>really</b>',
        weDid: 'We started a Saturday art group',
        status: 'done',
        publishedOn: '2026-10-01',
      },
      actorFor(1),
    );
    const res = await request(t.app).get('/you-said-we-did').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('You said, we did');
    expect($('.nhsuk-card').text()).toContain('There was not enough to do at weekends <b>really</b>');
    expect($('.nhsuk-card b').length).toBe(0);
    expect($('.nhsuk-card').text()).toContain('Amberwood Ward, 1 October 2026');
    expect($('.nhsuk-tag').text()).toBe('Done');
  });

  it('is linked from every public page footer', async () => {
    const { app } = buildTestApp();
    const $ = cheerio.load((await request(app).get('/t/amberwood')).text);
    expect($('footer a[href="/you-said-we-did"]').length).toBe(1);
  });
});
