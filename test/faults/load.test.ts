import path from 'node:path';
import { percentile, runJourneys } from '../../scripts/bench/journey-load';
import { benchScript, stopServer } from '../../scripts/bench/server-process';
import { checkStored, rssMb, startApp, tempDir } from './fault-support';

describe('load: 50 connections of submitters for a fixed time', () => {
  it('answers every request without a 5xx or an unexpected 4xx, and stores exactly the acknowledged responses', async () => {
    const databasePath = path.join(tempDir('load'), 'feedback.db');
    // The probe (preloaded, the server's code unchanged) prints the event loop's delay under the load as it exits.
    const server = await startApp(databasePath, {
      env: { NODE_OPTIONS: `--require ${benchScript('event-loop-probe')}` },
      keepLines: true,
    });
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.child.pid))), 200);
    const result = await runJourneys({
      base: server.base,
      startPath: '/t/amberwood/friends-family-carers',
      connections: 50,
      durationMs: 5_000,
      maxJourneys: 100_000,
    });
    clearInterval(sampler);
    const exit = await stopServer(server);
    const stdout = server.child.stdout;
    if (stdout && !stdout.readableEnded) await new Promise((resolve) => stdout.once('end', resolve));
    const loop = server.lines
      .map((line) => JSON.parse(line) as { msg?: string; p99Ms?: number; maxMs?: number })
      .find((line) => line.msg === 'event loop delay');
    const stored = checkStored(databasePath, result.acknowledgedSubmissions);

    process.stdout.write(
      `load: ${result.acknowledged} acknowledged in ${(result.elapsedMs / 1000).toFixed(1)} s ` +
        `(${(result.acknowledged / (result.elapsedMs / 1000)).toFixed(0)} journeys/s), ` +
        `POST p50 ${percentile(result.postMs, 50).toFixed(1)} ms p99 ${percentile(result.postMs, 99).toFixed(1)} ms, ` +
        `journey p99 ${percentile(result.journeyMs, 99).toFixed(1)} ms, statuses ${JSON.stringify(result.statuses)}, ` +
        `server peak RSS ${peakRss.toFixed(0)} MB, server event-loop delay p99 ${loop?.p99Ms} ms ` +
        `max ${loop?.maxMs} ms, rows ${stored.rows}\n`,
    );
    expect(result.acknowledged).toBeGreaterThan(50);
    expect(Object.keys(result.statuses).sort()).toEqual(['200', '303']);
    expect(result.networkErrors).toBe(0);
    expect(stored.rows).toBe(result.acknowledged);
    expect(stored.notExactlyOnce).toEqual([]);
    expect(stored.integrity).toBe('ok');
    expect(exit.code).toBe(0);
    expect(loop?.p99Ms).toEqual(expect.any(Number));
  });
});
