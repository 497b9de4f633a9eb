import request from 'supertest';
import { buildTestApp } from '../support/test-app';

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
});
