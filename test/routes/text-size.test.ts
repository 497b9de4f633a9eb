import * as cheerio from 'cheerio';
import request from 'supertest';
import { SurveyVisitor } from '../support/survey-visitor';
import { buildTestApp } from '../support/test-app';

const page = '/t/amberwood/friends-family-carers';

describe('the large-text option', () => {
  it("returns each visitor to their own page and language, not one kept from someone else's visit", async () => {
    const { app } = buildTestApp();
    const returnOf = async (path: string) =>
      cheerio
        .load((await request(app).get(path).expect(200)).text)('form.app-text-size input[name=return]')
        .val();
    expect(await returnOf(`${page}?lang=cy`)).toBe(`${page}?lang=cy`);
    expect(await returnOf(page)).toBe(page);
    expect(await returnOf(`${page}?lang=cy&from=poster`)).toBe(`${page}?lang=cy`);
    // Anything else in the address is dropped, so the pages kept for returning visitors cannot be multiplied.
    expect(await returnOf(`${page}?from=${'x'.repeat(50)}`)).toBe(page);
    expect(await returnOf(`${page}?lang=<script>`)).toBe(page);
  });

  it('works without JavaScript: a form sets the cookie, 303 back to the same page, which then has larger text', async () => {
    const { app } = buildTestApp();
    const agent = request.agent(app);
    let $ = cheerio.load((await agent.get(page).expect(200)).text);
    expect($('html').hasClass('app-large-text')).toBe(false);
    const form = $('form.app-text-size');
    expect(form.attr('action')).toBe('/text-size');
    expect(form.find('input[name=return]').val()).toBe(page);
    expect(form.find('button').text().trim()).toBe('Larger text');

    const set = await agent
      .post('/text-size')
      .type('form')
      .send({ _csrf: form.find('input[name=_csrf]').val() as string, size: 'large', return: page })
      .expect(303);
    expect(set.headers.location).toBe(page);
    const cookie = (set.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('text_size='),
    )!;
    expect(cookie).toMatch(/^text_size=large; Path=\/; HttpOnly; SameSite=Lax$/);

    $ = cheerio.load((await agent.get(page).expect(200)).text);
    expect($('html').attr('class')).toBe('app-large-text');
    expect($('form.app-text-size button').text().trim()).toBe('Standard text size');

    const back = await agent
      .post('/text-size')
      .type('form')
      .send({
        _csrf: $('form.app-text-size input[name=_csrf]').val() as string,
        size: 'normal',
        return: page,
      })
      .expect(303);
    expect((back.headers['set-cookie'] as unknown as string[]).join()).toMatch(/text_size=; Max-Age=0/);
    expect(
      cheerio
        .load((await agent.get(page).expect(200)).text)('html')
        .hasClass('app-large-text'),
    ).toBe(false);
  });

  it.each([['//evil.example/x'], ['https://evil.example/'], ['/\\evil.example'], ['relative']])(
    'refuses to return to %s',
    async (target) => {
      const { app } = buildTestApp();
      const agent = request.agent(app);
      const $ = cheerio.load((await agent.get(page).expect(200)).text);
      await agent
        .post('/text-size')
        .type('form')
        .send({
          _csrf: $('form.app-text-size input[name=_csrf]').val() as string,
          size: 'large',
          return: target,
        })
        .expect(400);
    },
  );

  it('is offered after the form on the start page and every question page, not on staff pages', async () => {
    const { app } = buildTestApp();
    const visitor = new SurveyVisitor(app);
    const paths = ['/t/amberwood', page];
    await visitor.open(page);
    paths.push(await visitor.next(page, { fft: '1' }));
    expect(paths[2]).toBe(`${page}/2`);
    for (const path of paths) {
      const res = await visitor.open(path);
      const forms = cheerio.load(res.text)('form.app-text-size');
      expect({
        path,
        status: res.status,
        forms: forms.length,
        returnTo: forms.find('input[name=return]').val(),
      }).toEqual({ path, status: 200, forms: 1, returnTo: path });
    }
    const signIn = cheerio.load((await request(app).get('/staff/sign-in').expect(200)).text);
    expect(signIn('form.app-text-size').length).toBe(0);
  });
});
