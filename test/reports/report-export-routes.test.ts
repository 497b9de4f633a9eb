import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { readReturnMapping } from '../../src/reports/report-exports';
import { createReportRepository } from '../../src/reports/report-repository';
import { createReportService } from '../../src/reports/report-service';
import { reportExportRoutes, type ExportRecord } from '../../src/routes/reports/report-export-routes';
import { parseCsv } from '../support/csv';
import { buildTestApp } from '../support/test-app';
import { responseWriter, writeMany } from '../support/report-data';

function exportApp(roles: { unsuppress?: boolean; freeText?: boolean } = {}) {
  const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'export-routes-')), 'feedback.db');
  const t = buildTestApp({ now: '2026-11-23T10:00:00Z', databasePath });
  const write = responseWriter(t.deps.db);
  write({ team: 'amberwood', fft: 1, comments: [{ itemCode: 'what_good', body: '@SUM(A1) kind staff' }] });
  writeMany(write, 6, { team: 'ruby', fft: 2 });
  const reportRepository = createReportRepository(t.deps.db);
  const audit: ExportRecord[] = [];
  const app = express();
  app.set('query parser', 'simple');
  app.use(
    reportExportRoutes({
      reports: createReportService({ reports: reportRepository, clock: t.clock, trustName: 'Trust' }),
      reportRepository,
      clock: t.clock,
      databasePath,
      orgCode: 'RXY',
      returnMapping: readReturnMapping(path.join(__dirname, '..', '..', 'data', 'fft-return-mapping.json')),
      mayUnsuppress: () => roles.unsuppress ?? false,
      mayReadFreeText: () => roles.freeText ?? false,
      onExport: (_req, record) => audit.push(record),
    }),
  );
  return { app, audit };
}

describe('export routes', () => {
  it('sends the FFT return as a CSV attachment and records the export', async () => {
    const { app, audit } = exportApp();
    const res = await request(app).get('/staff/reports/export/fft-return.csv?month=2026-10').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="fft-return-RXY-2026-10.csv"');
    expect(parseCsv(res.text.replace('\uFEFF', ''))).toHaveLength(3);
    expect(audit).toEqual([
      {
        kind: 'fft_return',
        period: '2026-10',
        scope: 'trust',
        basis: 'as_recorded',
        suppressed: false,
        freeText: false,
        rows: 2,
      },
    ]);
  });

  it.each([
    [{}, false],
    [{ freeText: true }, true],
  ])('includes free text in the responses export only for a caller allowed it (%p)', async (roles, shown) => {
    const { app, audit } = exportApp(roles);
    const res = await request(app).get('/staff/reports/export/responses.csv?month=2026-10').expect(200);
    expect(res.text.includes("'@SUM(A1) kind staff")).toBe(shown);
    expect(res.text).not.toContain(',@SUM');
    expect(audit[0]).toMatchObject({ kind: 'responses', freeText: shown, rows: 7 });
  });

  it.each([
    [{}, 'Suppressed (NHS England small-number rules)', '*'],
    [{ unsuppress: true }, 'Unsuppressed: internal use only, do not publish', '1'],
  ])(
    'exports aggregates suppressed unless the caller may see them unsuppressed (%p)',
    async (roles, label, amberwood) => {
      const { app } = exportApp(roles);
      const res = await request(app)
        .get('/staff/reports/export/aggregates.csv?month=2026-10&suppression=none')
        .expect(200);
      const rows = parseCsv(res.text.replace('\uFEFF', ''));
      expect(rows[1]?.[2]).toBe(label);
      expect(rows.find((r) => r[5] === 'Amberwood Ward')?.[6]).toBe(amberwood);
    },
  );

  it.each([['month=nope'], ['scope=team:nowhere']])('refuses bad filters (%s) with a 400', async (query) => {
    const { app, audit } = exportApp();
    await request(app).get(`/staff/reports/export/aggregates.csv?${query}`).expect(400);
    expect(audit).toEqual([]);
  });
});
