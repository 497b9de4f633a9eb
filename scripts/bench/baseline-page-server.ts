import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import { projectRoot } from '../../src/paths';

/**
 * Benchmark baseline (a): the least a page can cost with the same libraries. Plain Express + EJS rendering, with
 * escaping and a fresh random value per request, a page padded to PAGE_BYTES (the size of our survey page), and
 * nothing else: no security headers, cookies, database or logging.
 */
const target = Number(process.env.PAGE_BYTES ?? 20_000);
const templateFile = path.join(projectRoot, 'scripts', 'bench', 'baseline-page.ejs');
const render = ejs.compile(fs.readFileSync(templateFile, 'utf8'), { filename: templateFile });

const itemFor = (i: number) => ({
  id: `choice-${i}`,
  label: `Answer number ${i} & "more" <text>`,
  value: String(i),
});
const items: ReturnType<typeof itemFor>[] = [];
while (render({ title: 'Baseline page', token: 'x'.repeat(22), items }).length < target)
  items.push(itemFor(items.length));

const app = express();
app.get('/page', (_req, res) => {
  res
    .type('html')
    .send(render({ title: 'Baseline page', token: randomBytes(16).toString('base64url'), items }));
});
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});
process.on('SIGTERM', () => server.close());
