import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export class DatabaseStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseStartupError';
  }
}

/**
 * Opens the database with the pragmas every connection must have:
 * - WAL, so readers (reports, exports) never block the writer;
 * - synchronous=FULL: with WAL, NORMAL can lose the last commits on power loss, and a response the
 *   person saw acknowledged must survive a crash of the process or the machine (docs/decisions/0002);
 * - foreign keys on, and a busy timeout for the second connection an export or backup opens;
 * - temp_store=MEMORY on a writer: each group-commit unit runs in a savepoint, whose journal (the pages it changes,
 *   about 37 a response) SQLite spills past 64 KB to a temporary file, one write call per page. In memory, that is
 *   a copy. Read-only connections (the export) keep temporary files on disk, so a large sort cannot grow the heap.
 * The pragmas are read back and start-up refuses to continue when one did not take.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const inMemory = file === ':memory:';
  if (!inMemory && !options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    throw new DatabaseStartupError(`Cannot open the database at ${file}: ${(error as Error).message}`);
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('temp_store = MEMORY');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    checkPragmas(db, { wal: !inMemory });
  } catch (error) {
    db.close();
    if (error instanceof DatabaseStartupError) throw error;
    throw new DatabaseStartupError(`The database at ${file} cannot be used: ${(error as Error).message}`);
  }
  return db;
}

/** Refuses a connection whose durability or integrity settings are not what the product promises. */
export function checkPragmas(db: Db, expect: { wal: boolean }): void {
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  const problems: string[] = [];
  if (expect.wal && journal !== 'wal') problems.push(`journal_mode is ${journal}, expected wal`);
  if (synchronous !== 2) problems.push(`synchronous is ${synchronous}, expected 2 (FULL)`);
  if (foreignKeys !== 1) problems.push('foreign_keys is off');
  if (problems.length > 0)
    throw new DatabaseStartupError(`Database settings are wrong: ${problems.join('; ')}`);
}

/**
 * Integrity checks. 'full' (integrity_check) reads and cross-checks every page: the backup script runs it on each copy.
 * 'quick' (quick_check) skips the index cross-checks but still reads every page: about 3 s on a 1,000,000-response
 * database on our machines. 'structure' reads the header and the whole schema, which catches a file that is not a
 * database, a truncated file or a damaged schema, in milliseconds whatever the size (start-up on a large database).
 */
export function checkIntegrity(db: Db, mode: 'structure' | 'quick' | 'full' = 'quick'): void {
  let result: string;
  try {
    if (mode === 'structure') {
      db.pragma('schema_version', { simple: true });
      db.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
      result = 'ok';
    } else {
      result = db.pragma(mode === 'quick' ? 'quick_check' : 'integrity_check', { simple: true }) as string;
    }
  } catch (error) {
    throw new DatabaseStartupError(`The database failed its integrity check: ${(error as Error).message}`);
  }
  if (result !== 'ok') throw new DatabaseStartupError(`The database failed its integrity check: ${result}`);
}

/** The database's size in megabytes, from its page count (cheap: no file system call, works for :memory:). */
export function databaseSizeMb(db: Db): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return (pages * pageSize) / 1_048_576;
}
