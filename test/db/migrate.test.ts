import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseStartupError, checkIntegrity, openDatabase } from '../../src/db/database';
import { migrate, readMigrations } from '../../src/db/migrate';
import { migrationsDir } from '../../src/paths';

const now = () => new Date('2026-11-23T10:00:00Z');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-migrate-'));
}

describe('migrations', () => {
  it('creates every table on an empty database and records each migration', () => {
    const db = openDatabase(':memory:');
    const applied = migrate(db, readMigrations(migrationsDir), now);
    expect(applied).toEqual(readMigrations(migrationsDir).map((m) => m.version));
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'responses',
        'comments',
        'response_answers',
        'teams',
        'team_placements',
        'survey_versions',
      ]),
    );
  });

  it('does nothing on an already-migrated database', () => {
    const db = openDatabase(':memory:');
    migrate(db, readMigrations(migrationsDir), now);
    expect(migrate(db, readMigrations(migrationsDir), now)).toEqual([]);
  });

  it('applies only the new migration when one is added', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '0001_create_things.sql'),
      'CREATE TABLE things (id INTEGER PRIMARY KEY) STRICT;',
    );
    const db = openDatabase(':memory:');
    expect(migrate(db, readMigrations(dir), now)).toEqual([1]);
    fs.writeFileSync(path.join(dir, '0002_add_name.sql'), 'ALTER TABLE things ADD COLUMN name TEXT;');
    expect(migrate(db, readMigrations(dir), now)).toEqual([2]);
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = tempDir();
    const file = path.join(dir, '0001_create_things.sql');
    fs.writeFileSync(file, 'CREATE TABLE things (id INTEGER PRIMARY KEY) STRICT;');
    const db = openDatabase(':memory:');
    migrate(db, readMigrations(dir), now);
    fs.writeFileSync(file, 'CREATE TABLE things (id INTEGER PRIMARY KEY, extra TEXT) STRICT;');
    expect(() => migrate(db, readMigrations(dir), now)).toThrow(/was edited after it was applied/);
  });

  it('rolls back a migration that fails part-way, leaving nothing half-applied', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '0001_broken.sql'),
      'CREATE TABLE things (id INTEGER PRIMARY KEY) STRICT; INSERT INTO no_such_table VALUES (1);',
    );
    const db = openDatabase(':memory:');
    expect(() => migrate(db, readMigrations(dir), now)).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'things'").get()).toEqual({
      n: 0,
    });
  });

  it('refuses misnamed or duplicate-numbered migration files', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0002_other.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/Two migrations are numbered 2/);
    fs.writeFileSync(path.join(dir, 'first.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/NNNN_snake_case/);
  });
});

describe('opening the database', () => {
  it('uses WAL, synchronous=FULL and foreign keys on a file database', () => {
    const db = openDatabase(path.join(tempDir(), 'feedback.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('keeps savepoint journals in memory on a writer, and temporary files on disk on a read-only connection', () => {
    const file = path.join(tempDir(), 'feedback.db');
    const writer = openDatabase(file);
    const reader = openDatabase(file, { readonly: true });
    expect(writer.pragma('temp_store', { simple: true })).toBe(2);
    expect(reader.pragma('temp_store', { simple: true })).toBe(0);
    reader.close();
    writer.close();
  });

  it('refuses a file that is not a database with a clear message', () => {
    const file = path.join(tempDir(), 'feedback.db');
    fs.writeFileSync(file, 'this is not a database '.repeat(100));
    expect(() => {
      const db = openDatabase(file);
      checkIntegrity(db);
    }).toThrow(DatabaseStartupError);
  });
});
