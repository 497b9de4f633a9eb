import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { buildTestApp } from '../support/test-app';
import { SurveyVisitor } from '../support/survey-visitor';

/** A v2 of the Friends, Family and Carers survey with new wording for "What was good?". */
function surveysWithV2(dir: string) {
  const v1 = path.join(projectRoot, 'data', 'surveys', 'friends-family-carers.v1.json');
  const definition = JSON.parse(fs.readFileSync(v1, 'utf8')) as {
    version: number;
    pages: { items: { code: string; label?: { en: string } }[] }[];
  };
  definition.version = 2;
  const whatGood = definition.pages[0]!.items.find((i) => i.code === 'what_good')!;
  whatGood.label = { en: 'What went well?' };
  fs.writeFileSync(path.join(dir, 'friends-family-carers.v2.json'), JSON.stringify(definition));
}

async function sendFft(t: ReturnType<typeof buildTestApp>, fft: string, whatGood: string) {
  const v = new SurveyVisitor(t.app);
  const base = '/t/amberwood/friends-family-carers';
  const page = await v.open(base);
  let next = await v.next(base, { fft, what_good: whatGood });
  while (!next.endsWith('/thank-you')) next = await v.next(next, { skip: 'yes' });
  return page.text;
}

describe('a wording change publishes a new version', () => {
  it('keeps the version each response answered, and reports both under the same item codes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'surveys-'));
    const databasePath = path.join(dir, 'feedback.db');
    const surveysDir = path.join(dir, 'surveys');
    fs.mkdirSync(surveysDir);
    fs.copyFileSync(
      path.join(projectRoot, 'data', 'surveys', 'friends-family-carers.v1.json'),
      path.join(surveysDir, 'friends-family-carers.v1.json'),
    );
    const env = { SURVEYS_DIR: surveysDir };

    const before = buildTestApp({ env, databasePath });
    expect(await sendFft(before, '1', 'Kind staff')).toContain('What was good?');
    before.deps.db.close();

    surveysWithV2(surveysDir);
    const after = buildTestApp({ env, databasePath });
    const page = await sendFft(after, '4', 'The garden');
    expect(page).toContain('What went well?');
    expect(page).not.toContain('What was good?');

    const db = after.deps.db;
    expect(
      db
        .prepare(
          `SELECT sv.version, r.fft_code, c.item_code, c.body FROM responses r
           JOIN survey_versions sv ON sv.id = r.survey_version_id
           JOIN comments c ON c.response_id = r.id ORDER BY sv.version`,
        )
        .all(),
    ).toEqual([
      { version: 1, fft_code: 1, item_code: 'what_good', body: 'Kind staff' },
      { version: 2, fft_code: 4, item_code: 'what_good', body: 'The garden' },
    ]);
    // A report by item code joins across versions.
    expect(
      db
        .prepare(
          `SELECT ra.item_code, count(DISTINCT r.survey_version_id) AS versions, count(*) AS answers
           FROM response_answers ra JOIN responses r ON r.id = ra.response_id
           WHERE ra.item_code = 'fft' GROUP BY ra.item_code`,
        )
        .all(),
    ).toEqual([{ item_code: 'fft', versions: 2, answers: 2 }]);
    // The start page and the offers still point at the survey, now served at version 2.
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM team_surveys ts JOIN surveys s ON s.id = ts.survey_id
           WHERE s.code = 'friends-family-carers'`,
        )
        .get(),
    ).toEqual({ n: 25 });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
