import { bootstrap } from '../src/bootstrap';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';

/** `npm run db:purge`: applies the retention rules now and prints what each removed. */
function main(): void {
  const config = loadConfig(process.env);
  const deps = bootstrap(config, systemClock, createLogger('warn'));
  try {
    for (const result of deps.services.retention.purge(null)) {
      process.stdout.write(`${result.rule}: ${result.affected} removed (older than ${result.cutoff})\n`);
    }
  } finally {
    deps.db.close();
  }
}

main();
