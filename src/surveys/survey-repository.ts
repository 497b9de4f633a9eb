import type { Db } from '../db/database';
import type { SurveyDefinition } from './survey-definition';

export interface PublishedSurvey {
  versionId: number;
  code: string;
  version: number;
  definition: SurveyDefinition;
}

export class PublishedVersionChangedError extends Error {
  constructor(code: string, version: number) {
    super(
      `Survey ${code} version ${version} is already published with different content. ` +
        'A published version is never edited: save the change as a new version file.',
    );
    this.name = 'PublishedVersionChangedError';
  }
}

export function createSurveyRepository(db: Db) {
  const findSurvey = db.prepare('SELECT id FROM surveys WHERE code = :code');
  const insertSurvey = db.prepare('INSERT INTO surveys (code, created_at) VALUES (:code, :createdAt)');
  const findVersion = db.prepare(
    'SELECT id, checksum FROM survey_versions WHERE survey_id = :surveyId AND version = :version',
  );
  const insertVersion = db.prepare(
    `INSERT INTO survey_versions (survey_id, version, definition, checksum, published_at)
     VALUES (:surveyId, :version, :definition, :checksum, :publishedAt)`,
  );
  const latest = db.prepare(
    `SELECT v.id AS versionId, s.code AS code, v.version AS version, v.definition AS definition
     FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
     WHERE v.version = (SELECT max(version) FROM survey_versions WHERE survey_id = s.id)`,
  );

  return {
    /**
     * Records a version if it is new. Publishing the same content again is a no-op; different content under a
     * published version number is refused. Returns the version's id.
     */
    publish(definition: SurveyDefinition, checksum: string, publishedAt: string): number {
      return db.transaction(() => {
        const survey = findSurvey.get({ code: definition.code }) as { id: number } | undefined;
        const surveyId =
          survey?.id ??
          Number(insertSurvey.run({ code: definition.code, createdAt: publishedAt }).lastInsertRowid);
        const existing = findVersion.get({ surveyId, version: definition.version }) as
          { id: number; checksum: string } | undefined;
        if (existing) {
          if (existing.checksum !== checksum)
            throw new PublishedVersionChangedError(definition.code, definition.version);
          return existing.id;
        }
        return Number(
          insertVersion.run({
            surveyId,
            version: definition.version,
            definition: JSON.stringify(definition),
            checksum,
            publishedAt,
          }).lastInsertRowid,
        );
      })();
    },

    /** The newest published version of every survey. */
    listLatest(): PublishedSurvey[] {
      return (latest.all() as { versionId: number; code: string; version: number; definition: string }[]).map(
        (row) => ({
          ...row,
          definition: JSON.parse(row.definition) as SurveyDefinition,
        }),
      );
    },
  };
}

export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
