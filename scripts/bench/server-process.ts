import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/paths';

/** The compiled server and baselines (run `npm run build` first). */
export const serverScript = path.join(projectRoot, 'dist', 'src', 'server.js');
export const benchScript = (name: string) => path.join(projectRoot, 'dist', 'scripts', 'bench', `${name}.js`);

export interface RunningServer {
  child: ChildProcess;
  base: URL;
  port: number;
  /** Milliseconds from spawn to the 'listening' log line. */
  listeningAfterMs: number;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Log lines (JSON) the server wrote after listening, kept only when asked for. */
  lines: string[];
}

/**
 * Starts a server as a child process on 127.0.0.1 with PORT=0 and reads its port from the 'listening' JSON line
 * (ours and the baselines print the same line). Stdout is always drained so logging never blocks the server.
 */
export function startServer(
  script: string,
  env: Record<string, string>,
  options: { keepLines?: boolean; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const spawned = performance.now();
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let listening = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 15_000} ms: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    void exited.then(({ code, signal }) => {
      if (listening) return;
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}): ${stderr}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      // Once listening, lines nobody keeps are dropped unread: this process is also the load generator, and at info
      // level our server writes a line per request (two a journey), which the baselines do not.
      if (listening && !options.keepLines) return;
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (listening) {
          if (options.keepLines) lines.push(line);
          continue;
        }
        let parsed: { msg?: string; port?: number } = {};
        try {
          parsed = JSON.parse(line) as typeof parsed;
        } catch {
          continue;
        }
        if (parsed.msg === 'listening' && typeof parsed.port === 'number') {
          listening = true;
          clearTimeout(timer);
          const port = parsed.port;
          resolve({
            child,
            port,
            base: new URL(`http://127.0.0.1:${port}`),
            listeningAfterMs: performance.now() - spawned,
            exited,
            lines,
          });
        }
      }
    });
  });
}

/** Stops a server with a signal and waits for it to exit (SIGKILL after `graceMs`). */
export async function stopServer(
  server: RunningServer,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 10_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}
