import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createRandom } from '../../scripts/demo/demo-generator';
import { nonceOf, type Submission } from '../../scripts/bench/journey-load';
import { serverScript, startServer, type RunningServer } from '../../scripts/bench/server-process';

/** A fresh folder for a test's database and backups. */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `faults-${name}-`));
}

/** Our compiled server on 127.0.0.1 with PORT=0 on the given database. */
export function startApp(
  databasePath: string,
  options: { env?: Record<string, string>; keepLines?: boolean } = {},
): Promise<RunningServer> {
  if (!fs.existsSync(serverScript)) throw new Error('Build first: npm run test:faults runs `npm run build`.');
  // LOG_LEVEL info: the port comes from the 'listening' line. Every client here shares one address, so the
  // per-address submission limit (sized for one busy ward kiosk) is raised out of the way.
  return startServer(
    serverScript,
    { DATABASE_PATH: databasePath, LOG_LEVEL: 'info', SUBMIT_RATE_LIMIT: '100000', ...options.env },
    { keepLines: options.keepLines ?? false },
  );
}

/** A seeded random source whose seed is printed, so a failing round can be replayed (FAULT_SEED=...). */
export function seededRandom(label: string): () => number {
  const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000_000);
  process.stdout.write(`${label}: seed ${seed} (replay with FAULT_SEED=${seed})\n`);
  return createRandom(seed);
}

export interface StoredCheck {
  integrity: string;
  rows: number;
  /** Acknowledged tokens not stored exactly once, with how many times they are stored. */
  notExactlyOnce: { nonce: string; count: number }[];
}

/** Opens the database (the app stopped or running: WAL lets us read) and checks what was acknowledged. */
export function checkStored(databasePath: string, acknowledged: readonly Submission[]): StoredCheck {
  const db = new Database(databasePath, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    const countOf = db.prepare('SELECT count(*) AS n FROM responses WHERE submission_token = :nonce');
    const notExactlyOnce: StoredCheck['notExactlyOnce'] = [];
    for (const submission of acknowledged) {
      const nonce = nonceOf(submission.hidden.token ?? '') ?? '(unreadable token)';
      const count = (countOf.get({ nonce }) as { n: number }).n;
      if (count !== 1) notExactlyOnce.push({ nonce, count });
    }
    return { integrity, rows, notExactlyOnce };
  } finally {
    db.close();
  }
}

/** Resident memory of a process in MB (Linux), for the figures. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
