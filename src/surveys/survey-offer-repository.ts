import type { Db } from '../db/database';
import { organisationGenerationOf } from '../db/organisation-generation';

export interface SurveyOffer {
  surveyCode: string;
  position: number;
}

/** Which surveys a team offers, in the order its start page lists them. */
export function createSurveyOfferRepository(db: Db) {
  const count = db.prepare('SELECT count(*) AS n FROM team_surveys');
  const insert = db.prepare(
    `INSERT INTO team_surveys (team_id, survey_id, position, created_at)
     VALUES (:teamId, (SELECT id FROM surveys WHERE code = :surveyCode), :position, :createdAt)`,
  );
  const forTeam = db.prepare(
    `SELECT s.code AS surveyCode, ts.position AS position
     FROM team_surveys ts JOIN surveys s ON s.id = ts.survey_id
     WHERE ts.team_id = :teamId ORDER BY ts.position, s.code`,
  );
  // Changes with any write to the offers or surveys (migration 0022); this repository's own writes empty the cache.
  const generation = organisationGenerationOf(db);

  /**
   * Offers by team: every survey request reads them, and they change only when seeded here or written by another
   * connection (a script), which the organisation generation reveals.
   */
  const offersByTeam = new Map<number, readonly Readonly<SurveyOffer>[]>();
  let cachedGeneration: number | undefined;

  return {
    isEmpty(): boolean {
      return (count.get() as { n: number }).n === 0;
    },

    /** Records the first-start offers in one transaction. */
    seed(offers: { teamId: number; surveyCode: string; position: number }[], createdAt: string): void {
      db.transaction(() => {
        for (const offer of offers) insert.run({ ...offer, createdAt });
      })();
      offersByTeam.clear();
    },

    listForTeam(teamId: number): readonly Readonly<SurveyOffer>[] {
      const current = generation();
      if (current !== cachedGeneration) {
        offersByTeam.clear();
        cachedGeneration = current;
      }
      let offers = offersByTeam.get(teamId);
      if (!offers) {
        offers = Object.freeze((forTeam.all({ teamId }) as SurveyOffer[]).map((o) => Object.freeze(o)));
        offersByTeam.set(teamId, offers);
      }
      return offers;
    },
  };
}

export type SurveyOfferRepository = ReturnType<typeof createSurveyOfferRepository>;
