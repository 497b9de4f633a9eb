import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded into a server under test (`NODE_OPTIONS=--require .../event-loop-probe.js`, test/faults): measures
 * how late the server's event loop runs its timers from the end of start-up to exit, and writes one JSON line to
 * stdout as it exits: `{"msg":"event loop delay","p50Ms":...,"p99Ms":...,"maxMs":...}`. The server's code is
 * unchanged; a delay is time during which every other request waits.
 */
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
// Start-up (migrations, the integrity check) runs before the first turn of the loop: leave it out.
setImmediate(() => delay.reset());
process.on('exit', () => {
  delay.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  fs.writeSync(
    1,
    `${JSON.stringify({ msg: 'event loop delay', p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) })}\n`,
  );
});
