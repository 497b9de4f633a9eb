import * as cheerio from 'cheerio';
import {
  buildTestApp,
  createStaffUser,
  giveFeedback,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

async function comment(t: TestApp, team: string, answers: Record<string, string>): Promise<number> {
  await giveFeedback(t.app, team, answers);
  return (t.deps.db.prepare('SELECT max(id) AS id FROM comments').get() as { id: number }).id;
}

async function palsOfficer(t: TestApp): Promise<StaffAgent> {
  await createStaffUser(t, 'pals@kmpt.example', ['pals']);
  return signInStaff(t, 'pals@kmpt.example');
}

const auditRows = (t: TestApp, action: string) =>
  t.deps.db
    .prepare('SELECT object_id AS objectId, details FROM audit_events WHERE action = :action ORDER BY id')
    .all({ action }) as { objectId: string | null; details: string | null }[];

const teamId = (t: TestApp, code: string) =>
  (t.deps.db.prepare('SELECT id FROM teams WHERE code = :code').get({ code }) as { id: number }).id;

async function setCompliment(staff: StaffAgent, commentId: number, value: 'yes' | 'no') {
  const page = await staff.agent.get(`/staff/pals/comments/${commentId}`).expect(200);
  const csrf = cheerio.load(page.text)('form[method=post] input[name=_csrf]').first().val() as string;
  return staff.agent
    .post(`/staff/pals/comments/${commentId}/compliment`)
    .type('form')
    .send({ _csrf: csrf, compliment: value })
    .expect(303)
    .expect('Location', `/staff/pals/comments/${commentId}`);
}

describe('compliments on the comment page', () => {
  it('suggests marking a positive comment that names someone, and not a negative one', async () => {
    const t = buildTestApp();
    const praise = await comment(t, 'amberwood', { fft: '1', what_good: 'Nurse Sarah was kind and helpful' });
    const complaint = await comment(t, 'amberwood', { fft: '5', could_improve: 'Nurse Sarah was rude' });
    const staff = await palsOfficer(t);
    const praised = cheerio.load((await staff.agent.get(`/staff/pals/comments/${praise}`).expect(200)).text);
    expect(praised('.nhsuk-inset-text').text()).toContain('This looks like a compliment');
    expect(praised(`form[action="/staff/pals/comments/${praise}/compliment"] button`).text().trim()).toBe(
      'Mark as a compliment',
    );
    const other = cheerio.load((await staff.agent.get(`/staff/pals/comments/${complaint}`).expect(200)).text);
    expect(other('.nhsuk-inset-text').text()).not.toContain('This looks like a compliment');
  });

  it('marks and unmarks a comment, each audited, in step with the compliments table', async () => {
    const t = buildTestApp();
    const id = await comment(t, 'amberwood', { fft: '1', what_good: 'Nurse Sarah was kind' });
    const staff = await palsOfficer(t);
    await setCompliment(staff, id, 'yes');
    const marked = cheerio.load((await staff.agent.get(`/staff/pals/comments/${id}`).expect(200)).text);
    expect(marked(`form[action="/staff/pals/comments/${id}/compliment"] button`).text().trim()).toBe(
      'Remove from compliments',
    );
    expect(t.deps.db.prepare('SELECT comment_id AS id FROM compliments').all()).toEqual([{ id }]);
    await setCompliment(staff, id, 'no');
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM compliments').get()).toEqual({ n: 0 });
    expect(auditRows(t, 'compliment.marked').map((r) => r.objectId)).toEqual([String(id)]);
    expect(auditRows(t, 'compliment.unmarked').map((r) => r.objectId)).toEqual([String(id)]);
  });
});

describe("a team's compliments list and CSV", () => {
  async function twoTeams(t: TestApp) {
    const amber = await comment(t, 'amberwood', { fft: '1', what_good: 'Dr Patel listened to me' });
    const formula = await comment(t, 'amberwood', {
      fft: '1',
      what_good: '=HYPERLINK("http://x","Thanks Sam")',
    });
    const cherry = await comment(t, 'cherrywood', { fft: '1', what_good: 'Nurse Jo was brilliant' });
    const staff = await palsOfficer(t);
    for (const id of [amber, formula, cherry]) await setCompliment(staff, id, 'yes');
    return { staff, amber, formula, cherry };
  }

  it('reads no comment until a team is chosen, then shows and audits that team only', async () => {
    const t = buildTestApp();
    const { staff, amber, formula } = await twoTeams(t);
    const listViews = () =>
      auditRows(t, 'comment.list_viewed').filter((r) => r.details?.includes('compliments'));
    const start = cheerio.load((await staff.agent.get('/staff/pals/compliments').expect(200)).text);
    expect(start('h1').text()).toBe('Compliments');
    expect(start('.app-compliment')).toHaveLength(0);
    expect(listViews()).toEqual([]);
    const res = await staff.agent.get(`/staff/pals/compliments?teamId=${teamId(t, 'amberwood')}`).expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('Compliments for Amberwood Ward');
    expect($('.app-compliment').text()).toContain('Dr Patel listened to me');
    expect($('.app-compliment').text()).not.toContain('Nurse Jo');
    expect(JSON.parse(listViews()[0]!.details!)).toMatchObject({
      via: 'compliments',
      shown: `${formula},${amber}`,
    });
  });

  it('exports a formula-safe UTF-8 CSV with a byte-order mark, audited with the ids', async () => {
    const t = buildTestApp();
    const { staff, amber, formula } = await twoTeams(t);
    const res = await staff.agent
      .get(`/staff/pals/compliments.csv?teamId=${teamId(t, 'amberwood')}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="compliments-team-\d+\.csv"$/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\n')[0]).toBe('comment_id,team,directorate,date,compliment,marked_at,marked_by');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""Thanks Sam"")"`);
    expect(text).toContain('Dr Patel listened to me');
    expect(text).not.toContain('Nurse Jo');
    const [exported] = auditRows(t, 'compliments.exported');
    expect(JSON.parse(exported!.details!)).toMatchObject({ rows: 2, shown: `${formula},${amber}` });
  });

  it.each([['quality'], ['admin'], ['viewer']] as const)('refuses %s staff (403)', async (role) => {
    const t = buildTestApp();
    await createStaffUser(t, `${role}@kmpt.example`, [role]);
    const staff = await signInStaff(t, `${role}@kmpt.example`);
    await staff.agent.get('/staff/pals/compliments').expect(403);
    await staff.agent.get('/staff/pals/compliments.csv').expect(403);
    expect(auditRows(t, 'compliments.exported')).toEqual([]);
  });
});
