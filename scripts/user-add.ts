import { bootstrap } from '../src/bootstrap';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { runUserAdd } from '../src/staff/user-add-command';

/** `npm run user:add -- --email <e> --role admin --password-stdin`: see src/staff/user-add-command.ts. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL === 'debug' ? 'debug' : 'warn', (line) =>
    process.stderr.write(`${line}\n`),
  );
  const deps = bootstrap(config, systemClock, logger);
  const readStdin = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  try {
    const result = await runUserAdd(process.argv.slice(2), readStdin, deps.services.staff);
    (result.code === 0 ? process.stdout : process.stderr).write(result.message);
    process.exitCode = result.code;
  } finally {
    deps.db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
