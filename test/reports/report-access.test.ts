import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { parseCsv } from '../support/csv';
import { responseWriter, writeMany } from '../support/report-data';
import {
  TEST_PASSWORD,
  buildTestApp,
  createStaffUser,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

/** The real app on a file database (the responses export reads on its own connection), with known responses. */
function reportingApp(): TestApp {
  const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-access-')), 'feedback.db');
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z', databasePath });
  const write = responseWriter(t.deps.db);
  writeMany(write, 9, { team: 'amberwood', fft: 1, on: '2026-10-05' });
  writeMany(write, 1, { team: 'amberwood', fft: 4, on: '2026-10-06' });
  writeMany(write, 2, { team: 'cherrywood', fft: 2, on: '2026-10-07' });
  writeMany(write, 12, { team: 'medway-cmht', fft: 1, on: '2026-10-08' });
  write({
    team: 'amberwood',
    fft: 2,
    on: '2026-10-09',
    comments: [{ itemCode: 'what_good', body: 'The nurses listened' }],
  });
  return t;
}

const directorateId = (t: TestApp, code: string) =>
  (t.deps.db.prepare('SELECT id FROM directorates WHERE code = :code').get({ code }) as { id: number }).id;

const exportsOf = ['responses.csv', 'aggregates.csv', 'fft-return.csv?month=2026-10'].map(
  (file) => `/staff/reports/export/${file}`,
);

const auditRows = (t: TestApp) =>
  t.deps.db
    .prepare(
      "SELECT actor_email AS actor, object_id AS kind, details FROM audit_events WHERE action = 'report.exported' ORDER BY id",
    )
    .all() as { actor: string; kind: string; details: string }[];

describe('reports behind the staff roles', () => {
  const t = reportingApp();
  const agents: Record<string, StaffAgent> = {};

  beforeAll(async () => {
    await createStaffUser(t, 'viewer@kmpt.nhs.uk', ['viewer']);
    await createStaffUser(t, 'quality@kmpt.nhs.uk', ['quality']);
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    await createStaffUser(t, 'quality-pals@kmpt.nhs.uk', ['quality', 'pals']);
    await t.deps.services.staff.admin.createWithPassword({
      email: 'acute-viewer@kmpt.nhs.uk',
      password: TEST_PASSWORD,
      roles: [{ role: 'viewer', directorateId: directorateId(t, 'acute'), teamId: null }],
    });
    for (const who of ['viewer', 'quality', 'pals', 'quality-pals', 'acute-viewer']) {
      agents[who] = await signInStaff(t, `${who}@kmpt.nhs.uk`);
    }
  });

  it.each(['/staff/reports', ...exportsOf])('sends anonymous requests for %s to sign in', async (url) => {
    await request(t.app)
      .get(url)
      .expect(303)
      .expect('Location', `/staff/sign-in?returnTo=${encodeURIComponent(url)}`);
  });

  it('shows a viewer the whole trust, always suppressed, with no downloads', async () => {
    const res = await agents.viewer!.agent.get('/staff/reports?month=2026-10&suppression=none').expect(200);
    const $ = cheerio.load(res.text);
    expect($('.nhsuk-inset-text').text()).toContain('Small numbers suppressed');
    expect($('select#suppression')).toHaveLength(0);
    expect($('a[download]')).toHaveLength(0);
    expect($('header, nav').text()).toContain('Reports');
  });

  it.each(exportsOf)('refuses a viewer the export %s', async (url) => {
    const res = await agents.viewer!.agent.get(url).expect(403);
    expect(cheerio.load(res.text)('h1').text()).toBe('You do not have access');
  });

  it('shows a directorate-scoped viewer their directorate by default and refuses other scopes with 403', async () => {
    const { agent } = agents['acute-viewer']!;
    const res = await agent.get('/staff/reports?month=2026-10').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toContain('Acute');
    expect(
      $('select#scope option')
        .map((_, o) => $(o).attr('value'))
        .get(),
    ).toEqual(expect.arrayContaining(['directorate:acute', 'team:amberwood', 'team:cherrywood']));
    expect(
      $('select#scope option[value="trust"], select#scope option[value="team:medway-cmht"]'),
    ).toHaveLength(0);
    await agent.get('/staff/reports?month=2026-10&scope=team:amberwood').expect(200);
    for (const scope of ['trust', 'directorate:north-kent', 'team:medway-cmht', 'site:medway-community']) {
      await agent.get(`/staff/reports?month=2026-10&scope=${scope}`).expect(403);
    }
  });

  it('lets quality see unsuppressed figures, clearly labelled, and offers the downloads', async () => {
    const res = await agents.quality!.agent.get('/staff/reports?month=2026-10&suppression=none').expect(200);
    const $ = cheerio.load(res.text);
    expect($('.nhsuk-inset-text').text()).toContain('Unsuppressed figures: for internal use only');
    expect($('a[download]')).toHaveLength(3);
  });

  it('refuses PALS without quality the dashboard and every export', async () => {
    const { agent } = agents.pals!;
    for (const url of ['/staff/reports', ...exportsOf]) await agent.get(url).expect(403);
  });

  it('exports responses for quality without free text, and with it only when they also hold pals', async () => {
    const plain = await agents
      .quality!.agent.get('/staff/reports/export/responses.csv?month=2026-10')
      .expect(200);
    expect(plain.text).not.toContain('The nurses listened');
    expect(parseCsv(plain.text.replace('\uFEFF', ''))[0]).not.toContain('what_good');
    const withText = await agents['quality-pals']!.agent.get(
      '/staff/reports/export/responses.csv?month=2026-10',
    ).expect(200);
    expect(withText.text).toContain('The nurses listened');
  });

  it('audits every export with its filters and row count, never its content', async () => {
    const before = auditRows(t).length;
    const { agent } = agents.quality!;
    await agent.get('/staff/reports/export/aggregates.csv?month=2026-10&suppression=none').expect(200);
    await agent.get('/staff/reports/export/fft-return.csv?month=2026-10').expect(200);
    await agent.get('/staff/reports/export/responses.csv?month=2026-10&scope=team:amberwood').expect(200);
    const rows = auditRows(t).slice(before);
    expect(rows.map((r) => [r.actor, r.kind])).toEqual([
      ['quality@kmpt.nhs.uk', 'aggregates'],
      ['quality@kmpt.nhs.uk', 'fft_return'],
      ['quality@kmpt.nhs.uk', 'responses'],
    ]);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ period: '2026-10..2026-10', suppressed: false });
    expect(JSON.parse(rows[1]!.details)).toMatchObject({ kind: 'fft_return', period: '2026-10', rows: 3 });
    expect(JSON.parse(rows[2]!.details)).toEqual({
      kind: 'responses',
      period: '2026-10..2026-10',
      scope: 'team:amberwood',
      basis: 'as_recorded',
      suppressed: false,
      freeText: false,
      rows: 11,
    });
    expect(rows.map((r) => r.details).join()).not.toContain('nurses');
  });
});
