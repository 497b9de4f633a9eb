import * as cheerio from 'cheerio';
import express from 'express';
import request from 'supertest';
import { createReportRepository } from '../../src/reports/report-repository';
import { createReportService } from '../../src/reports/report-service';
import { reportRoutes } from '../../src/routes/reports/report-routes';
import { registerViewEngine } from '../../src/view-engine';
import { buildTestApp } from '../support/test-app';
import { responseWriter, writeMany } from '../support/report-data';

/** The report router on a small app with the real view engine (the lead mounts it behind staff roles). */
function reportApp(options: { mayUnsuppress?: boolean } = {}) {
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z' });
  const write = responseWriter(t.deps.db);
  writeMany(write, 9, { team: 'amberwood', fft: 1, on: '2026-10-05' });
  writeMany(write, 1, { team: 'amberwood', fft: 4, on: '2026-10-06' });
  writeMany(write, 2, { team: 'cherrywood', fft: 2, on: '2026-10-07' });
  writeMany(write, 20, { team: 'amberwood', fft: 2, on: '2026-09-07' });
  writeMany(write, 1, { team: 'amberwood', fft: 5, on: '2026-08-07' });
  const app = express();
  app.set('query parser', 'simple');
  registerViewEngine(app, { cache: false });
  app.locals.serviceName = 'Feedback';
  app.use(
    reportRoutes({
      reports: createReportService({
        reports: createReportRepository(t.deps.db),
        clock: t.clock,
        trustName: 'Kent and Medway NHS and Social Care Partnership Trust',
      }),
      clock: t.clock,
      mayUnsuppress: () => options.mayUnsuppress ?? false,
    }),
  );
  return app;
}

const cellsOfRow = ($: cheerio.CheerioAPI, name: string) =>
  $('tbody tr')
    .filter((_, tr) => $(tr).find('th').first().text().trim() === name)
    .first()
    .find('td')
    .map((_, td) => $(td).text().trim())
    .get();

describe('GET /staff/reports', () => {
  it('shows last complete month for the trust by default, suppressed, stating the structure', async () => {
    const res = await request(reportApp()).get('/staff/reports').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toContain('Kent and Medway NHS and Social Care Partnership Trust');
    expect($('h1 .nhsuk-caption-l').text()).toBe('October 2026');
    expect($('.nhsuk-inset-text').text()).toContain('Structure as recorded when each response was given');
    expect($('.nhsuk-inset-text').text()).toContain('Small numbers suppressed');
    // Cherrywood (2 responses) starred; Amberwood starred at the second level, percentages kept.
    expect(cellsOfRow($, 'Cherrywood Ward')).toEqual([
      'Team',
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      '2',
      '*',
      '*',
      expect.any(String),
    ]);
    expect(cellsOfRow($, 'Amberwood Ward').slice(1, 10)).toEqual([
      '*',
      '*',
      '*',
      '*',
      '*',
      '*',
      '10',
      '90%',
      '10%',
    ]);
    expect($('select#suppression')).toHaveLength(0);
  });

  it('draws two SVG charts, each with a title, and a data table of the same figures', async () => {
    const res = await request(reportApp()).get('/staff/reports').expect(200);
    const $ = cheerio.load(res.text);
    expect($('main svg[role=img]')).toHaveLength(2);
    $('main svg[role=img]').each((_, svg) => {
      for (const id of ($(svg).attr('aria-labelledby') ?? '').split(' ')) expect($(`#${id}`)).toHaveLength(1);
    });
    expect($('main svg rect')).toHaveLength(13);
    expect(cellsOfRow($, 'September 2026').slice(0, 2)).toEqual(['20', '100%']);
    expect(res.text).not.toMatch(/<script(?![^>]*src=)/);
    expect(res.text).not.toContain('style=');
  });

  it('lets a user allowed to see unsuppressed figures do so, clearly labelled', async () => {
    const res = await request(reportApp({ mayUnsuppress: true }))
      .get('/staff/reports?suppression=none&scope=directorate:acute&basis=current')
      .expect(200);
    const $ = cheerio.load(res.text);
    expect($('.nhsuk-inset-text').text()).toContain('Unsuppressed figures: for internal use only');
    expect($('.nhsuk-inset-text').text()).toContain('Current structure');
    expect(cellsOfRow($, 'Cherrywood Ward').slice(1, 10)).toEqual([
      '0',
      '2',
      '0',
      '0',
      '0',
      '0',
      '2',
      '100%',
      '0%',
    ]);
  });

  it('ignores a request for unsuppressed figures from a user who may not see them', async () => {
    const res = await request(reportApp()).get('/staff/reports?suppression=none').expect(200);
    expect(cheerio.load(res.text)('.nhsuk-inset-text').text()).toContain('Small numbers suppressed');
  });

  it.each([
    ['month=2026-13', 'month', 'Enter a month as a year and month, like 2026-10'],
    ['period=weekly', 'period', 'Select a type of period'],
    ['scope=ward:amberwood', 'scope', 'Select what to report on'],
    ['scope=team:nowhere', 'scope', 'Select what to report on from the list'],
    [
      'period=custom&month=2026-10&to=2026-01',
      'to',
      'The last month must be the same as or after the first month',
    ],
    ['basis=current&basis=as_recorded', 'basis', 'Select which structure to use'],
  ])(
    'answers %s with a friendly 400 and an error summary linking to the field',
    async (query, field, message) => {
      const res = await request(reportApp()).get(`/staff/reports?${query}`).expect(400);
      const $ = cheerio.load(res.text);
      expect($('title').text()).toMatch(/^Error: /);
      const link = $('.nhsuk-error-summary a');
      expect(link.first().attr('href')).toBe(`#${field}`);
      expect(link.first().text().trim()).toBe(message);
      expect($(`#${field}`)).toHaveLength(1);
    },
  );

  it('reports a financial year with the previous year for comparison', async () => {
    const res = await request(reportApp())
      .get('/staff/reports?period=financial_year&month=2026-10')
      .expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1 .nhsuk-caption-l').text()).toBe('2026/27 (April 2026 to March 2027)');
    expect($('.nhsuk-summary-list__value').first().text()).toContain('33');
  });
});
