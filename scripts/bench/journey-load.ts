import http from 'node:http';

/**
 * A load generator for the survey journey, on Node's own http with a keep-alive agent. Each worker behaves like a
 * browser: it keeps its cookies, GETs the form, reads the form's fields from the HTML (hidden fields included, so
 * new hidden fields or more pages keep working), fills them in and POSTs, following 303s to further pages until the
 * thank-you page. A journey counts as acknowledged only when the server redirected to the thank-you page.
 *
 * Every loop is bounded in time and in count; traffic goes to the address given (loopback in all our uses).
 */

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
}

export function httpRequest(
  agent: http.Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  options: { jar?: CookieJar; body?: string; contentType?: string; timeoutMs?: number } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = {};
    const cookie = options.jar?.header();
    if (cookie) headers.cookie = cookie;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          options.jar?.take(res.headers);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name] ?? '');
const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decode(match[1]);
};

export interface ParsedForm {
  action: string | undefined;
  hidden: Record<string, string>;
  radios: Map<string, string[]>;
  textareas: string[];
}

/** Reads the first POST form on a page: its action, hidden fields, radio groups and text areas. */
export function parseForm(html: string): ParsedForm | undefined {
  const formMatch = /<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!formMatch) return undefined;
  const hidden: Record<string, string> = {};
  const radios = new Map<string, string[]>();
  const textareas: string[] = [];
  for (const tag of formMatch[1]?.match(/<input\b[^>]*>/g) ?? []) {
    const type = attr(tag, 'type');
    const name = attr(tag, 'name');
    if (!name) continue;
    if (type === 'hidden') hidden[name] = attr(tag, 'value') ?? '';
    if (type === 'radio') radios.set(name, [...(radios.get(name) ?? []), attr(tag, 'value') ?? '']);
  }
  for (const tag of formMatch[1]?.match(/<textarea\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    if (name) textareas.push(name);
  }
  return { action: attr(formMatch[0], 'action'), hidden, radios, textareas };
}

/** Fills a parsed form as a respondent might: a choice in every radio group, some text in the first text area. */
export function fillForm(form: ParsedForm, sequence: number): string {
  const fields = new URLSearchParams(form.hidden);
  for (const [name, values] of form.radios) {
    const value = values[sequence % values.length];
    if (value !== undefined) fields.set(name, value);
  }
  const firstText = form.textareas[0];
  if (firstText) fields.set(firstText, `Load test comment ${sequence}: staff were kind.`);
  return fields.toString();
}

export interface JourneyOptions {
  base: URL;
  /** The first page of the journey, e.g. /t/amberwood. */
  startPath: string;
  connections: number;
  durationMs: number;
  /** A hard cap on journeys started, whatever the time. */
  maxJourneys?: number;
  /** Stops starting journeys once this returns true (a fault test after it killed the server). */
  shouldStop?: () => boolean;
  /**
   * Keeps each acknowledged submission (the fault tests check each is stored once; the default). A benchmark counts
   * them only: kept, a section's thousands grew the load generator's heap from about 15 to 130 MB, on the cores the
   * servers it measures share.
   */
  keepSubmissions?: boolean;
}

export interface Submission {
  /** The form's hidden fields (its token among them), the cookies and body posted, to retry exactly. */
  hidden: Record<string, string>;
  path: string;
  body: string;
  jar: CookieJar;
}

export interface JourneyResult {
  journeys: number;
  acknowledged: number;
  /** Submissions acknowledged (the signed tokens posted that got the thank-you redirect), unless not kept. */
  acknowledgedSubmissions: Submission[];
  /** Submissions posted that got no answer (connection lost): the fault tests retry these once. */
  unanswered: Submission[];
  statuses: Record<string, number>;
  networkErrors: number;
  /** Whole journeys (GET form to thank-you redirect), in milliseconds. */
  journeyMs: number[];
  /** The POST requests alone, in milliseconds. */
  postMs: number[];
  elapsedMs: number;
}

const MAX_STEPS = 8;

/** Runs survey journeys on `connections` workers for `durationMs` (or until maxJourneys have started). */
export async function runJourneys(options: JourneyOptions): Promise<JourneyResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const result: JourneyResult = {
    journeys: 0,
    acknowledged: 0,
    acknowledgedSubmissions: [],
    unanswered: [],
    statuses: {},
    networkErrors: 0,
    journeyMs: [],
    postMs: [],
    elapsedMs: 0,
  };
  const count = (status: number) => {
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
  };
  const started = performance.now();
  const deadline = started + options.durationMs;
  const maxJourneys = options.maxJourneys ?? Number.MAX_SAFE_INTEGER;

  async function journey(sequence: number): Promise<void> {
    const jar = new CookieJar();
    const journeyStart = performance.now();
    let path = options.startPath;
    let page: HttpReply;
    try {
      page = await httpRequest(agent, options.base, 'GET', path, { jar });
    } catch {
      result.networkErrors += 1;
      return;
    }
    count(page.status);
    for (let step = 0; step < MAX_STEPS && page.status === 200; step += 1) {
      const form = parseForm(page.body);
      if (!form) return;
      const postPath = form.action ?? path;
      const body = fillForm(form, sequence);
      const submission: Submission = { hidden: form.hidden, path: postPath, body, jar };
      const postStart = performance.now();
      let reply: HttpReply;
      try {
        reply = await httpRequest(agent, options.base, 'POST', postPath, { jar, body });
      } catch {
        result.networkErrors += 1;
        result.unanswered.push(submission);
        return;
      }
      result.postMs.push(performance.now() - postStart);
      count(reply.status);
      if (reply.status !== 303) return;
      const location = reply.headers.location ?? '';
      if (/thank-you$/.test(location)) {
        result.acknowledged += 1;
        if (options.keepSubmissions !== false) result.acknowledgedSubmissions.push(submission);
        result.journeyMs.push(performance.now() - journeyStart);
        return;
      }
      path = location;
      try {
        page = await httpRequest(agent, options.base, 'GET', path, { jar });
      } catch {
        result.networkErrors += 1;
        return;
      }
      count(page.status);
    }
  }

  async function worker(id: number): Promise<void> {
    let sequence = id;
    while (performance.now() < deadline && result.journeys < maxJourneys && !options.shouldStop?.()) {
      result.journeys += 1;
      await journey(sequence);
      sequence += options.connections;
    }
  }

  await Promise.all(Array.from({ length: options.connections }, (_, id) => worker(id)));
  result.elapsedMs = performance.now() - started;
  agent.destroy();
  return result;
}

/** Posts a submission again, exactly as before (same cookies, same token). True when acknowledged. */
export async function retrySubmission(base: URL, submission: Submission): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const reply = await httpRequest(agent, base, 'POST', submission.path, {
      jar: submission.jar,
      body: submission.body,
    });
    return reply.status === 303 && /thank-you$/.test(reply.headers.location ?? '');
  } finally {
    agent.destroy();
  }
}

/** The nonce stored in responses.submission_token for a signed submission token (its payload's `n`). */
export function nonceOf(signedToken: string): string | undefined {
  try {
    const [encoded] = signedToken.split('.');
    const payload = JSON.parse(Buffer.from(encoded ?? '', 'base64url').toString('utf8')) as { n?: unknown };
    return typeof payload.n === 'string' ? payload.n : undefined;
  } catch {
    return undefined;
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
