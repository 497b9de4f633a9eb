import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/db/database';
import { countSums, createGroupCommit } from '../../src/db/group-commit';

describe('group commit (public survey posts)', () => {
  let file: string;
  let db: Db;
  /** A second connection, as another process would see the file: it sees only what has committed. */
  let reader: Db;

  beforeEach(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-')), 'feedback.db');
    db = openDatabase(file);
    db.exec('CREATE TABLE notes (body TEXT NOT NULL UNIQUE) STRICT');
    reader = openDatabase(file, { readonly: true });
  });
  afterEach(() => {
    reader.close();
    db.close();
  });

  const insert = (body: string) => db.prepare('INSERT INTO notes (body) VALUES (:body)').run({ body });
  const committed = () => reader.prepare('SELECT body FROM notes ORDER BY body').pluck().all() as string[];

  it('commits the units queued together in one transaction, and resolves each only after the commit', async () => {
    const commits = createGroupCommit(db);
    const seenByOthers: string[][] = [];
    const units = ['a', 'b', 'c'].map((body) =>
      commits.run(() => {
        insert(body);
        seenByOthers.push(committed());
        return body.toUpperCase();
      }),
    );
    await expect(Promise.all(units)).resolves.toEqual(['A', 'B', 'C']);
    // While the group ran nothing of it was visible outside; once the promises resolved, all of it is.
    expect(seenByOthers).toEqual([[], [], []]);
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('a unit that throws undoes only its own writes and rejects only its own caller', async () => {
    const commits = createGroupCommit(db);
    const results = await Promise.allSettled([
      commits.run(() => insert('kept')),
      commits.run(() => {
        insert('undone');
        throw new Error('refused');
      }),
      commits.run(() => insert('kept')), // the same value twice: a UNIQUE violation, like a reused token
      commits.run(() => insert('also kept')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(committed()).toEqual(['also kept', 'kept']);
  });

  it('takes at most maxGroup units per transaction; the rest follow in the next', async () => {
    const commits = createGroupCommit(db, { maxGroup: 2 });
    const seenByOthers: number[] = [];
    await Promise.all(
      ['1', '2', '3', '4', '5'].map((body) =>
        commits.run(() => {
          seenByOthers.push(committed().length);
          insert(body);
        }),
      ),
    );
    expect(seenByOthers).toEqual([0, 0, 2, 2, 4]);
    expect(committed()).toHaveLength(5);
  });

  it('when SQLite rolls the whole transaction back, every unit of the group is refused and nothing is stored', async () => {
    const commits = createGroupCommit(db);
    // A unit ending the transaction stands in for SQLite rolling it back itself (as on SQLITE_FULL or an I/O error).
    const results = await Promise.allSettled([
      commits.run(() => insert('before')),
      commits.run(() => {
        insert('during');
        db.exec('ROLLBACK');
      }),
      commits.run(() => insert('after')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The next group is unaffected.
    await commits.run(() => insert('next'));
    expect(committed()).toEqual(['next']);
  });

  it("runs a unit's after-commit effects only once its group has committed, and never for a unit undone", async () => {
    const commits = createGroupCommit(db);
    const effects: string[] = [];
    const results = await Promise.allSettled([
      commits.run(() => {
        insert('stored');
        commits.afterCommit(() => effects.push(`notified: ${committed().join(',')}`));
      }),
      commits.run(() => {
        commits.afterCommit(() => effects.push('never: the unit was undone'));
        throw new Error('refused');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    await new Promise((resolve) => setImmediate(resolve));
    // The effect saw the row committed (another connection could read it).
    expect(effects).toEqual(['notified: stored']);
  });

  it('when the commit itself fails, every unit of the group is refused and nothing is stored', async () => {
    db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED) STRICT`);
    const commits = createGroupCommit(db);
    const effects: string[] = [];
    const results = await Promise.allSettled([
      commits.run(() => insert('fine on its own')),
      // A deferred foreign key is checked at COMMIT: the commit fails, not the unit.
      commits.run(() => {
        db.prepare('INSERT INTO children (parent_id) VALUES (42)').run();
        commits.afterCommit(() => effects.push('never: the group did not commit'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(effects).toEqual([]);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  describe('counts', () => {
    const counts = () =>
      reader.prepare('SELECT ward, month, responses FROM tallies ORDER BY ward, month').all() as {
        ward: string;
        month: string;
        responses: number;
      }[];
    let upsert: ReturnType<Db['prepare']>;
    /** How many times the upsert ran. */
    let upserts: number;

    beforeEach(() => {
      db.exec(`CREATE TABLE tallies (
        ward TEXT NOT NULL, month TEXT NOT NULL, responses INTEGER NOT NULL, PRIMARY KEY (ward, month)) STRICT`);
      upsert = db.prepare(
        `INSERT INTO tallies (ward, month, responses) VALUES (:ward, :month, :n)
         ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
      );
      upserts = 0;
      const run = upsert.run.bind(upsert);
      upsert.run = (params: object) => {
        upserts += 1;
        return run(params);
      };
    });

    it("sums a group's equal counts into one write, and writes none for a unit undone", async () => {
      const commits = createGroupCommit(db);
      const unit = (ward: string, fails = false) =>
        commits.run(() => {
          insert(`${ward} ${Math.random()}`);
          commits.count(upsert, { ward, month: '2026-11' });
          if (fails) throw new Error('refused');
        });
      const results = await Promise.allSettled([
        unit('amberwood'),
        unit('ruby'),
        unit('amberwood'),
        unit('amberwood', true),
        unit('amberwood'),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect(counts()).toEqual([
        { ward: 'amberwood', month: '2026-11', responses: 3 },
        { ward: 'ruby', month: '2026-11', responses: 1 },
      ]);
      expect(upserts).toBe(2);
    });

    it('adds to the counts already stored, and writes at once outside a unit', async () => {
      const commits = createGroupCommit(db);
      commits.count(upsert, { ward: 'ruby', month: '2026-11' });
      expect(counts()).toEqual([{ ward: 'ruby', month: '2026-11', responses: 1 }]);
      await Promise.all(
        [1, 2].map(() => commits.run(() => commits.count(upsert, { ward: 'ruby', month: '2026-11' }))),
      );
      expect(counts()).toEqual([{ ward: 'ruby', month: '2026-11', responses: 3 }]);
    });

    it('a count that cannot be written refuses the whole group: nothing of it is stored', async () => {
      const commits = createGroupCommit(db);
      const results = await Promise.allSettled([
        commits.run(() => insert('counted')),
        commits.run(() => {
          insert('also counted');
          // NOT NULL fails only when the group's counts are written, after every unit has run.
          commits.count(upsert, { ward: 'ruby', month: null });
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(committed()).toEqual([]);
      expect(counts()).toEqual([]);
      expect(db.inTransaction).toBe(false);
    });

    it('sums counts outside a group too (a bulk load): each distinct one written once, then it starts again', () => {
      const sums = countSums();
      for (const ward of ['ruby', 'amberwood', 'ruby', 'ruby']) sums.add(upsert, { ward, month: '2026-11' });
      expect(counts()).toEqual([]);
      sums.write();
      expect(upserts).toBe(2);
      sums.write();
      expect(upserts).toBe(2);
      sums.add(upsert, { ward: 'ruby', month: '2026-11' });
      sums.write();
      expect(counts()).toEqual([
        { ward: 'amberwood', month: '2026-11', responses: 1 },
        { ward: 'ruby', month: '2026-11', responses: 4 },
      ]);
    });
  });
});
