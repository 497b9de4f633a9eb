import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database';
import { DatabaseStartupError } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the numbered, forward-only SQL files in order. */
export function readMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = fileName.exec(name);
      if (!match) throw new DatabaseStartupError(`Migration file ${name} must be named NNNN_snake_case.sql`);
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] ?? name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (index > 0 && m.version === migrations[index - 1]?.version) {
      throw new DatabaseStartupError(`Two migrations are numbered ${m.version}: each number is used once`);
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded, each in its own transaction, and refuses to start if a migration
 * that was already applied has since been edited (merged migrations are never changed).
 * Returns the versions applied by this call.
 */
export function migrate(db: Db, migrations: Migration[], now: () => Date): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Map(
    (
      db.prepare('SELECT version, checksum FROM schema_migrations').all() as {
        version: number;
        checksum: string;
      }[]
    ).map((row) => [row.version, row.checksum]),
  );
  for (const [version, checksum] of applied) {
    const known = migrations.find((m) => m.version === version);
    if (!known) {
      throw new DatabaseStartupError(
        `The database has migration ${version}, which this version of the app does not know: is the app older than the database?`,
      );
    }
    if (known.checksum !== checksum) {
      throw new DatabaseStartupError(
        `Migration ${version} (${known.name}) was edited after it was applied. Write a new migration instead.`,
      );
    }
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (:version, :name, :checksum, :appliedAt)',
  );
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run({
        version: migration.version,
        name: migration.name,
        checksum: migration.checksum,
        appliedAt: now().toISOString(),
      });
    })();
    done.push(migration.version);
  }
  return done;
}
