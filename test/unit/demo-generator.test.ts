import { londonDateOf } from '../../src/clock';
import {
  createDemoGenerator,
  createRandom,
  demoToken,
  profileTeams,
} from '../../scripts/demo/demo-generator';
import { buildTestApp } from '../support/test-app';
import { createSurveyRepository } from '../../src/surveys/survey-repository';
import { EQUALITY_PREFIX, EQUALITY_QUESTIONS } from '../../src/surveys/equality-monitoring';
import { closedValues } from '../../src/surveys/survey-definition';

function generatorFor(seed: number) {
  const { deps } = buildTestApp();
  const teams = deps.services.organisation.listActiveTeamsOn('2026-11-20');
  const surveys = createSurveyRepository(deps.db).listLatest();
  return createDemoGenerator(
    profileTeams(teams, seed),
    surveys,
    { seed, end: new Date('2026-11-20T21:00:00Z'), months: 13 },
    londonDateOf,
  );
}

describe('demo data', () => {
  it('gives the same responses for the same seed, and different ones for another seed', () => {
    const a = generatorFor(7);
    const b = generatorFor(7);
    const c = generatorFor(8);
    const first = [0, 1, 999, 123_456].map((i) => a.response(i));
    expect([0, 1, 999, 123_456].map((i) => b.response(i))).toEqual(first);
    expect(c.response(0)).not.toEqual(first[0]);
  });

  it('gives tokens of the shape the app issues, unique across indexes and seeds', () => {
    const tokens = new Set<string>();
    for (const seed of [1, 2, 2_000_000_000]) {
      for (let i = 0; i < 20_000; i += 1) tokens.add(demoToken(seed, i));
    }
    expect(tokens.size).toBe(60_000);
    expect(demoToken(2_000_000_000, 49_999_999)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('is mostly positive, spread over the months asked for, with comments including ones about risk', () => {
    const generator = generatorFor(1);
    const sample = Array.from({ length: 20_000 }, (_, i) => generator.response(i));
    const positive = sample.filter((r) => r.fftCode <= 2).length / sample.length;
    expect(positive).toBeGreaterThan(0.8);
    expect(positive).toBeLessThan(0.93);
    const days = sample.map((r) => r.submittedOn).sort();
    expect(days[0]! >= '2025-10-20').toBe(true);
    expect(days[days.length - 1]! <= '2026-11-20').toBe(true);
    expect(new Set(days.map((d) => d.slice(0, 7))).size).toBeGreaterThanOrEqual(13);
    expect(new Set(sample.map((r) => r.mode)).size).toBe(7);
    expect(new Set(sample.map((r) => r.respondentRole)).size).toBe(5);
    const bodies = sample.flatMap((r) => r.comments.map((c) => c.body));
    expect(bodies.some((b) => b.includes('end it all'))).toBe(true);
    expect(bodies.some((b) => b.startsWith('I would never hurt myself'))).toBe(true);
  });

  it('answers the PREM, choice and equality questions with values the survey allows, agreeing more when positive', () => {
    const { deps } = buildTestApp();
    const surveys = createSurveyRepository(deps.db).listLatest();
    const allowed = new Map<string, string[]>();
    for (const survey of surveys) {
      for (const item of survey.definition.pages.flatMap((page) => page.items)) {
        if (item.kind === 'equality') {
          for (const name of item.questions) {
            allowed.set(
              EQUALITY_PREFIX + name,
              EQUALITY_QUESTIONS[name].options.map((o) => o.value),
            );
          }
        } else {
          const values = closedValues(item);
          if (values) allowed.set(item.code, values);
        }
      }
    }
    const generator = generatorFor(3);
    const sample = Array.from({ length: 5_000 }, (_, i) => generator.response(i));
    const answers = sample.flatMap((r) => r.answers.map((a) => ({ ...a, positive: r.fftCode <= 2 })));
    for (const answer of answers) expect(allowed.get(answer.itemCode)).toContain(answer.value);

    const codes = new Set(answers.map((a) => a.itemCode));
    expect([...codes].filter((c) => c.startsWith(EQUALITY_PREFIX)).length).toBeGreaterThanOrEqual(8);
    const agreement = answers.filter((a) => allowed.get(a.itemCode)?.includes('strongly_agree'));
    expect(agreement.length).toBeGreaterThan(1_000);
    const agreeShare = (positive: boolean) => {
      const rated = agreement.filter((a) => a.positive === positive && a.value !== 'not_applicable');
      return rated.filter((a) => a.value === 'agree' || a.value === 'strongly_agree').length / rated.length;
    };
    expect(agreeShare(true)).toBeGreaterThan(0.8);
    expect(agreeShare(false)).toBeLessThan(0.5);
  });

  it('draws uniformly from [0, 1)', () => {
    const random = createRandom(42);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, d) => s + d, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});
