import compression from 'compression';
import express from 'express';
import request from 'supertest';
import { pageCompression } from '../../src/middleware/page-compression';
import { buildTestApp } from '../support/test-app';

const browser = 'gzip, deflate, br, zstd';

/** The two in the app's order, in front of a route that sends a body of a given size and Content-Type header. */
function appSending(body: string, contentType?: string) {
  const app = express();
  app.use(pageCompression());
  app.use(compression());
  app.get('/', (_req, res) => {
    if (contentType) res.setHeader('Content-Type', contentType);
    res.send(body);
  });
  return app;
}

describe('compression', () => {
  it.each(['/t/amberwood', '/assets/nhsuk/nhsuk-frontend.min.css', '/assets/nhsuk/nhsuk-frontend.min.js'])(
    'sends %s gzipped to a browser that accepts it',
    async (url) => {
      const { app } = buildTestApp();
      const res = await request(app).get(url).set('Accept-Encoding', 'gzip').expect(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    },
  );

  it('sends the page uncompressed to a client that does not ask', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/t/amberwood').set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('sends the page uncompressed, and still says it varies, to a client that sends no Accept-Encoding', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/t/amberwood').set('Accept-Encoding', '').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.text).toContain('<form');
  });

  it('sends a survey page gzipped in one piece (its length known up front), and brotli to a browser asking only that', async () => {
    const { app } = buildTestApp();
    const page = '/t/amberwood/friends-family-carers';
    await request(app).get(page).set('Accept-Encoding', 'gzip').expect(200); // kept in the cache from now on
    const gzipped = await request(app)
      .get(page)
      .set('Accept-Encoding', 'gzip, deflate, br, zstd')
      .expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['transfer-encoding']).toBeUndefined();
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(gzipped.text.length / 2);
    expect(gzipped.text).toContain('<form');
    const brotli = await request(app).get(page).set('Accept-Encoding', 'br').expect(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.text).toContain('<form');
  });

  it.each([
    ['a page rendered for this request', '/'],
    ['an error page', '/t/no-such-team'],
  ])('sends %s gzipped in one piece to a browser', async (_what, url) => {
    const { app } = buildTestApp();
    const res = await request(app).get(url).set('Accept-Encoding', browser);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(res.headers['content-length'])).toBeLessThan(res.text.length / 2);
    expect(res.text).toContain('</html>');
  });

  it('leaves a page over 64 KB to the streaming middleware, and a small or non-text body alone', async () => {
    const large = await request(appSending('<p>x</p>'.repeat(10_000)))
      .get('/')
      .set('Accept-Encoding', browser);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers['transfer-encoding']).toBe('chunked');
    expect(large.text).toHaveLength(80_000);
    const small = await request(appSending('<p>short</p>')).get('/').set('Accept-Encoding', browser);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.text).toBe('<p>short</p>');
    const json = await request(appSending(JSON.stringify({ text: 'x'.repeat(5_000) }), 'application/json'))
      .get('/')
      .set('Accept-Encoding', 'gzip');
    expect(json.headers['content-length']).toBeUndefined();
    expect((json.body as { text: string }).text).toHaveLength(5_000);
  });

  it('keeps the charset of a page whose type was set without one', async () => {
    const res = await request(appSending('<p>café</p>'.repeat(200), 'text/plain'))
      .get('/')
      .set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toContain('café');
  });
});
