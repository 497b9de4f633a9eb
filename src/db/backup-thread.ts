import { parentPort, workerData } from 'node:worker_threads';
import { backupDatabase } from './backup';
import { openDatabase } from './database';

/**
 * A scheduled backup's thread (`backupInThread` in src/db/backup.ts starts it, one per backup): its own read-only
 * connection, the copy in one step and the verification, then it reports and exits.
 */
const { databasePath, file } = workerData as { databasePath: string; file: string };

async function backUp(): Promise<void> {
  const db = openDatabase(databasePath, { readonly: true });
  try {
    parentPort?.postMessage({ ok: true, report: await backupDatabase(db, file) });
  } finally {
    db.close();
  }
}

backUp().catch((error: unknown) => {
  const { name, message } = error as { name?: unknown; message?: unknown };
  parentPort?.postMessage({
    ok: false,
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
  });
});
