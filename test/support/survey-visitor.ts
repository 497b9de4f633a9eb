import * as cheerio from 'cheerio';
import request from 'supertest';

/**
 * A person going through a survey in one browser: keeps cookies, and reads the CSRF and submission tokens from
 * each page it opens, as the hidden fields of the form would carry them.
 */
export class SurveyVisitor {
  readonly agent: ReturnType<typeof request.agent>;
  csrf = '';
  token = '';

  /** The app, or a server already listening (faster when sending many requests). */
  constructor(app: Parameters<typeof request.agent>[0]) {
    this.agent = request.agent(app);
  }

  async open(path: string): Promise<request.Response> {
    const res = await this.agent.get(path);
    if (res.status === 200) {
      const $ = cheerio.load(res.text);
      this.csrf = ($('input[name=_csrf]').val() as string | undefined) ?? this.csrf;
      this.token = ($('input[name=token]').val() as string | undefined) ?? this.token;
    }
    return res;
  }

  send(path: string, fields: Record<string, string> = {}): Promise<request.Response> {
    return this.agent
      .post(path)
      .type('form')
      .send({ _csrf: this.csrf, token: this.token, ...fields })
      .then((res) => res);
  }

  /** Sends a page and returns where it led (a 303 is expected). */
  async next(path: string, fields: Record<string, string> = {}): Promise<string> {
    const res = await this.send(path, fields);
    if (res.status !== 303) throw new Error(`expected 303 from ${path}, got ${res.status}`);
    return res.headers.location as string;
  }
}
