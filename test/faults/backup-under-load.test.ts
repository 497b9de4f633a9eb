import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runJourneys } from '../../scripts/bench/journey-load';
import { stopServer } from '../../scripts/bench/server-process';
import { projectRoot } from '../../src/paths';
import { startApp, tempDir } from './fault-support';

const script = (name: string) => path.join(projectRoot, 'dist', 'scripts', `${name}.js`);
const run = (name: string, args: string[]) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, [script(name), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { ...result, ms: performance.now() - started };
};
/** Runs a script without blocking this process, so the load generator keeps going meanwhile. */
const runAsync = (name: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; ms: number }>((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script(name), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('exit', (status) => resolve({ status, stdout, ms: performance.now() - started }));
  });
/** The built module, whose backup thread is the compiled backup-thread.js beside it (ts-jest compiles only this). */
const builtBackup = () =>
  import(path.join(projectRoot, 'dist', 'src', 'db', 'backup.js')) as Promise<
    typeof import('../../src/db/backup')
  >;
const responsesIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** A server on a fresh database with 20 connections submitting for 4 s, already 1.5 s into that load. */
async function underLoad(name: string) {
  const dir = tempDir(name);
  const live = path.join(dir, 'feedback.db');
  const server = await startApp(live);
  const load = runJourneys({
    base: server.base,
    startPath: '/t/amberwood/friends-family-carers',
    connections: 20,
    durationMs: 4_000,
    maxJourneys: 50_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return { dir, live, server, load };
}

describe('backup under load (reliability proof 4)', () => {
  it('takes a verified online backup while submissions continue, refuses to restore over the live database, and the backup restores into a second instance that serves', async () => {
    const { dir, live, server, load } = await underLoad('backup');

    const backup = await runAsync('db-backup', [path.join(dir, 'copy.db'), '--database', live]);
    const refused = run('db-restore', [path.join(dir, 'copy.db'), '--database', live]);
    const result = await load;
    await stopServer(server);

    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('integrity_check ok');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('in use: stop the app first');
    expect(Object.keys(result.statuses).sort()).toEqual(['200', '303']);

    const second = path.join(dir, 'second', 'feedback.db');
    const restore = run('db-restore', [path.join(dir, 'copy.db'), '--database', second]);
    expect(restore.status).toBe(0);
    const inBackup = responsesIn(path.join(dir, 'copy.db'));
    expect(responsesIn(second)).toBe(inBackup);
    expect(inBackup).toBeGreaterThan(0);
    expect(inBackup).toBeLessThanOrEqual(result.acknowledged);

    const restored = await startApp(second);
    const status = await new Promise<number>((resolve, reject) =>
      http
        .get(new URL('/t/amberwood/friends-family-carers', restored.base), (res) =>
          resolve(res.statusCode ?? 0),
        )
        .on('error', reject),
    );
    await stopServer(restored);
    expect(status).toBe(200);
    process.stdout.write(
      `backup under load: ${backup.stdout.trim()} (script ${backup.ms.toFixed(0)} ms incl. start-up); ` +
        `${result.acknowledged} acknowledged during the run; restore ${restore.ms.toFixed(0)} ms; second instance served 200\n`,
    );
  });

  it("the server's scheduled backup (its own thread, the copy in one step) finishes under steady submissions and verifies", async () => {
    const { dir, live, server, load } = await underLoad('scheduled-backup');
    // What server.ts runs every BACKUP_INTERVAL_MINUTES, on the file the server is committing to.
    const started = performance.now();
    const report = await (await builtBackup()).backupInThread(live, path.join(dir, 'copy.db'));
    const ms = performance.now() - started;
    const result = await load;
    await stopServer(server);

    expect(report.integrity).toBe('ok');
    expect(report.counts.responses).toBeGreaterThan(0);
    expect(report.counts.responses).toBeLessThanOrEqual(result.acknowledged);
    expect(responsesIn(path.join(dir, 'copy.db'))).toBe(report.counts.responses);
    expect(Object.keys(result.statuses).sort()).toEqual(['200', '303']);
    process.stdout.write(
      `scheduled backup under load: ${report.counts.responses} responses copied in ${report.backupMs.toFixed(0)} ms, ` +
        `verified in ${report.verifyMs.toFixed(0)} ms (${ms.toFixed(0)} ms in all); ${result.acknowledged} acknowledged ` +
        `during the run\n`,
    );
  });
});
