import type { Server } from 'node:http';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { backupDatabase, backupInThread, scheduleBackups } from './db/backup';
import { DatabaseStartupError } from './db/database';
import { createLogger } from './logger';

/** Composes the app: config -> database -> migrate -> services -> createApp -> listen; shuts down gracefully. */
function main(): void {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let deps;
  try {
    // The store worker needs the database as a file a second connection can open.
    const storeWorker = config.STORE_WORKER && config.DATABASE_PATH !== ':memory:';
    deps = bootstrap(config, systemClock, logger, undefined, { storeWorker });
  } catch (error) {
    logger.error('start-up failed', { error: (error as Error).name, detail: (error as Error).message });
    process.exitCode = 1;
    if (!(error instanceof DatabaseStartupError)) process.stderr.write(`${(error as Error).message}\n`);
    return;
  }
  const app = createApp(deps);
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info('listening', { host: config.HOST, port, database: config.DATABASE_PATH });
  });
  const stopBackups =
    config.BACKUP_INTERVAL_MINUTES > 0
      ? scheduleBackups({
          // A thread of its own opens the file; an in-memory database exists only on the main connection.
          backup: (file) =>
            config.DATABASE_PATH === ':memory:'
              ? backupDatabase(deps.db, file)
              : backupInThread(config.DATABASE_PATH, file),
          dir: config.BACKUP_DIR,
          intervalMinutes: config.BACKUP_INTERVAL_MINUTES,
          keep: config.BACKUP_KEEP,
          clock: systemClock,
          logger,
        })
      : () => undefined;
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;

  const purgeTimer =
    config.RETENTION_PURGE_INTERVAL_HOURS > 0
      ? setInterval(() => {
          try {
            for (const result of deps.services.retention.purge(null))
              logger.info('retention purge', { ...result });
          } catch (error) {
            logger.error('retention purge failed', { detail: (error as Error).message });
          }
        }, config.RETENTION_PURGE_INTERVAL_HOURS * 3_600_000)
      : undefined;
  purgeTimer?.unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(purgeTimer);
    logger.info('shutting down', { signal });
    stopBackups();
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing anyway');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // Stop accepting, let in-flight requests finish, then close the store worker and the database.
    server.close(() => {
      void deps.services.submissions.close().then(() => {
        deps.db.close();
        logger.info('stopped');
        process.exitCode = 0;
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
