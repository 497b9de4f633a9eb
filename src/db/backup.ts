import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Db } from './database';

/**
 * Online backups with SQLite's backup API (better-sqlite3's db.backup): a consistent copy in one read transaction
 * while the app keeps committing (WAL), then verified by opening the copy and running the full PRAGMA
 * integrity_check and counting rows. Restores go into a stopped app's path only.
 */

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  counts: { responses: number; responseAnswers: number; comments: number };
  schemaVersion: number;
  backupMs: number;
  verifyMs: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Opens a backup read-only and checks it: integrity_check must say ok and the app's tables must be there. */
export function verifyBackup(file: string): Omit<BackupReport, 'backupMs' | 'verifyMs'> {
  if (!fs.existsSync(file)) throw new BackupError(`There is no backup at ${file}`);
  let copy: Db;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const integrity = copy.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new BackupError(`${file} failed its integrity check: ${integrity}`);
    const n = (statement: Database.Statement) => (statement.get() as { n: number }).n;
    return {
      file,
      bytes: fs.statSync(file).size,
      integrity,
      counts: {
        responses: n(copy.prepare('SELECT count(*) AS n FROM responses')),
        responseAnswers: n(copy.prepare('SELECT count(*) AS n FROM response_answers')),
        comments: n(copy.prepare('SELECT count(*) AS n FROM comments')),
      },
      schemaVersion: n(copy.prepare('SELECT coalesce(max(version), 0) AS n FROM schema_migrations')),
    };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a backup of this app: ${(error as Error).message}`);
  } finally {
    copy.close();
  }
}

/**
 * Takes an online backup of an open database into `file` (written beside it first, then renamed), and verifies it.
 * Every page is copied in one step: one read transaction, so a commit by another connection cannot restart the copy
 * (SQLite restarts a paced backup when another connection writes between its steps, and under steady submissions a
 * large file might never finish). It keeps the calling thread busy until done (2.8 s for the 855 MB demo million):
 * `npm run db:backup` is a process of its own, and the server's scheduled backups run in `backupInThread`.
 */
export async function backupDatabase(db: Db, file: string): Promise<BackupReport> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  // The first step only counts the pages; the progress callback sets the size of the next: all of them.
  await db.backup(partial, { progress: ({ totalPages }) => totalPages + 1 });
  singleFile(partial);
  const backupMs = performance.now() - started;
  const verifying = performance.now();
  const report = verifyBackup(partial);
  fs.renameSync(partial, file);
  return { ...report, file, backupMs, verifyMs: performance.now() - verifying };
}

/**
 * Takes a verified backup of the database file on a thread of its own (src/db/backup-thread.ts), with its own
 * read-only connection: the copy in one step, so the app's commits meanwhile cannot restart it, then the full
 * integrity_check of the copy (14 s for the demo million). Neither pages nor survey posts wait for either; they
 * share only the machine. The app's scheduled backups run this way.
 */
export function backupInThread(databasePath: string, file: string): Promise<BackupReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'backup-thread.js'), {
      workerData: { databasePath, file },
    });
    worker.once(
      'message',
      (message: { ok: true; report: BackupReport } | { ok: false; name: string; message: string }) => {
        if (message.ok) resolve(message.report);
        else if (message.name === 'BackupError') reject(new BackupError(message.message));
        else reject(Object.assign(new Error(message.message), { name: message.name }));
      },
    );
    worker.once('error', reject);
    // After a report this settles nothing; without one, the thread died before it could say why.
    worker.once('exit', (code) =>
      reject(new BackupError(`The backup thread stopped with exit code ${code}`)),
    );
  });
}

/** A backup copies the WAL flag of its source: switch the copy to a rollback journal, so it is one self-contained file. */
function singleFile(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** True when another connection (a running app) has the database open: SQLite refuses us an exclusive lock. */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const probe = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * Restores a verified backup into the database path of a STOPPED app. Refuses if the app has the database open.
 * The current database is kept beside it as `<name>.before-restore-<time>` rather than deleted.
 */
export async function restoreDatabase(
  backupFile: string,
  databasePath: string,
  now: Date,
): Promise<{ report: ReturnType<typeof verifyBackup>; keptPrevious: string | undefined }> {
  const report = verifyBackup(backupFile);
  if (databaseInUse(databasePath)) {
    throw new BackupError(
      `The database at ${databasePath} is in use: stop the app first (a restore never replaces a live database).`,
    );
  }
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const incoming = `${databasePath}.restoring`;
  fs.rmSync(incoming, { force: true });
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming);
  } finally {
    source.close();
  }
  singleFile(incoming);
  verifyBackup(incoming);
  let keptPrevious: string | undefined;
  if (fs.existsSync(databasePath)) {
    keptPrevious = `${databasePath}.before-restore-${stamp(now)}`;
    fs.renameSync(databasePath, keptPrevious);
    // The stopped app's WAL belongs to the old file: keep it with it, never let it apply to the restored one.
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(databasePath + suffix)) fs.renameSync(databasePath + suffix, keptPrevious + suffix);
    }
  }
  fs.renameSync(incoming, databasePath);
  return { report, keptPrevious };
}

/** 20261123T101500Z: sorts by time, safe in file names. */
export function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

const scheduledName = /^feedback-\d{8}T\d{6}Z\.db$/;

/** Deletes the oldest scheduled backups in `dir` beyond the newest `keep`. Returns the files deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => scheduledName.test(name))
    .sort();
  const doomed = files.slice(0, Math.max(0, files.length - keep));
  for (const name of doomed) fs.rmSync(path.join(dir, name));
  return doomed;
}

/**
 * Scheduled backups in the server: every `intervalMinutes`, a verified backup into `dir` named by its time, then
 * the oldest beyond `keep` are deleted. A failure is logged and the next run tries again. Returns a stop function.
 */
export function scheduleBackups(options: {
  /** Takes one verified backup into the file (the server passes backupInThread). */
  backup: (file: string) => Promise<BackupReport>;
  dir: string;
  intervalMinutes: number;
  keep: number;
  clock: Clock;
  logger: Logger;
}): () => void {
  const { dir, keep, clock, logger } = options;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const report = await options.backup(path.join(dir, `feedback-${stamp(clock.now())}.db`));
      const pruned = pruneBackups(dir, keep);
      logger.info('scheduled backup taken', {
        file: path.basename(report.file),
        responses: report.counts.responses,
        backupMs: Math.round(report.backupMs),
        verifyMs: Math.round(report.verifyMs),
        pruned: pruned.length,
      });
    } catch (error) {
      logger.error('scheduled backup failed', {
        error: (error as Error).name,
        detail: (error as Error).message,
      });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), options.intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
