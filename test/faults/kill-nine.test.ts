import path from 'node:path';
import { retrySubmission, runJourneys, type Submission } from '../../scripts/bench/journey-load';
import { stopServer } from '../../scripts/bench/server-process';
import { checkStored, seededRandom, startApp, tempDir } from './fault-support';

const ROUNDS = 20;

describe('kill -9 under load', () => {
  it(`loses no acknowledged response and stores none twice over ${ROUNDS} rounds, with one retry per client`, async () => {
    const random = seededRandom('kill -9');
    const databasePath = path.join(tempDir('kill9'), 'feedback.db');
    const acknowledged: Submission[] = [];
    let unansweredTotal = 0;
    let retriedAcknowledged = 0;
    let committedUnanswered = 0;

    for (let round = 1; round <= ROUNDS; round += 1) {
      const server = await startApp(databasePath);
      const killAfterMs = 150 + Math.floor(random() * 1_000);
      let killed = false;
      const load = runJourneys({
        base: server.base,
        startPath: '/t/amberwood/friends-family-carers',
        connections: 20,
        durationMs: 3_000,
        maxJourneys: 20_000,
        shouldStop: () => killed,
      });
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      server.child.kill('SIGKILL');
      killed = true;
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');
      const result = await load;
      acknowledged.push(...result.acknowledgedSubmissions);
      unansweredTotal += result.unanswered.length;
      // Rows committed whose client never got the answer: without the token, their retry would store them twice.
      committedUnanswered += checkStored(databasePath, []).rows - acknowledged.length;

      // The clients whose POST got no answer try once more, with the same cookies and token, on the restarted app.
      const restarted = await startApp(databasePath);
      for (const submission of result.unanswered) {
        if (await retrySubmission(restarted.base, submission)) {
          acknowledged.push(submission);
          retriedAcknowledged += 1;
        }
      }
      expect(await stopServer(restarted)).toEqual({ code: 0, signal: null });

      const stored = checkStored(databasePath, acknowledged);
      process.stdout.write(
        `round ${round}: killed after ${killAfterMs} ms, ${result.acknowledged} acknowledged, ` +
          `${result.unanswered.length} unanswered (retried), rows ${stored.rows}, integrity ${stored.integrity}\n`,
      );
      expect(stored.integrity).toBe('ok');
      expect(stored.notExactlyOnce).toEqual([]);
      // Every unanswered submission was retried once, and the retry is acknowledged whether or not the first try
      // was committed: the rows are exactly the acknowledged responses.
      expect(stored.rows).toBe(acknowledged.length);
    }
    process.stdout.write(
      `kill -9: ${ROUNDS} rounds, ${acknowledged.length} acknowledged (${retriedAcknowledged} after a retry of ` +
        `${unansweredTotal} unanswered, ${committedUnanswered} of which had been committed before the kill), ` +
        'each stored exactly once\n',
    );
  });
});
