import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseStartupError, checkIntegrity, databaseSizeMb, openDatabase } from '../../src/db/database';
import { buildTestApp } from '../support/test-app';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'startup-check-')), 'feedback.db');

describe('the start-up integrity check', () => {
  it('runs quick_check on a database under the size limit', () => {
    const { logger } = buildTestApp({ databasePath: tempFile() });
    expect(logger.lines.join('\n')).not.toContain('structure only');
  });

  it('checks only the structure of a database over the limit, and says so in the log', () => {
    const { logger, app } = buildTestApp({
      databasePath: tempFile(),
      env: { STARTUP_QUICK_CHECK_MAX_MB: '0' },
    });
    expect(app).toBeDefined();
    expect(logger.lines.join('\n')).toContain('start-up integrity check: structure only');
  });

  it.each(['structure', 'quick', 'full'] as const)('%s: refuses a file that is not a database', (mode) => {
    const file = tempFile();
    fs.writeFileSync(file, 'this is not a database '.repeat(500));
    expect(() => checkIntegrity(openDatabase(file), mode)).toThrow(DatabaseStartupError);
  });

  it('measures the database size from its pages', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (x TEXT) STRICT');
    db.prepare('INSERT INTO t (x) VALUES (:x)').run({ x: 'x'.repeat(2_000_000) });
    expect(databaseSizeMb(db)).toBeGreaterThan(1.9);
    expect(databaseSizeMb(db)).toBeLessThan(2.5);
  });
});
