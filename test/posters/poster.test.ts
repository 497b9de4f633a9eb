import * as cheerio from 'cheerio';
import jsQR from 'jsqr';
import request from 'supertest';
import { SurveyVisitor } from '../support/survey-visitor';
import { buildTestApp } from '../support/test-app';

/** Rasterises a QR path (unit squares as "M x y h w v1 h-w z" runs) and decodes it with an independent decoder. */
function decodeQrPath(d: string, size: number): string | undefined {
  const scale = 4;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const run of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    const [x, y, w] = [Number(run[1]), Number(run[2]), Number(run[3])];
    for (let py = (y + quiet) * scale; py < (y + quiet + 1) * scale; py += 1) {
      for (let px = (x + quiet) * scale; px < (x + quiet + w) * scale; px += 1) {
        pixels.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
      }
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('team posters', () => {
  it('shows the team name, the short address in text, and a QR code that decodes to the team QR address', async () => {
    const { app } = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.kmpt.example' } });
    const res = await request(app).get('/posters/amberwood').expect(200);
    const $ = cheerio.load(res.text);
    expect($('h1').text()).toBe('How was your experience of Amberwood Ward?');
    expect($('.app-poster__url').text()).toBe('feedback.kmpt.example/t/amberwood');
    const svg = $('svg.app-poster__qr');
    expect(svg.attr('aria-label')).toBe('QR code for feedback.kmpt.example/q/amberwood');
    const size = Number(svg.find('rect').attr('width')) - 8;
    // The QR address runs the same survey and tags the response as collected by QR code (mode online_qr).
    expect(decodeQrPath(svg.find('path').attr('d') ?? '', size)).toBe(
      'https://feedback.kmpt.example/q/amberwood',
    );
  });

  it('never takes the address from the Host header', async () => {
    const { app } = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.kmpt.example' } });
    const res = await request(app).get('/posters/amberwood').set('Host', 'evil.example').expect(200);
    expect(res.text).not.toContain('evil.example');
  });

  it('offers the whole poster as a downloadable A4 SVG with the same QR code', async () => {
    const { app } = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.kmpt.example' } });
    const res = await request(app)
      .get('/posters/amberwood.svg')
      .buffer(true)
      .parse((r, cb) => {
        let body = '';
        r.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        r.on('end', () => cb(null, body));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="feedback-poster-amberwood.svg"');
    const $ = cheerio.load(res.body as string, { xml: true });
    expect($('svg').attr('width')).toBe('210mm');
    expect($('svg').attr('height')).toBe('297mm');
    expect($('text').text()).toContain('Amberwood Ward?');
    expect($('text').text()).toContain('feedback.kmpt.example/t/amberwood');
    expect($('script').length).toBe(0);
  });

  it('gives the friendly team 404 for an unknown team, on the page and the SVG', async () => {
    const { app } = buildTestApp();
    await request(app).get('/posters/nowhere').expect(404);
    await request(app).get('/posters/nowhere.svg').expect(404);
  });
});

describe('collection point posters', () => {
  const withPoints = () => {
    const t = buildTestApp({ env: { PUBLIC_BASE_URL: 'https://feedback.kmpt.example' } });
    const kiosk = t.deps.services.kiosk;
    const add = (code: string, mode: 'online_qr' | 'kiosk_tablet' | 'paper') =>
      kiosk.createPoint(
        { code, label: `Point ${code}`, teamCode: 'amberwood', mode, surveyCodes: ['friends-family-carers'] },
        null,
      );
    return { ...t, kiosk, add };
  };

  it("encodes the point's own public address, which tags responses with the point", async () => {
    const { app, add, deps } = withPoints();
    add('amberwood-leaflet', 'online_qr');
    const $ = cheerio.load((await request(app).get('/posters/points/amberwood-leaflet').expect(200)).text);
    expect($('h1').text()).toBe('How was your experience of Amberwood Ward?');
    expect($('.app-poster__url').text()).toBe('feedback.kmpt.example/c/amberwood-leaflet');
    const svg = $('svg.app-poster__qr');
    expect(svg.attr('aria-label')).toBe('QR code for feedback.kmpt.example/c/amberwood-leaflet');
    const size = Number(svg.find('rect').attr('width')) - 8;
    const decoded = decodeQrPath(svg.find('path').attr('d') ?? '', size);
    expect(decoded).toBe('https://feedback.kmpt.example/c/amberwood-leaflet');
    expect($('a[download]').attr('href')).toBe('/posters/points/amberwood-leaflet.svg');

    // Following the decoded address: the response carries the point and its mode.
    const survey = `${new URL(decoded!).pathname}/friends-family-carers`;
    const visitor = new SurveyVisitor(app);
    await visitor.open(survey);
    let next = await visitor.next(survey, { fft: '1' });
    for (let page = 0; page < 20 && !next.endsWith('/thank-you'); page += 1) {
      next = await visitor.next(next, next.endsWith('/check') ? {} : { skip: 'yes' });
    }
    expect(next).toBe('/c/amberwood-leaflet/thank-you');
    expect(
      deps.db.prepare('SELECT mode, collection_point_id IS NOT NULL AS tagged FROM responses').all(),
    ).toEqual([{ mode: 'online_qr', tagged: 1 }]);
  });

  it('offers the SVG download with the same address and no poster for kiosks, paper, retired or unknown points', async () => {
    const { app, add, kiosk } = withPoints();
    add('amberwood-leaflet', 'online_qr');
    const svg = await request(app)
      .get('/posters/points/amberwood-leaflet.svg')
      .buffer(true)
      .parse((r, cb) => {
        let body = '';
        r.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        r.on('end', () => cb(null, body));
      })
      .expect(200);
    expect(svg.headers['content-disposition']).toBe(
      'attachment; filename="feedback-poster-amberwood-leaflet.svg"',
    );
    expect(
      cheerio
        .load(svg.body as string, { xml: true })('text')
        .text(),
    ).toContain('feedback.kmpt.example/c/amberwood-leaflet');
    add('amberwood-tablet', 'kiosk_tablet');
    add('amberwood-paper', 'paper');
    kiosk.retirePoint(add('amberwood-old', 'online_qr'), null);
    for (const code of ['amberwood-tablet', 'amberwood-paper', 'amberwood-old', 'nowhere']) {
      await request(app).get(`/posters/points/${code}`).expect(404);
      await request(app).get(`/posters/points/${code}.svg`).expect(404);
    }
  });
});
