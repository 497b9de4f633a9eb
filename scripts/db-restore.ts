import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { BackupError, restoreDatabase } from '../src/db/backup';

/**
 * npm run db:restore -- <backup-file> [--database <path>]
 *
 * Verifies the backup (integrity_check, the app's tables), refuses if the app's database is in use (stop the app
 * first), keeps the current database as <name>.before-restore-<time>, and puts the backup in its place. Start the
 * app afterwards: it migrates the restored copy forward if the backup is older than the app.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { database: { type: 'string' } },
    allowPositionals: true,
  });
  const backup = positionals[0];
  if (!backup || positionals.length > 1) {
    process.stderr.write('Usage: npm run db:restore -- <backup-file> [--database <path>]\n');
    process.exit(2);
  }
  const config = loadConfig({
    ...process.env,
    ...(values.database ? { DATABASE_PATH: values.database } : {}),
  });
  const { report, keptPrevious } = await restoreDatabase(backup, config.DATABASE_PATH, systemClock.now());
  process.stdout.write(
    `Restored ${backup} (${report.counts.responses} responses, integrity_check ${report.integrity}) to ` +
      `${config.DATABASE_PATH}.${keptPrevious ? ` The previous database is kept as ${keptPrevious}.` : ''}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Restore refused: ${error instanceof BackupError ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
