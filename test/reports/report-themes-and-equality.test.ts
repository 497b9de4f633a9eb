import * as cheerio from 'cheerio';
import { actorFor } from '../../src/audit-sink';
import { fixedClock } from '../../src/clock';
import { createReportRepository } from '../../src/reports/report-repository';
import {
  createReportService,
  suppressCounts,
  topThemes,
  type ReportRequest,
} from '../../src/reports/report-service';
import { parseCsv } from '../support/csv';
import { responseWriter, writeMany, type ResponseSpec } from '../support/report-data';
import {
  TEST_PASSWORD,
  buildTestApp,
  createStaffUser,
  giveFeedback,
  signInStaff,
  type StaffAgent,
  type TestApp,
} from '../support/test-app';

const october = { kind: 'month', fromMonth: '2026-10', toMonth: '2026-10', label: 'October 2026' } as const;
const request = (overrides: Partial<ReportRequest> = {}): ReportRequest => ({
  period: october,
  scope: { level: 'trust', code: null },
  basis: 'as_recorded',
  grouping: 'directorate',
  suppress: true,
  ...overrides,
});
const service = (t: TestApp) =>
  createReportService({
    reports: createReportRepository(t.deps.db),
    clock: fixedClock('2026-11-23T10:00:00Z'),
    trustName: 'Trust',
  });

describe('small-number suppression of a list of counts (themes)', () => {
  it.each([
    [
      [8, 6, 5, 3, 2],
      [8, 6, 5, '*', '*'],
    ],
    [
      [2, 0, 7, 0, 0],
      ['*', 0, '*', 0, 0],
    ],
    [
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [12, 5],
      [12, 5],
    ],
    [
      [9, 4],
      ['*', '*'],
    ],
    [
      [4, 9, 9],
      ['*', '*', 9],
    ],
    [
      [5, 4, 4],
      [5, '*', '*'],
    ],
  ])('%j is published as %j', (counts, shown) => {
    expect(suppressCounts(counts)).toEqual(shown);
  });

  it('lists the five most-used themes, most first then by label, with the same themes last period', () => {
    const theme = (code: string, comments: number) => ({ code, label: code.toUpperCase(), comments });
    const now = [theme('a', 1), theme('b', 9), theme('c', 9), theme('d', 7), theme('e', 6), theme('f', 5)];
    const rows = topThemes(now, [theme('c', 3), theme('z', 40)], false);
    expect(rows.map((r) => [r.code, r.current, r.previous])).toEqual([
      ['b', 9, 0],
      ['c', 9, 3],
      ['d', 7, 0],
      ['e', 6, 0],
      ['f', 5, 0],
    ]);
    expect(topThemes(now, [theme('c', 3)], true).map((r) => r.previous)).toEqual([0, '*', 0, 0, 0]);
  });
});

/** Comments tagged by PALS: October at Amberwood, September at Ruby Ward. */
function themedApp(): TestApp {
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
  const write = responseWriter(t.deps.db);
  const themeId = (code: string) =>
    (t.deps.db.prepare('SELECT id FROM themes WHERE code = :code').get({ code }) as { id: number }).id;
  const commentOf = (responseId: number) =>
    (
      t.deps.db.prepare('SELECT id FROM comments WHERE response_id = :responseId').get({ responseId }) as {
        id: number;
      }
    ).id;
  const commented = (spec: ResponseSpec) =>
    commentOf(write({ ...spec, comments: [{ itemCode: 'what_good', body: 'Kind staff' }] }));
  const pals = t.deps.services.pals;
  const actor = actorFor(null);
  // October: 8 comments; themes staff manner 8, food 6, access 5, cleanliness 3, discharge 2, medication 1.
  const octoberComments = Array.from({ length: 8 }, () =>
    commented({ team: 'amberwood', fft: 1, on: '2026-10-10' }),
  );
  octoberComments.forEach((id, i) => {
    const themes = [
      ['staff_manner', 8],
      ['food', 6],
      ['access', 5],
      ['cleanliness', 3],
      ['discharge', 2],
      ['medication', 1],
    ]
      .filter(([, n]) => i < (n as number))
      .map(([code]) => themeId(code as string));
    pals.setThemes(id, themes, actor);
  });
  // September: 7 comments about access, 2 of them also staff manner (one retagged: removed, then given again).
  const september = Array.from({ length: 7 }, () => commented({ team: 'ruby', fft: 4, on: '2026-09-10' }));
  september.forEach((id, i) =>
    pals.setThemes(id, i < 2 ? [themeId('staff_manner'), themeId('access')] : [themeId('access')], actor),
  );
  pals.setThemes(september[0]!, [themeId('access')], actor);
  pals.setThemes(september[0]!, [themeId('access'), themeId('staff_manner')], actor);
  return t;
}

