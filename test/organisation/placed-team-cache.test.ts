import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { actorFor, listAuditSink } from '../../src/audit-sink';
import { createOrganisationChanges } from '../../src/organisation/organisation-changes';
import { buildTestApp } from '../support/test-app';

describe('the placed-team cache of the organisation repository', () => {
  it('answers repeated lookups from the cache, and an organisation change on this connection empties it', () => {
    const t = buildTestApp();
    const organisation = t.deps.services.organisation;
    const first = organisation.findTeamOn('amberwood', '2026-11-23');
    expect(organisation.findTeamOn('amberwood', '2026-11-23')).toBe(first);
    createOrganisationChanges(t.deps.db, t.clock, listAuditSink(), organisation).changePlacement(
      'amberwood',
      { name: 'Amberwood Ward (renamed)' },
      '2026-11-20',
      actorFor(null),
    );
    expect(organisation.findTeamOn('amberwood', '2026-11-23')?.name).toBe('Amberwood Ward (renamed)');
    expect(organisation.findTeamOn('amberwood', '2026-11-19')?.name).toBe(first?.name);
  });

  it('sees a commit by another connection (a script, a second process) from the next turn of the event loop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmpt-cache-'));
    try {
      const t = buildTestApp({ databasePath: path.join(dir, 'feedback.db') });
      const organisation = t.deps.services.organisation;
      expect(organisation.findTeamOn('amberwood', '2026-11-23')?.name).toBe('Amberwood Ward');
      const other = new Database(path.join(dir, 'feedback.db'));
      other
        .prepare(
          `UPDATE team_placements SET name = 'Amberwood (other process)'
           WHERE team_id = (SELECT id FROM teams WHERE code = 'amberwood')`,
        )
        .run();
      other.close();
      // The generation is read once per turn (src/db/organisation-generation.ts): this turn still has the cached team.
      expect(organisation.findTeamOn('amberwood', '2026-11-23')?.name).toBe('Amberwood Ward');
      await new Promise((resolve) => setImmediate(resolve));
      expect(organisation.findTeamOn('amberwood', '2026-11-23')?.name).toBe('Amberwood (other process)');
      t.deps.db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its team objects when another connection stores responses (the store worker commits many a second)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmpt-cache-'));
    try {
      const t = buildTestApp({ databasePath: path.join(dir, 'feedback.db') });
      const organisation = t.deps.services.organisation;
      const offers = () =>
        t.deps.services.feedback.offeredSurveys(organisation.findTeamOn('amberwood', '2026-11-23')!);
      const team = organisation.findTeamOn('amberwood', '2026-11-23');
      const offered = offers();
      const dataVersion = () => t.deps.db.pragma('data_version', { simple: true }) as number;
      const before = dataVersion();
      const other = new Database(path.join(dir, 'feedback.db'));
      other.prepare("INSERT INTO app_settings (key, value) VALUES ('cache-test', 'x')").run();
      other.close();
      await new Promise((resolve) => setImmediate(resolve));
      // The other connection's commit is visible here (a cache watching data_version would have started again)...
      expect(dataVersion()).not.toBe(before);
      // ...but it changed nothing the caches are built from.
      expect(organisation.findTeamOn('amberwood', '2026-11-23')).toBe(team);
      expect(offers()).toEqual(offered);
      t.deps.db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
