import net from 'node:net';
import path from 'node:path';
import {
  parseForm,
  retrySubmission,
  runJourneys,
  httpRequest,
  CookieJar,
} from '../../scripts/bench/journey-load';
import { stopServer } from '../../scripts/bench/server-process';
import { checkStored, startApp, tempDir } from './fault-support';
import http from 'node:http';

/** Sends a POST in two halves over a raw socket, so it is in flight (half received) when we want it to be. */
function halfSentPost(port: number, path: string, cookie: string, body: string) {
  const socket = net.connect(port, '127.0.0.1');
  const half = Math.floor(body.length / 2);
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
  const replied = new Promise<string>((resolve) => socket.on('close', () => resolve(reply)));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body.slice(0, half)}`,
  );
  return { finish: () => socket.write(body.slice(half)), replied };
}

describe('SIGTERM under load', () => {
  it('finishes the requests in flight, exits 0, and a restart serves at once', async () => {
    const databasePath = path.join(tempDir('sigterm'), 'feedback.db');
    const server = await startApp(databasePath, { keepLines: true });

    // A submission half sent when the signal arrives.
    const agent = new http.Agent();
    const jar = new CookieJar();
    // The single-page Easy Read survey, so this one POST is the whole submission.
    const page = await httpRequest(agent, server.base, 'GET', '/t/amberwood/easy-read-fft', { jar });
    agent.destroy();
    const form = parseForm(page.body)!;
    const body = new URLSearchParams({
      ...form.hidden,
      fft: '1',
      tell_us_more: 'In flight during shutdown',
    }).toString();
    const inFlight = halfSentPost(server.port, '/t/amberwood/easy-read-fft', jar.header(), body);

    let stopped = false;
    const load = runJourneys({
      base: server.base,
      // Single-page journeys, so every POST cut off by the shutdown is a whole submission to retry.
      startPath: '/t/amberwood/easy-read-fft',
      connections: 20,
      durationMs: 4_000,
      maxJourneys: 20_000,
      shouldStop: () => stopped,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server.child.kill('SIGTERM');
    stopped = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
    inFlight.finish();
    const [reply, result, exit] = await Promise.all([inFlight.replied, load, server.exited]);

    expect(reply).toMatch(/^HTTP\/1\.1 303 See Other/);
    expect(reply).toContain('Location: /t/amberwood/thank-you');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    expect(Object.keys(result.statuses).filter((s) => !['200', '303'].includes(s))).toEqual([]);

    // A restart serves at once; submissions that got no answer (the connection closed) are retried once.
    const started = performance.now();
    const restarted = await startApp(databasePath);
    const firstPage = await new Promise<number>((resolve, reject) =>
      http
        .get(new URL('/t/amberwood/friends-family-carers', restarted.base), (res) =>
          resolve(res.statusCode ?? 0),
        )
        .on('error', reject),
    );
    const restartMs = performance.now() - started;
    let retried = 0;
    for (const submission of result.unanswered)
      if (await retrySubmission(restarted.base, submission)) retried += 1;
    await stopServer(restarted);

    const inFlightSubmission = { hidden: form.hidden, path: '', body, jar };
    const stored = checkStored(databasePath, [...result.acknowledgedSubmissions, inFlightSubmission]);
    process.stdout.write(
      `sigterm: ${result.acknowledged} acknowledged under load, half-sent POST answered 303 after the signal, ` +
        `${result.unanswered.length} unanswered (${retried} acknowledged on retry), ${result.networkErrors} ` +
        `connection errors after close, restart to first page ${restartMs.toFixed(0)} ms\n`,
    );
    expect(firstPage).toBe(200);
    expect(retried).toBe(result.unanswered.length);
    expect(stored.notExactlyOnce).toEqual([]);
    expect(stored.rows).toBe(result.acknowledged + retried + 1);
    expect(stored.integrity).toBe('ok');
  });
});