describe('the theme roll-up (migration 0020)', () => {
  it('counts a theme added in bulk once, however often it is added, and uncounts it when removed', async () => {
    const t = buildTestApp({ now: '2026-10-20T10:00:00Z' });
    await giveFeedback(t.app, 'amberwood', { fft: '1', could_improve: 'More parking' });
    const commentId = (t.deps.db.prepare('SELECT id FROM comments').get() as { id: number }).id;
    const food = (t.deps.db.prepare("SELECT id FROM themes WHERE code = 'food'").get() as { id: number }).id;
    const counted = () =>
      t.deps.db.prepare('SELECT month, theme_id AS themeId, comments FROM report_theme_months').all();
    t.deps.services.pals.addThemeToMany([commentId], food, actorFor(null));
    t.deps.services.pals.addThemeToMany([commentId], food, actorFor(null));
    expect(counted()).toEqual([{ month: '2026-10', themeId: food, comments: 1 }]);
    t.deps.services.pals.setThemes(commentId, [], actorFor(null));
    expect(counted()).toEqual([{ month: '2026-10', themeId: food, comments: 0 }]);
    expect(createReportRepository(t.deps.db).differencesFromRecount()).toBe(0);
  });
});

describe('top themes from PALS tagging on the dashboard', () => {
  const t = themedApp();

  it('keeps the theme roll-up equal to a full recount through tagging and retagging', () => {
    expect(createReportRepository(t.deps.db).differencesFromRecount()).toBe(0);
  });

  it('counts comments per theme for the period, top 5, with the previous period', () => {
    const themes = service(t).report(request({ suppress: false })).themes;
    expect(themes.map((r) => [r.label, r.current, r.previous])).toEqual([
      ['Staff manner and personal attributes', 8, 2],
      ['Food and drink', 6, 0],
      ['Access to services and waiting', 5, 7],
      ['Cleanliness', 3, 0],
      ['Discharge and transfers', 2, 0],
    ]);
  });

  it('suppresses small counts and the next smallest for viewers and publication', () => {
    const themes = service(t).report(request()).themes;
    expect(themes.map((r) => [r.current, r.previous])).toEqual([
      [8, '*'],
      [6, 0],
      [5, '*'],
      ['*', 0],
      ['*', 0],
    ]);
  });

  it('counts only the comments given in the scope', () => {
    const amberwood = service(t).report(
      request({ scope: { level: 'team', code: 'amberwood' }, suppress: false }),
    );
    expect(amberwood.themes.map((r) => [r.current, r.previous])).toEqual([
      [8, 0],
      [6, 0],
      [5, 0],
      [3, 0],
      [2, 0],
    ]);
    const ruby = service(t).report(request({ scope: { level: 'team', code: 'ruby' }, suppress: false }));
    expect(ruby.themes).toEqual([]);
    const acuteNow = service(t).report(
      request({
        scope: { level: 'directorate', code: 'acute' },
        basis: 'current',
        period: { ...october, fromMonth: '2026-09', toMonth: '2026-09', label: 'September 2026' },
        suppress: false,
      }),
    );
    expect(acuteNow.themes.map((r) => [r.code, r.current])).toEqual([
      ['access', 7],
      ['staff_manner', 2],
    ]);
  });

  it('shows the table on the dashboard, suppressed for a viewer', async () => {
    await createStaffUser(t, 'viewer@kmpt.nhs.uk', ['viewer']);
    await createStaffUser(t, 'quality@kmpt.nhs.uk', ['quality']);
    const cellsFor = async (who: string, query: string) => {
      const { agent } = await signInStaff(t, `${who}@kmpt.nhs.uk`);
      const $ = cheerio.load((await agent.get(`/staff/reports?${query}`).expect(200)).text);
      const table = $('caption:contains("Comments given each theme")').closest('table');
      return table
        .find('tbody tr')
        .map((_, tr) =>
          $(tr)
            .find('th, td')
            .map((__, c) => $(c).text().trim())
            .get()
            .join(' | '),
        )
        .get();
    };
    expect(await cellsFor('quality', 'month=2026-10&suppression=none')).toEqual([
      'Staff manner and personal attributes | 8 | 2',
      'Food and drink | 6 | 0',
      'Access to services and waiting | 5 | 7',
      'Cleanliness | 3 | 0',
      'Discharge and transfers | 2 | 0',
    ]);
    expect(await cellsFor('viewer', 'month=2026-10&suppression=none')).toEqual([
      'Staff manner and personal attributes | 8 | *',
      'Food and drink | 6 | 0',
      'Access to services and waiting | 5 | *',
      'Cleanliness | * | 0',
      'Discharge and transfers | * | 0',
    ]);
  });
});

