import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/**
 * Group commit: the writes of submissions that arrive together are committed in one transaction, and each is
 * answered only after that commit has returned (synchronous=FULL: on the disk). Storing a response writes and
 * flushes some twenty pages (the response, its indexes, answers, comment, summaries, roll-ups, PALS intake); most of
 * them are the same pages for the next response, so a group of N costs little more than one.
 * Why, and what it costs: docs/decisions/0005-group-commit.md.
 *
 * The work stays synchronous, as the house rule asks: each unit is a plain function run inside its own savepoint
 * (no await inside the transaction), so a unit that throws undoes only its own writes and its caller alone gets the
 * error. Only waiting for the commit is asynchronous. The group is whatever was queued when the event loop next
 * reaches its check phase (`setImmediate`): a request never waits for a timer, only for the requests already
 * being handled in the same turn, up to `maxGroup`.
 *
 * A commit that fails (disk full, I/O error) rejects every unit of its group: none was acknowledged, and a retry
 * with the same submission token stores each once.
 *
 * Counts (the report roll-ups) are summed over the group's kept units and each distinct one is written once, last in
 * the group's transaction: twenty responses for one ward this month are one upsert of 20, not twenty of 1. The
 * roll-ups were about half of what storing a response cost (docs/benchmarks.md, "Roll-ups per group").
 */
export interface GroupCommit {
  /** Runs `work` in the next group's transaction, in its own savepoint; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T>;
  /**
   * Runs `effect` once the unit now running has committed, and never if it is undone (a notification about a row
   * must not go out for a row that was rolled back). Called outside a unit, runs it on the next turn.
   */
  afterCommit(effect: () => void): void;
  /**
   * Adds one to the count `upsert` writes for `key` (its other parameters; `:n` is the number to add): summed with
   * the same count from the group's other kept units and written once before the commit, and never if this unit is
   * undone. Called outside a unit, writes it at once.
   */
  count(upsert: Statement, key: CountKey): void;
}

/** The parameters that say which count: equal keys (same values, same order) are summed. */
export type CountKey = Record<string, string | number | null>;

/**
 * Counts summed in memory and written once each: `add` one to the count `upsert` writes for `key`, then `write` every
 * distinct count with its sum (and start again). The group commit sums its kept units' counts this way; a bulk load
 * in one transaction (the demo seed) can pass `add` as the response repository's `count` and `write` before it commits.
 */
export function countSums(): { add: (upsert: Statement, key: CountKey) => void; write: () => void } {
  let sums = new Map<Statement, Map<string, { key: CountKey; n: number }>>();
  return {
    add: (upsert, key) => {
      let byKey = sums.get(upsert);
      if (!byKey) {
        byKey = new Map();
        sums.set(upsert, byKey);
      }
      const id = JSON.stringify(key);
      const sum = byKey.get(id);
      if (sum) sum.n += 1;
      else byKey.set(id, { key, n: 1 });
    },
    write: () => {
      const written = sums;
      sums = new Map();
      for (const [upsert, byKey] of written)
        for (const { key, n } of byKey.values()) upsert.run({ ...key, n });
    },
  };
}

interface Counted {
  upsert: Statement;
  key: CountKey;
}

interface Unit {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  effects: (() => void)[];
  counts: Counted[];
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** SQLite rolled the whole transaction back (it does on SQLITE_FULL, IOERR, NOMEM, BUSY): the group is lost. */
class GroupRolledBack extends Error {
  constructor(override readonly cause: unknown) {
    super('the group transaction was rolled back');
  }
}

export function createGroupCommit(db: Db, options: { maxGroup?: number } = {}): GroupCommit {
  const maxGroup = options.maxGroup ?? 64;
  const queue: Unit[] = [];
  let scheduled = false;
  let running: Unit | undefined;

  const inSavepoint = db.transaction((work: () => unknown) => work());
  const commitGroup = db.transaction((group: Unit[]): Outcome[] => {
    const outcomes = group.map((unit): Outcome => {
      running = unit;
      try {
        return { ok: true, value: inSavepoint(unit.work) };
      } catch (error) {
        unit.effects = [];
        unit.counts = [];
        if (!db.inTransaction) throw new GroupRolledBack(error);
        return { ok: false, error };
      } finally {
        running = undefined;
      }
    });
    writeCounts(group.flatMap((unit) => unit.counts));
    return outcomes;
  });

  function writeCounts(counts: Counted[]): void {
    const sums = countSums();
    for (const { upsert, key } of counts) sums.add(upsert, key);
    sums.write();
  }

  function flush(): void {
    scheduled = false;
    const group = queue.splice(0, maxGroup);
    if (queue.length > 0) schedule();
    let outcomes: Outcome[];
    try {
      // IMMEDIATE: the write lock is taken before the first read, so a unit never reads a snapshot it cannot write.
      outcomes = commitGroup.immediate(group);
    } catch (error) {
      const cause = error instanceof GroupRolledBack ? error.cause : error;
      for (const unit of group) unit.reject(cause);
      return;
    }
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
    const effects = group.flatMap((unit) => unit.effects);
    if (effects.length > 0) setImmediate(() => effects.forEach((effect) => effect()));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject, effects: [], counts: [] });
        schedule();
      });
    },

    afterCommit(effect: () => void): void {
      if (running) running.effects.push(effect);
      else setImmediate(effect);
    },

    count(upsert: Statement, key: CountKey): void {
      if (running) running.counts.push({ upsert, key });
      else upsert.run({ ...key, n: 1 });
    },
  };
}
