import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, writeWithoutFlush } from '../../src/db/database';

describe('writeWithoutFlush (survey drafts)', () => {
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unflushed-')), 'feedback.db'));
  const synchronous = () => db.pragma('synchronous', { simple: true }) as number;
  afterAll(() => db.close());

  it('commits with synchronous=NORMAL and puts FULL back, even when the write fails', () => {
    expect(writeWithoutFlush(db, synchronous)).toBe(1);
    expect(synchronous()).toBe(2);
    expect(() =>
      writeWithoutFlush(db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(synchronous()).toBe(2);
  });

  it('inside an open transaction, joins it with its full durability', () => {
    expect(db.transaction(() => writeWithoutFlush(db, synchronous))()).toBe(2);
    expect(synchronous()).toBe(2);
  });
});
