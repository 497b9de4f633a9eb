import express from 'express';
import * as cheerio from 'cheerio';
import { csrfProtection } from '../../src/middleware/csrf';
import { errorPages, pageNotFound } from '../../src/middleware/error-pages';
import { formBody } from '../../src/middleware/form-body';
import { requestContext } from '../../src/middleware/request-context';
import { surveyRoutes } from '../../src/routes/public-survey/survey-routes';
import { registerViewEngine } from '../../src/view-engine';
import { buildTestApp } from '../support/test-app';
import { SurveyVisitor } from '../support/survey-visitor';

/**
 * The same survey routes mounted with the kiosk's presentation: one question per page, kiosk collection mode.
 * The kiosk feature will choose this per collection point; here it is mounted directly to prove the parameter.
 */
function kioskApp() {
  const t = buildTestApp();
  const app = express();
  registerViewEngine(app, { cache: true });
  app.locals.serviceName = 'Share your feedback';
  app.locals.nhsukCss = 'nhsuk.css';
  app.use(requestContext(t.logger));
  app.use(formBody(256));
  app.use(csrfProtection({ key: t.deps.secretKey, secureCookie: false }));
  app.use((_req, res, next) => {
    res.locals.trustName = 'Test trust';
    res.locals.crisisLine = { name: 'Crisis line', number: '0800 000 0000' };
    next();
  });
  app.use(
    surveyRoutes(t.deps.services.feedback, {
      secureCookie: false,
      store: t.deps.services.submissions,
      oneQuestionPerPage: true,
      mode: 'kiosk_tablet',
    }),
  );
  app.use(pageNotFound);
  app.use(errorPages(t.logger, false));
  return { ...t, app };
}

describe('one question per page (kiosk presentation)', () => {
  it('asks each question on its own page, counts them, and stores the response under the kiosk mode', async () => {
    const t = kioskApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/amberwood/easy-read-fft';
    const first = cheerio.load((await v.open(base)).text);
    expect(first('fieldset, textarea').length).toBe(1);
    expect(first('.app-progress').text().trim()).toBe('Question 1 of 2');
    expect(await v.next(base, { fft: '1' })).toBe(`${base}/2`);
    const second = cheerio.load((await v.open(`${base}/2`)).text);
    expect(second('textarea#tell_us_more').length).toBe(1);
    expect(second('.app-progress').text().trim()).toBe('Question 2 of 2');
    expect(second('button[name=skip]').text().trim()).toBe('Skip this question');
    expect(await v.next(`${base}/2`, { skip: 'yes' })).toBe('/t/amberwood/thank-you');
    expect(t.deps.db.prepare('SELECT mode, fft_code FROM responses').all()).toEqual([
      { mode: 'kiosk_tablet', fft_code: 1 },
    ]);
  });

  it('splits the equality block into one question per page', async () => {
    const t = kioskApp();
    const v = new SurveyVisitor(t.app);
    const base = '/t/amberwood/friends-family-carers';
    await v.open(base);
    let next = await v.next(base, { fft: '2' });
    const legends: string[] = [];
    while (!next.endsWith('/thank-you')) {
      const $ = cheerio.load((await v.open(next)).text);
      legends.push($('legend, label.nhsuk-label--m').first().text().trim());
      next = await v.next(next, { skip: 'yes' });
    }
    // What could be better, publication consent, who is answering, then nine equality questions.
    expect(legends).toHaveLength(4 + 9);
    expect(legends).toContain('Are you in hospital under the Mental Health Act?');
    expect(t.deps.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 1 });
  });
});
