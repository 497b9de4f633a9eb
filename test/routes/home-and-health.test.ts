import * as cheerio from 'cheerio';
import request from 'supertest';
import { buildTestApp } from '../support/test-app';

describe('the start page', () => {
  it('lists every active team grouped by directorate, each linking to its survey', async () => {
    const { app } = buildTestApp();
    const $ = cheerio.load((await request(app).get('/').expect(200)).text);
    expect($('h1').text()).toBe('Give feedback about a service');
    expect(
      $('main h3')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['Acute', 'East Kent', 'Forensic and Specialist', 'North Kent', 'West Kent']);
    expect($('a[href="/t/amberwood"]').first().text()).toBe('Amberwood Ward');
  });

  it('finds a team by part of its name', async () => {
    const { app } = buildTestApp();
    const $ = cheerio.load((await request(app).get('/?q=amber').expect(200)).text);
    expect($('#results').text()).toBe('Search results');
    expect($('#results + p').text()).toContain('1 team matches');
    expect($('title').text()).toContain('Search results for "amber"');
    expect($('input[name=q]').val()).toBe('amber');
  });

  it('says when nothing matches, and shows the search text escaped', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
    expect(res.text).toContain('No teams match "&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).not.toContain('<script>alert(1)');
  });

  it('ignores a repeated or overlong search parameter instead of failing', async () => {
    const { app } = buildTestApp();
    await request(app).get('/?q=a&q=b').expect(200);
    await request(app)
      .get(`/?q=${'a'.repeat(500)}`)
      .expect(200);
  });

  it('links the accessibility statement and privacy notice from the footer, and both pages exist', async () => {
    const { app } = buildTestApp();
    const $ = cheerio.load((await request(app).get('/')).text);
    expect($('footer a[href="/accessibility"]').length).toBe(1);
    expect($('footer a[href="/privacy"]').length).toBe(1);
    expect(
      cheerio
        .load((await request(app).get('/accessibility').expect(200)).text)('h1')
        .text(),
    ).toBe('Accessibility statement');
    expect(
      cheerio
        .load((await request(app).get('/privacy').expect(200)).text)('h1')
        .text(),
    ).toBe('Privacy notice');
  });
});

describe('health check and error pages', () => {
  it('answers 200 with status ok when the database answers', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    const { app, deps } = buildTestApp();
    deps.db.close();
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).toMatchObject({ status: 'unavailable' });
  });

  it('shows a friendly 500 page with a reference id and no stack trace when something breaks', async () => {
    const { app, deps, logger } = buildTestApp({ env: { NODE_ENV: 'production' } });
    deps.db.close();
    const res = await request(app).get('/t/amberwood').expect(500);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('Sorry, there is a problem with the service');
    const reference = res.headers['x-request-id'] as string;
    expect($('main').text()).toContain(`Reference: ${reference}`);
    expect(res.text).not.toMatch(/\.ts:\d+|\.js:\d+|Error:/);
    expect(logger.lines.some((line) => line.includes('"unhandled error"') && line.includes(reference))).toBe(
      true,
    );
  });

  it('shows a friendly 404 page for an unknown address', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/no/such/page').expect(404);
    expect(cheerio.load(res.text)('h1').text()).toBe('Page not found');
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
  });

  it('serves the NHS.UK frontend assets with long caching, and 404s an unknown asset', async () => {
    const { app } = buildTestApp();
    const page = cheerio.load((await request(app).get('/')).text);
    const css = page('link[rel=stylesheet]').first().attr('href')!;
    const res = await request(app).get(css).expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    await request(app).get('/assets/nhsuk/nothing.css').expect(404);
  });
});
