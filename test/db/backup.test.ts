import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  backupDatabase,
  BackupError,
  databaseInUse,
  pruneBackups,
  restoreDatabase,
  scheduleBackups,
  stamp,
  verifyBackup,
} from '../../src/db/backup';
import { fixedClock } from '../../src/clock';
import { openDatabase } from '../../src/db/database';
import Database from 'better-sqlite3';
import { memoryLogger } from '../../src/logger';
import { buildTestApp, countRows, giveFeedback, openSurvey } from '../support/test-app';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));

async function appWithResponses(file: string, n: number) {
  const t = buildTestApp({ databasePath: file });
  for (let i = 0; i < n; i += 1) {
    await giveFeedback(t.app, 'amberwood', { fft: '1', what_good: `Kind staff ${i}` });
  }
  return t;
}

describe('backups', () => {
  it('takes an online backup of an open database and verifies it with integrity_check and row counts', async () => {
    const dir = tempDir();
    const t = await appWithResponses(path.join(dir, 'feedback.db'), 3);
    const report = await backupDatabase(t.deps.db, path.join(dir, 'copy.db'));
    expect(report.integrity).toBe('ok');
    expect(report.counts).toEqual({ responses: 3, responseAnswers: 3, comments: 3 });
    expect(report.schemaVersion).toBeGreaterThanOrEqual(4);
    expect(fs.existsSync(path.join(dir, 'copy.db.partial'))).toBe(false);
    t.deps.db.close();
  });

  it("npm run db:backup's copy (one step) finishes while the app commits between every turn of the event loop", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'feedback.db');
    const t = await appWithResponses(file, 2);
    // About 4 MB: a paced copy (100 pages a step) would take forty steps, each restarted by the next commit.
    t.deps.db.exec('CREATE TABLE filler (body TEXT NOT NULL) STRICT');
    const fill = t.deps.db.prepare('INSERT INTO filler (body) VALUES (:body)');
    t.deps.db.transaction(() => {
      for (let i = 0; i < 16_000; i += 1) fill.run({ body: `${i} ${'x'.repeat(200)}` });
    })();
    // The backup command's own connection, as a separate process would have, while the app keeps committing.
    const cli = openDatabase(file, { readonly: true });
    let writing = true;
    let commits = 0;
    const keepCommitting = () => {
      if (!writing) return;
      fill.run({ body: 'written during the backup' });
      commits += 1;
      setImmediate(keepCommitting);
    };
    setImmediate(keepCommitting);
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the copy had not finished after 20 s of commits')), 20_000);
    });
    try {
      const report = await Promise.race([backupDatabase(cli, path.join(dir, 'copy.db')), tooLong]);
      expect(report.integrity).toBe('ok');
      expect(report.counts.responses).toBe(2);
    } finally {
      clearTimeout(timer);
      writing = false;
      cli.close();
    }
    expect(commits).toBeGreaterThan(0);
    const copy = new Database(path.join(dir, 'copy.db'), { readonly: true });
    expect(
      (copy.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n,
    ).toBeGreaterThanOrEqual(16_000);
    copy.close();
    t.deps.db.close();
  }, 30_000);

  it.each([
    ['a file that is not a database', 'not a database '.repeat(300)],
    ['an empty database', ''],
  ])('refuses to verify %s', (_label, content) => {
    const file = path.join(tempDir(), 'copy.db');
    fs.writeFileSync(file, content);
    expect(() => verifyBackup(file)).toThrow(BackupError);
  });

  it('refuses to restore over a database the app has open, and changes nothing', async () => {
    const dir = tempDir();
    const live = await appWithResponses(path.join(dir, 'feedback.db'), 1);
    await backupDatabase(live.deps.db, path.join(dir, 'copy.db'));
    expect(databaseInUse(path.join(dir, 'feedback.db'))).toBe(true);
    await expect(
      restoreDatabase(path.join(dir, 'copy.db'), path.join(dir, 'feedback.db'), new Date()),
    ).rejects.toThrow(/in use: stop the app first/);
    expect(countRows(live.deps, 'responses')).toBe(1);
    live.deps.db.close();
  });

  it('restores into a stopped app path, keeping the previous database, and the app serves the restored data', async () => {
    const dir = tempDir();
    const source = await appWithResponses(path.join(dir, 'source.db'), 2);
    await backupDatabase(source.deps.db, path.join(dir, 'copy.db'));
    source.deps.db.close();
    const target = await appWithResponses(path.join(dir, 'target.db'), 5);
    target.deps.db.close();

    const at = new Date('2026-11-23T10:15:00Z');
    const { keptPrevious } = await restoreDatabase(
      path.join(dir, 'copy.db'),
      path.join(dir, 'target.db'),
      at,
    );
    expect(keptPrevious).toBe(path.join(dir, 'target.db.before-restore-20261123T101500Z'));
    const restored = buildTestApp({ databasePath: path.join(dir, 'target.db') });
    expect(countRows(restored.deps, 'responses')).toBe(2);
    await openSurvey(restored.app, 'amberwood');
    restored.deps.db.close();
  });

  it('keeps the newest scheduled backups and deletes the rest', () => {
    const dir = tempDir();
    const names = ['20261120T010000Z', '20261121T010000Z', '20261122T010000Z', '20261123T010000Z'].map(
      (s) => `feedback-${s}.db`,
    );
    for (const name of [...names, 'other.db']) fs.writeFileSync(path.join(dir, name), '');
    expect(pruneBackups(dir, 2)).toEqual(names.slice(0, 2));
    expect(fs.readdirSync(dir).sort()).toEqual([...names.slice(2), 'other.db'].sort());
    expect(stamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });

  it('takes a scheduled backup every interval, named by the time, and logs its counts', async () => {
    const dir = tempDir();
    const t = await appWithResponses(path.join(dir, 'feedback.db'), 1);
    const logger = memoryLogger();
    jest.useFakeTimers({
      doNotFake: ['setImmediate', 'setTimeout', 'nextTick', 'queueMicrotask', 'performance'],
    });
    try {
      const stop = scheduleBackups({
        backup: (file) => backupDatabase(t.deps.db, file),
        dir: path.join(dir, 'backups'),
        intervalMinutes: 60,
        keep: 3,
        clock: fixedClock('2026-11-23T02:00:00Z'),
        logger,
      });
      jest.advanceTimersByTime(60 * 60_000);
      for (let i = 0; i < 100 && !logger.lines.some((l) => l.includes('scheduled backup')); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      stop();
    } finally {
      jest.useRealTimers();
    }
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(['feedback-20261123T020000Z.db']);
    expect(logger.lines.join('\n')).toContain(
      '"msg":"scheduled backup taken","file":"feedback-20261123T020000Z.db","responses":1',
    );
    t.deps.db.close();
  });
});
