export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Structured, one JSON object a line. Fields are flat scalars on purpose: callers pass identifiers and
 * figures, never request bodies, answers, comments, cookies or session contents.
 */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const order: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let waiting = '';
let flushQueued = false;
let flushOnExit = false;

function flushStdout(): void {
  flushQueued = false;
  if (waiting.length === 0) return;
  const lines = waiting;
  waiting = '';
  process.stdout.write(lines);
}

/**
 * Standard output, one write call per turn of the event loop: the lines of all the requests a turn finished go out
 * together. A write call per line was about a tenth of a survey page view's CPU (`LOG_LEVEL=info` against `warn`).
 * Lines are written at once when more than 64 KB wait, and before the process exits. A kill -9 can lose the lines of
 * the turn it lands in; never anything stored, and never an audit entry (those are rows in the database).
 */
function writeToStdout(line: string): void {
  waiting += `${line}\n`;
  if (!flushOnExit) {
    flushOnExit = true;
    process.on('exit', flushStdout);
  }
  if (waiting.length > 65_536) flushStdout();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flushStdout);
  }
}

export function createLogger(
  level: LogLevel | 'silent',
  write: (line: string) => void = writeToStdout,
  now: () => Date = () => new Date(),
): Logger {
  const emit = (lvl: LogLevel, msg: string, fields: LogFields = {}) => {
    if (order[lvl] < order[level]) return;
    write(JSON.stringify({ time: now().toISOString(), level: lvl, msg, ...fields }));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** A logger that keeps its lines, for tests that assert what was (and was not) logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger('debug', (line) => lines.push(line)),
    { lines },
  );
}
