import request from 'supertest';
import { fillForm, nonceOf, parseForm, percentile, runJourneys } from '../../scripts/bench/journey-load';
import { checkSubmissionToken } from '../../src/responses/submission-token';
import { buildTestApp, listenOnLoopback } from '../support/test-app';

// The load generator used by the benchmarks and fault tests reads forms from our real pages.
describe('the journey load generator', () => {
  it('reads the survey form from the real page: action, hidden fields, radio groups and text areas', async () => {
    const { app } = buildTestApp();
    const page = await request(app).get('/t/amberwood/friends-family-carers').expect(200);
    const form = parseForm(page.text)!;
    expect(form.action).toBe('/t/amberwood/friends-family-carers');
    expect(Object.keys(form.hidden).sort()).toEqual(['_csrf', 'token']);
    expect(form.radios.get('fft')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect([...form.radios.keys()]).toEqual(['fft', 'publish_consent', 'respondent_role']);
    expect(form.textareas).toEqual(['what_good', 'could_improve']);
    const body = new URLSearchParams(fillForm(form, 7));
    expect(body.get('fft')).toBe('2');
    expect(body.get('token')).toBe(form.hidden.token);
    expect(body.get('what_good')).toContain('7');
  });

  it('reads the nonce the app stores from a signed token', async () => {
    const t = buildTestApp();
    const form = parseForm((await request(t.app).get('/t/amberwood/friends-family-carers')).text)!;
    const team = t.deps.services.feedback.activeTeam('amberwood')!;
    const survey = t.deps.services.feedback.offeredSurvey(team, 'friends-family-carers')!;
    const check = checkSubmissionToken(
      t.deps.secretKey,
      form.hidden.token!,
      { surveyVersionId: survey.versionId, teamId: team.teamId, mode: 'online_link' },
      t.clock.now(),
      3_600_000,
    );
    expect(check.ok && check.nonce).toBe(nonceOf(form.hidden.token!));
    expect(nonceOf('not a token')).toBeUndefined();
  });

  it('keeps each acknowledged submission for the fault tests, and only counts them when told not to keep them', async () => {
    const { app } = buildTestApp();
    const { server, base } = await listenOnLoopback(app);
    try {
      const run = (keepSubmissions?: boolean) =>
        runJourneys({
          base,
          startPath: '/t/amberwood/easy-read-fft',
          connections: 1,
          durationMs: 10_000,
          maxJourneys: 3,
          ...(keepSubmissions === undefined ? {} : { keepSubmissions }),
        });
      const kept = await run();
      expect(kept.acknowledged).toBe(3);
      // Three different submissions, each with its own signed token.
      expect(new Set(kept.acknowledgedSubmissions.map((s) => nonceOf(s.hidden.token!))).size).toBe(3);
      const counted = await run(false);
      expect(counted.acknowledged).toBe(3);
      expect(counted.acknowledgedSubmissions).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[5], 99, 5],
  ])('percentile of %j at p%i is %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