/** October at the trust: 18 people answered the age question; 1 answered nothing about equality. */
function equalityApp(): TestApp {
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
  const write = responseWriter(t.deps.db);
  const aged = (age: string, fft: number, n: number) =>
    writeMany(write, n, { team: 'amberwood', fft, on: '2026-10-12', answers: { eq_age_band: age } });
  // 18 to 24: 6 (very good 3, good 1, poor 1, don't know 1).
  aged('18_24', 1, 3);
  aged('18_24', 2, 1);
  aged('18_24', 4, 1);
  aged('18_24', 6, 1);
  // 25 to 34: 10 (very good 5, good 2, neither 1, very poor 2).
  aged('25_34', 1, 5);
  aged('25_34', 2, 2);
  aged('25_34', 3, 1);
  aged('25_34', 5, 2);
  // 45 to 54: 2 (very good 1, very poor 1).
  aged('45_54', 1, 1);
  aged('45_54', 5, 1);
  write({ team: 'ruby', fft: 1, on: '2026-10-12' });
  // A stored value no option offers (as an older question version might have): listed under its own value.
  write({ team: 'ruby', fft: 1, on: '2026-10-12', answers: { eq_religion: '=HYPERLINK("x")' } });
  return t;
}

describe('equality breakdowns', () => {
  const t = equalityApp();
  const agents: Record<string, StaffAgent> = {};
  beforeAll(async () => {
    await createStaffUser(t, 'viewer@kmpt.nhs.uk', ['viewer']);
    await createStaffUser(t, 'quality@kmpt.nhs.uk', ['quality']);
    await createStaffUser(t, 'pals@kmpt.nhs.uk', ['pals']);
    const acute = (
      t.deps.db.prepare("SELECT id FROM directorates WHERE code = 'acute'").get() as { id: number }
    ).id;
    await t.deps.services.staff.admin.createWithPassword({
      email: 'acute-viewer@kmpt.nhs.uk',
      password: TEST_PASSWORD,
      roles: [{ role: 'viewer', directorateId: acute, teamId: null }],
    });
    for (const who of ['viewer', 'quality', 'pals', 'acute-viewer']) {
      agents[who] = await signInStaff(t, `${who}@kmpt.nhs.uk`);
    }
  });

  it('computes FFT figures per answer from summed counts, always suppressed', () => {
    const result = service(t).equality(request({ suppress: false }));
    expect(result.suppressed).toBe(true);
    const age = result.questions.find((q) => q.name === 'age_band')!;
    const figures = (row: (typeof age)['answered']) => [
      row.name,
      row.total,
      row.counts.join(' '),
      row.percentPositive,
      row.percentNegative,
      row.reason,
    ];
    expect(figures(age.answered)).toEqual(['Age', 18, '9 3 1 1 3 1', 67, 22, 'none']);
    const byAnswer = new Map(age.rows.map((r) => [r.name, figures(r)]));
    expect(byAnswer.get('18 to 24')).toEqual(['18 to 24', 6, '* * * * * *', 67, 17, 'second_level']);
    expect(byAnswer.get('25 to 34')).toEqual(['25 to 34', 10, '5 2 1 0 2 0', 70, 20, 'none']);
    expect(byAnswer.get('45 to 54')).toEqual(['45 to 54', 2, '* * * * * *', '*', '*', 'first_level']);
    expect(byAnswer.get('Under 18')).toEqual(['Under 18', 0, '0 0 0 0 0 0', 'NA', 'NA', 'none']);
    expect(result.questions.map((q) => q.name)).toEqual([
      'age_band',
      'gender_identity',
      'ethnic_category',
      'sexual_orientation',
      'disability',
      'religion',
      'carer',
      'veteran',
      'detention_status',
    ]);
    expect(result.questions.find((q) => q.name === 'gender_identity')!.answered.total).toBe(0);
  });

  const ageRows = (html: string) => {
    const $ = cheerio.load(html);
    return $('caption:contains("Age")')
      .closest('table')
      .find('tbody tr')
      .map((_, tr) =>
        $(tr)
          .find('th, td')
          .map((__, c) => $(c).text().trim())
          .get()
          .slice(0, 4)
          .join(' | '),
      )
      .get();
  };
  const expectedAgeRows = [
    'Everyone who answered | 18 | 67% (12 of 18) | 22% (4 of 18)',
    'Under 18 | 0 | NA | NA',
    '18 to 24 | * | 67% | 17%',
    '25 to 34 | 10 | 70% (7 of 10) | 20% (2 of 10)',
    '35 to 44 | 0 | NA | NA',
    '45 to 54 | * | * | *',
    '55 to 64 | 0 | NA | NA',
    '65 to 74 | 0 | NA | NA',
    '75 or over | 0 | NA | NA',
    'Prefer not to say | 0 | NA | NA',
  ];

  it.each(['quality', 'viewer'])(
    'shows %s the same suppressed tables, linked from the dashboard',
    async (who) => {
      const { agent } = agents[who]!;
      const dashboard = cheerio.load(
        (await agent.get('/staff/reports?month=2026-10&suppression=none').expect(200)).text,
      );
      const href = dashboard('a:contains("equality questions")').attr('href');
      expect(href).toBe('/staff/reports/equality?month=2026-10&suppression=none');
      const res = await agent.get(href!).expect(200);
      const $ = cheerio.load(res.text);
      expect($('title').text()).toMatch(/^Equality breakdowns: Kent and Medway/);
      expect($('h1').text()).toContain('October 2026');
      expect($('.nhsuk-inset-text').text()).toContain('every equality breakdown is suppressed');
      expect(ageRows(res.text)).toEqual(expectedAgeRows);
      expect($('a[download]').length).toBe(who === 'quality' ? 1 : 0);
    },
  );

  it('refuses PALS-only staff, and a scoped viewer outside their scope', async () => {
    await agents.pals!.agent.get('/staff/reports/equality?month=2026-10').expect(403);
    await agents['acute-viewer']!.agent.get('/staff/reports/equality?month=2026-10&scope=trust').expect(403);
    const own = await agents['acute-viewer']!.agent.get(
      '/staff/reports/equality?month=2026-10&scope=directorate:acute',
    ).expect(200);
    expect(cheerio.load(own.text)('h1').text()).toContain('Acute');
  });

  it('answers bad filters with 400', async () => {
    await agents.quality!.agent.get('/staff/reports/equality?month=October').expect(400);
    await agents.quality!.agent.get('/staff/reports/equality?scope=team:no-such-team').expect(400);
  });

  it('exports the same table as CSV for quality only, labelled suppressed, formula-safe and audited', async () => {
    await agents.viewer!.agent.get('/staff/reports/export/equality.csv?month=2026-10').expect(403);
    const res = await agents
      .quality!.agent.get('/staff/reports/export/equality.csv?month=2026-10&suppression=none')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200)
      .expect('Content-Type', 'text/csv; charset=utf-8')
      .expect('Content-Disposition', 'attachment; filename="equality-suppressed-2026-10-to-2026-10.csv"');
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'Period',
      'Scope',
      'Structure',
      'Suppression',
      'Question',
      'Answer',
      'Very good',
      'Good',
      'Neither good nor poor',
      'Poor',
      'Very poor',
      "Don't know",
      'Total responses',
      '% positive',
      '% negative',
      'Suppressed because',
    ]);
    const age = rows.filter((r) => r[4] === 'Age').map((r) => [r[5], ...r.slice(6, 16)].join(' '));
    expect(age.slice(0, 4)).toEqual([
      'All who answered 9 3 1 1 3 1 18 67 22 ',
      'Under 18 0 0 0 0 0 0 0 NA NA ',
      '18 to 24 * * * * * * * 67 17 second_level',
      '25 to 34 5 2 1 0 2 0 10 70 20 ',
    ]);
    expect(rows.slice(1).every((r) => r[3]!.startsWith('Suppressed'))).toBe(true);
    // A header, then per question everyone who answered and each answer offered (68), and the stored extra value.
    expect(rows).toHaveLength(1 + 68 + 1);
    expect(rows.find((r) => r[4] === 'Religion or belief' && r[5]!.includes('HYPERLINK'))?.[5]).toBe(
      `'=HYPERLINK("x")`,
    );
    const audit = t.deps.db
      .prepare(
        "SELECT actor_email AS actor, object_id AS kind, details FROM audit_events WHERE action = 'report.exported'",
      )
      .all() as { actor: string; kind: string; details: string }[];
    expect(audit).toEqual([expect.objectContaining({ actor: 'quality@kmpt.nhs.uk', kind: 'equality' })]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ suppressed: true, rows: rows.length - 1 });
  });
});
