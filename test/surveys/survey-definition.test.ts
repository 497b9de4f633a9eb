import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/database';
import { migrate, readMigrations } from '../../src/db/migrate';
import { migrationsDir, projectRoot } from '../../src/paths';
import { checksumOf, publishSurveys, readSurveyFiles } from '../../src/surveys/survey-catalogue';
import {
  parseSurveyDefinition,
  SurveyDefinitionError,
  type SurveyDefinition,
  type SurveyItem,
} from '../../src/surveys/survey-definition';
import { createSurveyRepository, PublishedVersionChangedError } from '../../src/surveys/survey-repository';

const shipped = path.join(projectRoot, 'data', 'surveys');

const fftItems: SurveyItem[] = [
  { code: 'fft', kind: 'fft', theme: 'overall', variant: 'standard', pictures: false },
  {
    code: 'comment',
    kind: 'free_text',
    theme: 'overall',
    commentType: 'nonspecific',
    label: { en: 'Tell us more' },
    maxLength: 500,
  },
];

/** A one-page survey of these items. */
const onePage = (items: unknown[]) => ({ pages: [{ items }] }) as Pick<SurveyDefinition, 'pages'>;

function fftSurvey(overrides: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return {
    code: 'test-survey',
    version: 1,
    title: { en: 'Test' },
    languages: ['en'],
    checkAnswers: false,
    ...onePage(fftItems),
    ...overrides,
  };
}

function surveyRepository() {
  const db = openDatabase(':memory:');
  migrate(db, readMigrations(migrationsDir), () => new Date());
  return { db, repository: createSurveyRepository(db) };
}

describe('survey definitions', () => {
  it('accepts every shipped survey file', () => {
    expect(readSurveyFiles(shipped).map((f) => f.definition.code)).toContain('friends-family-carers');
  });

  it('accepts a minimal FFT survey', () => {
    expect(parseSurveyDefinition('x.json', fftSurvey()).code).toBe('test-survey');
  });

  it.each([
    [
      'the FFT question is not first',
      onePage([...fftItems].reverse()),
      /items\.0.*first item must be the FFT question/,
    ],
    [
      'there is no free-text question',
      onePage([fftItems[0]!, fftItems[0]!]),
      /at least one free-text question/,
    ],
    ['an item code is used twice', onePage([...fftItems, fftItems[1]!]), /\[item comment\].*used twice/],
    ['the English title is missing', { title: { cy: 'Prawf' } }, /title\.en/],
  ])('refuses a definition where %s, naming the survey, version and item', (_label, overrides, message) => {
    const broken = { ...fftSurvey(), ...overrides };
    expect(() => parseSurveyDefinition('broken.json', broken)).toThrow(SurveyDefinitionError);
    expect(() => parseSurveyDefinition('broken.json', broken)).toThrow(
      /broken\.json \(test-survey version 1\)/,
    );
    expect(() => parseSurveyDefinition('broken.json', broken)).toThrow(message);
  });

  it('refuses an unknown item kind', () => {
    const broken = {
      ...fftSurvey(),
      ...onePage([...fftItems, { code: 'x', kind: 'slider', theme: 'tt' }]),
    };
    expect(() => parseSurveyDefinition('broken.json', broken)).toThrow(/\[item x\]/);
  });

  it('refuses a file that is not JSON, naming it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'surveys-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "code": ');
    expect(() => readSurveyFiles(dir)).toThrow(/bad\.json.*not valid JSON/s);
  });
});

describe('publishing survey versions', () => {
  it('publishes a version once, and publishing the same content again changes nothing', () => {
    const { db, repository } = surveyRepository();
    const definition = fftSurvey();
    const first = repository.publish(definition, checksumOf(definition), '2026-01-01T00:00:00Z');
    const again = repository.publish(definition, checksumOf(definition), '2026-02-01T00:00:00Z');
    expect(again).toBe(first);
    expect(db.prepare('SELECT count(*) AS n FROM survey_versions').get()).toEqual({ n: 1 });
  });

  it('refuses different content under a published version number', () => {
    const { repository } = surveyRepository();
    repository.publish(fftSurvey(), checksumOf(fftSurvey()), '2026-01-01T00:00:00Z');
    const edited = fftSurvey({ title: { en: 'Edited' } });
    expect(() => repository.publish(edited, checksumOf(edited), '2026-01-02T00:00:00Z')).toThrow(
      PublishedVersionChangedError,
    );
  });

  it('serves the newest version, and keeps the old one for the responses that answered it', () => {
    const { repository } = surveyRepository();
    const v1 = fftSurvey();
    const v2 = fftSurvey({ version: 2, title: { en: 'New wording' } });
    const catalogue = publishSurveys(
      repository,
      [v1, v2].map((definition) => ({ definition, checksum: checksumOf(definition) })),
      '2026-01-01T00:00:00Z',
    );
    expect(catalogue.latest('test-survey')?.version).toBe(2);
    expect(catalogue.latest('test-survey')?.definition.title.en).toBe('New wording');
  });

  it('refuses to change or delete a published version in the database', () => {
    const { db, repository } = surveyRepository();
    repository.publish(fftSurvey(), checksumOf(fftSurvey()), '2026-01-01T00:00:00Z');
    expect(() => db.prepare("UPDATE survey_versions SET definition = '{}'").run()).toThrow(
      /cannot be changed/,
    );
    expect(() => db.prepare('DELETE FROM survey_versions').run()).toThrow(/cannot be deleted/);
  });
});
