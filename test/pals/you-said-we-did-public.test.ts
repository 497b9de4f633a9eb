import * as cheerio from 'cheerio';
import request from 'supertest';
import { actorFor } from '../../src/audit-sink';
import type { EntryInput } from '../../src/pals/publication-service';
import { buildTestApp, createStaffUser, giveFeedback, signInStaff, type TestApp } from '../support/test-app';

const teamId = (t: TestApp, code: string) =>
  (t.deps.db.prepare('SELECT id FROM teams WHERE code = :code').get({ code }) as { id: number }).id;
const directorateOf = (t: TestApp, code: string) =>
  (
    t.deps.db
      .prepare(
        'SELECT p.directorate_id AS id FROM team_placements p JOIN teams t ON t.id = p.team_id WHERE t.code = :code',
      )
      .get({ code }) as { id: number }
  ).id;

function addEntry(t: TestApp, entry: Partial<EntryInput> & { weDid: string }): number {
  return t.deps.services.publications.addEntry(
    {
      themeId: null,
      teamId: null,
      directorateId: null,
      youSaid: `Said before: ${entry.weDid}`,
      status: 'done',
      publishedOn: '2026-11-01',
      ...entry,
    },
    actorFor(null),
  );
}

const weDidOn = ($: cheerio.CheerioAPI) =>
  $('main .app-we-did')
    .map((_i, p) => $(p).text().trim())
    .get();

describe("a team's thank-you page shows its latest You said, we did entries", () => {
  it('shows at most 3 done or in-progress entries of the team or its directorate, newest first', async () => {
    const t = buildTestApp();
    const amberwood = teamId(t, 'amberwood');
    addEntry(t, { teamId: amberwood, weDid: 'Oldest', publishedOn: '2026-10-01' });
    addEntry(t, { teamId: amberwood, weDid: 'Planned only', status: 'planned', publishedOn: '2026-11-20' });
    addEntry(t, {
      teamId: amberwood,
      weDid: 'In progress',
      status: 'in_progress',
      publishedOn: '2026-11-10',
    });
    addEntry(t, {
      directorateId: directorateOf(t, 'amberwood'),
      weDid: 'Directorate',
      publishedOn: '2026-11-05',
    });
    addEntry(t, { teamId: amberwood, weDid: 'Older', publishedOn: '2026-10-20' });
    addEntry(t, { teamId: teamId(t, 'cherrywood'), weDid: 'Another team', publishedOn: '2026-11-21' });
    const thanks = await giveFeedback(t.app, 'amberwood', { fft: '1' });
    const $ = cheerio.load((await request(t.app).get(thanks).expect(200)).text);
    expect($('main h2').first().text()).toContain('What happens next');
    expect(weDidOn($)).toEqual(['In progress', 'Directorate', 'Older']);
    expect($('main a[href="/you-said-we-did"]').text()).toBe('See everything we have changed');
  });

  it('shows no section when there is nothing public, and never a held-back quote', async () => {
    const t = buildTestApp();
    const amberwood = teamId(t, 'amberwood');
    await giveFeedback(t.app, 'amberwood', { fft: '1', what_good: 'Secret words from one person' });
    const commentId = (t.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
    // An approved copy that the small-numbers rule now holds back (a single response this month).
    t.deps.db
      .prepare(
        `INSERT INTO comment_publications (comment_id, redacted_text, approved_by, approved_at)
         VALUES (:commentId, 'Secret words from one person', 1, '2026-11-01T00:00:00.000Z')`,
      )
      .run({ commentId });
    t.deps.db
      .prepare(
        "INSERT INTO you_said_we_did (team_id, quote_comment_id, we_did, status, published_on, created_at) VALUES (:amberwood, :commentId, 'We listened', 'done', '2026-11-02', '2026-11-02T00:00:00.000Z')",
      )
      .run({ amberwood, commentId });
    const page = cheerio.load((await request(t.app).get('/t/amberwood/thank-you').expect(200)).text);
    expect(weDidOn(page)).toEqual(['We listened']);
    expect(page('main').text()).not.toContain('Secret words');
    const other = cheerio.load((await request(t.app).get('/t/cherrywood/thank-you').expect(200)).text);
    expect(other('main').text()).not.toContain('You said, we did');
  });

  it('shows them on the QR thank-you page and on an enrolled kiosk, without the link out', async () => {
    const t = buildTestApp();
    addEntry(t, { teamId: teamId(t, 'amberwood'), weDid: 'A quieter lounge' });
    const qr = cheerio.load((await request(t.app).get('/q/amberwood/thank-you').expect(200)).text);
    expect(weDidOn(qr)).toEqual(['A quieter lounge']);

    await createStaffUser(t, 'admin@kmpt.nhs.uk', ['admin']);
    const admin = await signInStaff(t, 'admin@kmpt.nhs.uk');
    const form = await admin.agent.get('/staff/admin/collection-points/new').expect(200);
    await admin.agent
      .post('/staff/admin/collection-points/new')
      .type('form')
      .send({
        _csrf: cheerio.load(form.text)('input[name=_csrf]').val() as string,
        'survey-friends-family-carers': 'yes',
        team: 'amberwood',
        label: 'Day room tablet',
        code: 'amberwood-dayroom',
        mode: 'kiosk_tablet',
      })
      .expect(303);
    const enrolled = await admin.agent
      .post(
        `/staff/admin/collection-points/${t.deps.services.kiosk.pointByCode('amberwood-dayroom')!.id}/enrol`,
      )
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    const cookie = (enrolled.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('kiosk_device='))!
      .split(';')[0]!;
    const kiosk = cheerio.load(
      (await request(t.app).get('/kiosk/thank-you').set('Cookie', cookie).expect(200)).text,
    );
    expect(weDidOn(kiosk)).toEqual(['A quieter lounge']);
    expect(kiosk('main a[href="/you-said-we-did"]')).toHaveLength(0);
  });
});

describe("a team's You said, we did poster", () => {
  it("lists the team's public entries on a printable page, and 404s for an unknown team", async () => {
    const t = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.example' } });
    addEntry(t, { teamId: teamId(t, 'amberwood'), weDid: 'Evening music group', themeId: null });
    addEntry(t, { teamId: teamId(t, 'amberwood'), weDid: 'Not yet', status: 'planned' });
    const res = await request(t.app).get('/posters/amberwood/you-said-we-did').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('You said, we did: Amberwood Ward');
    expect($('title').text()).toContain('You said, we did poster for Amberwood Ward');
    expect($('.app-poster--changes .app-we-did').text()).toBe('Evening music group');
    expect($('main').text()).not.toContain('Not yet');
    expect($('.app-poster__url').text()).toBe('feedback.example/t/amberwood');
    await request(t.app).get('/posters/no-such-team/you-said-we-did').expect(404);
  });
});
