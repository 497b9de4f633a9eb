import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import express from 'express';

/**
 * Benchmark baseline (b): the least a submission can cost with the same libraries and the same durability. Plain
 * Express + better-sqlite3: GET /form gives a page with a random token in a hidden field; POST /form inserts the
 * same rows our app stores (a response, its answers and comment, the token under UNIQUE) in one transaction on a
 * WAL database with synchronous=FULL, and redirects (303) to the thank-you page. No CSRF, signing, validation,
 * templates, security headers or logging.
 */
const db = new Database(process.env.DATABASE_PATH ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS responses (
    id INTEGER PRIMARY KEY, submission_token TEXT NOT NULL UNIQUE, survey_version_id INTEGER NOT NULL,
    team_id INTEGER NOT NULL, site_id INTEGER NOT NULL, directorate_id INTEGER NOT NULL,
    community_id INTEGER NOT NULL, mode TEXT NOT NULL, fft_code INTEGER NOT NULL, respondent_role TEXT,
    language TEXT NOT NULL, submitted_at TEXT NOT NULL, submitted_on TEXT NOT NULL) STRICT;
  CREATE INDEX IF NOT EXISTS responses_by_day ON responses (submitted_on);
  CREATE INDEX IF NOT EXISTS responses_by_team_day ON responses (team_id, submitted_on);
  CREATE TABLE IF NOT EXISTS response_answers (
    response_id INTEGER NOT NULL, item_code TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (response_id, item_code, value)) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY, response_id INTEGER NOT NULL, item_code TEXT NOT NULL, comment_type TEXT NOT NULL,
    body TEXT NOT NULL, UNIQUE (response_id, item_code)) STRICT;
`);
const insertResponse = db.prepare(
  `INSERT INTO responses (submission_token, survey_version_id, team_id, site_id, directorate_id, community_id,
     mode, fft_code, respondent_role, language, submitted_at, submitted_on)
   VALUES (:token, 1, 14, 1, 4, 1, 'online_link', :fft, NULL, 'en', :at, :on)`,
);
const insertAnswer = db.prepare(
  'INSERT INTO response_answers (response_id, item_code, value) VALUES (:id, :itemCode, :value)',
);
const insertComment = db.prepare(
  `INSERT INTO comments (response_id, item_code, comment_type, body) VALUES (:id, 'what_good', 'what_good', :body)`,
);
const store = db.transaction((token: string, fft: string, body: string) => {
  const now = new Date();
  const id = insertResponse.run({
    token,
    fft: Number(fft),
    at: now.toISOString(),
    on: now.toISOString().slice(0, 10),
  }).lastInsertRowid;
  insertAnswer.run({ id, itemCode: 'fft', value: fft });
  if (body) insertComment.run({ id, body });
});

const app = express();
app.use(express.urlencoded({ extended: false }));
app.get('/form', (_req, res) => {
  const token = randomBytes(16).toString('base64url');
  res.type('html').send(`<!DOCTYPE html><html lang="en"><body><form method="post" action="/form">
<input type="hidden" name="token" value="${token}">
${['1', '2', '3', '4', '5', '6'].map((v) => `<input type="radio" name="fft" value="${v}">`).join('\n')}
<textarea name="what_good"></textarea></form></body></html>`);
});
app.post('/form', (req, res) => {
  const body = req.body as Record<string, string>;
  try {
    store(body.token ?? '', body.fft ?? '6', body.what_good ?? '');
  } catch {
    // A reused token: stored once already.
  }
  res.redirect(303, '/thank-you');
});
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});
process.on('SIGTERM', () => server.close(() => db.close()));
