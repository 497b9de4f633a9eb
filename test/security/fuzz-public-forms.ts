import http from 'node:http';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { CookieJar, httpRequest, parseForm } from '../../scripts/bench/journey-load';
import { buildTestApp, countRows, listenOnLoopback } from '../support/test-app';

/**
 * Property-based fuzzing of every public form (reliability proof 6) against the real app, in-process on an
 * ephemeral loopback port, with a hostile corpus. Shared by `npm test` (fewer runs) and `npm run test:faults`
 * (1,000 runs per form): see fuzzPublicForms(runs).
 */

const hostile = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '<%= process.exit(1) %>',
  '<%- include("/etc/passwd") %>',
  '{{7*7}}',
  '${7*7}',
  "' OR 1=1 --",
  "'); DROP TABLE responses; --",
  '" UNION SELECT submission_token FROM responses --',
  '=HYPERLINK("http://example.com","x")',
  '+SUM(1,2)',
  '-1+2',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  'line\r\nSet-Cookie: fb_csrf=stolen',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  '\u0000',
  '\u0001\u0002\u0007\u001b[31m',
  '\uFEFF',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  '😀'.repeat(20),
];

/** Raw (already encoded) fragments, including invalid UTF-8 and broken percent-escapes. */
const rawEncoded = [
  '%C3%28',
  '%FF%FE',
  '%E0%80%AF',
  '%ED%A0%80',
  '%',
  '%zz',
  '%00',
  '%0D%0A',
  '+%2B+',
  '%F0%9F%98',
];

const names = ['fft', 'what_good', 'could_improve', 'respondent_role', 'token', '_csrf'];
const oddNames = [
  'fft[]',
  'what_good[a]',
  'a[b][c]',
  '__proto__',
  'constructor[prototype]',
  'FFT',
  'fft\u0000',
  '',
];

const MEGABYTE = 'x'.repeat(1_048_576);

/** Any string, encoded the way a browser would (lone surrogates, which encodeURIComponent refuses, become raw %ED). */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\s\S]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%B0%80';
      }
    });
  }
};

const valueArb: fc.Arbitrary<{ raw: string; decoded: string | undefined }> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostile).map((v) => ({ raw: encode(v), decoded: v })) },
  {
    weight: 4,
    arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((v) => ({ raw: encode(v), decoded: v })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...hostile), fc.string({ maxLength: 20 }), fc.constantFrom(...hostile))
      .map(([a, b, c]) => ({ raw: encode(a + b + c), decoded: a + b + c })),
  },
  { weight: 2, arbitrary: fc.constantFrom(...rawEncoded).map((raw) => ({ raw, decoded: undefined })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('1', '2', '6', '7', '0', '-1', '1.0', ' 1')
      .map((v) => ({ raw: encode(v), decoded: v })),
  },
  { weight: 1, arbitrary: fc.constant({ raw: MEGABYTE, decoded: MEGABYTE }) },
);

const contentTypes = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=xyz',
  'text/html',
];

const postArb = fc.record({
  fields: fc.array(
    fc.record({
      name: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...names) },
        { weight: 1, arbitrary: fc.constantFrom(...oddNames) },
      ),
      value: valueArb,
    }),
    { maxLength: 8 },
  ),
  /** Most runs carry the real CSRF and submission tokens, so the hostile answers reach the service. */
  realTokens: fc.boolean().map((b) => b || Math.random() < 0.5),
  withFft: fc.boolean(),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant(contentTypes[0]!) },
    { weight: 3, arbitrary: fc.constantFrom(...contentTypes) },
  ),
});

/** Hostile text that, if it came back unescaped, would be markup. */
const looksLikeMarkup = (value: string | undefined) => value !== undefined && /<[a-zA-Z!/%]/.test(value);

/** No script or event handler that is not ours, and no hostile markup echoed verbatim. */
function expectNothingUnescaped(html: string, sent: (string | undefined)[]): void {
  const $ = cheerio.load(html);
  $('script').each((_, el) => {
    expect($(el).attr('src') ?? '(inline script)').toMatch(/^\/assets\//);
  });
  $('*').each((_, el) => {
    for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) {
      expect(name).not.toMatch(/^on/i);
    }
  });
  for (const value of sent) if (looksLikeMarkup(value)) expect(html).not.toContain(value);
}

export function fuzzPublicForms(runs: number): void {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
  const t = buildTestApp();
  let server: http.Server;
  let base: URL;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  beforeAll(async () => {
    process.stdout.write(`fuzz: ${runs} runs per form, seed ${seed} (replay with FUZZ_SEED=${seed})\n`);
    ({ server, base } = await listenOnLoopback(t.app));
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it(`survey form POST /t/amberwood: never a 5xx, nothing reflected unescaped, nothing stored when rejected (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(postArb, async (input) => {
        const jar = new CookieJar();
        const page = await httpRequest(agent, base, 'GET', '/t/amberwood/friends-family-carers', { jar });
        const form = parseForm(page.body)!;
        const pairs: string[] = [];
        if (input.realTokens)
          pairs.push(`_csrf=${encode(form.hidden._csrf ?? '')}`, `token=${encode(form.hidden.token ?? '')}`);
        if (input.withFft) pairs.push('fft=2');
        for (const field of input.fields) pairs.push(`${encode(field.name)}=${field.value.raw}`);
        const before = countRows(t.deps, 'responses');
        const reply = await httpRequest(agent, base, 'POST', '/t/amberwood/friends-family-carers', {
          jar,
          body: pairs.join('&'),
          contentType: input.contentType,
        });
        const stored = countRows(t.deps, 'responses') - before;

        expect(reply.status).toBeLessThan(500);
        if (reply.status === 303) {
          // Page 1 of the survey moves on to the optional "About you" pages; nothing is stored until the end.
          expect(reply.headers.location).toBe('/t/amberwood/friends-family-carers/2');
          expect(stored).toBe(0);
        } else {
          expect([400, 403, 404, 413, 415]).toContain(reply.status);
          expect(stored).toBe(0);
        }
        expectNothingUnescaped(
          reply.body,
          input.fields.map((f) => f.value.decoded),
        );
      }),
      { numRuns: runs, seed },
    );
  }, 120_000);

  it(`team finder GET /?q=: never a 5xx, nothing reflected unescaped, nothing written (${runs} runs)`, async () => {
    const queryArb = fc.array(
      fc.record({ name: fc.constantFrom('q', 'q', 'q[]', 'q[a]', '__proto__', 'x'), value: valueArb }),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(queryArb, async (params) => {
        // A megabyte in a query string is refused by Node's header limit before the app: keep URLs under 16 KB.
        const query = params.map((p) => `${encode(p.name)}=${p.value.raw.slice(0, 4_000)}`).join('&');
        const before = countRows(t.deps, 'responses');
        const reply = await httpRequest(agent, base, 'GET', `/?${query}`);
        expect(reply.status).toBeLessThan(500);
        expect(countRows(t.deps, 'responses')).toBe(before);
        expectNothingUnescaped(
          reply.body,
          params.map((p) => p.value.decoded?.slice(0, 4_000)),
        );
      }),
      { numRuns: runs, seed },
    );
  }, 120_000);

  it(`survey address GET /t/<code>: never a 5xx, nothing reflected unescaped (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(valueArb, async (value) => {
        const reply = await httpRequest(agent, base, 'GET', `/t/${value.raw.slice(0, 4_000)}`);
        expect(reply.status).toBeLessThan(500);
        expectNothingUnescaped(reply.body, [value.decoded?.slice(0, 4_000)]);
      }),
      { numRuns: runs, seed },
    );
  }, 120_000);
}
