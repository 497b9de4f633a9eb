import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { backupDatabase, BackupError } from '../src/db/backup';
import { openDatabase } from '../src/db/database';

/**
 * npm run db:backup -- <file> [--database <path>]
 *
 * Takes an online backup (SQLite backup API) of the app's database while the app keeps serving, then opens the copy
 * and runs the full PRAGMA integrity_check and row counts. Exit 0 only when the copy is verified. The copy is one
 * read transaction, so the app's writes meanwhile cannot restart it (src/db/backup.ts, backupDatabase).
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { database: { type: 'string' } },
    allowPositionals: true,
  });
  const target = positionals[0];
  if (!target || positionals.length > 1) {
    process.stderr.write('Usage: npm run db:backup -- <backup-file> [--database <path>]\n');
    process.exit(2);
  }
  const config = loadConfig({
    ...process.env,
    ...(values.database ? { DATABASE_PATH: values.database } : {}),
  });
  const db = openDatabase(config.DATABASE_PATH, { readonly: true });
  try {
    const report = await backupDatabase(db, target);
    process.stdout.write(
      `Backed up ${config.DATABASE_PATH} to ${report.file} (${(report.bytes / 1_048_576).toFixed(1)} MB) in ` +
        `${(report.backupMs / 1000).toFixed(2)} s; verified in ${(report.verifyMs / 1000).toFixed(2)} s: ` +
        `integrity_check ${report.integrity}, ${report.counts.responses} responses, ` +
        `${report.counts.responseAnswers} answers, ${report.counts.comments} comments, schema ${report.schemaVersion}\n`,
    );
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Backup failed: ${error instanceof BackupError ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
