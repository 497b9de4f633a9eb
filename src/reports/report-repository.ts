import type { Db } from '../db/database';
import type { CollectionMode } from '../responses/submission-token';

/** Which organisation a response counts under: the ids stored at submission, or the team's placement today. */
export type StructureBasis = 'as_recorded' | 'current';
export type ScopeLevel = 'trust' | 'community' | 'directorate' | 'site' | 'team';
export type SummaryRole =
  'service_user' | 'helped_by_other' | 'carer_on_behalf' | 'carer_own_experience' | 'not_stated';

/** One cell of the summary table, placed by the chosen structure basis. */
export interface SummaryCell {
  teamId: number;
  siteId: number;
  directorateId: number;
  communityId: number;
  mode: CollectionMode;
  role: SummaryRole;
  month: string;
  fftCode: number;
  responses: number;
}

/** Counts by place and FFT code (modes, roles and months summed): the table and the tree. */
export type PlaceCell = Pick<
  SummaryCell,
  'teamId' | 'siteId' | 'directorateId' | 'communityId' | 'fftCode' | 'responses'
>;
/** The report's period and the one before it, contiguous: previousFrom <= previous < fromMonth <= toMonth. */
export interface PeriodRange {
  previousFrom: string;
  fromMonth: string;
  toMonth: string;
}
export type PeriodPlaceCell = PlaceCell & { period: 'current' | 'previous' };
/** Counts by month and FFT code: the trend. */
export type MonthCell = Pick<SummaryCell, 'month' | 'fftCode' | 'responses'>;
/** Counts for one scope by mode or by role (never crossed), period and FFT code: the breakdowns. */
export type BreakdownCell = { period: 'current' | 'previous'; fftCode: number; responses: number } & (
  { breakdown: 'mode'; value: CollectionMode } | { breakdown: 'role'; value: SummaryRole }
);

export interface CellQuery {
  basis: StructureBasis;
  /** Today's date (YYYY-MM-DD): the day the current structure is read for. */
  on: string;
  fromMonth: string;
  toMonth: string;
  level: ScopeLevel;
  /** The scope's id; ignored for the trust. */
  id: number | null;
}

export interface ThemeCount {
  code: string;
  label: string;
  comments: number;
}

export interface NamedUnit {
  id: number;
  code: string;
  name: string;
  odsCode: string | null;
}

export interface AgreementRow {
  itemCode: string;
  value: string;
  n: number;
}

/** The latest placement of each team that began on or before :on (a retired team keeps its last one). */
const currentPlacements = `
  current_placements AS (
    SELECT p.team_id, p.site_id, p.directorate_id, p.community_id, p.name
    FROM team_placements p
    WHERE p.id = (
      SELECT p2.id FROM team_placements p2
      WHERE p2.team_id = p.team_id AND p2.valid_from <= :on
      ORDER BY p2.valid_from DESC LIMIT 1))`;

const scopeFilter = `
  (:level = 'trust'
   OR (:level = 'community' AND community_id = :id)
   OR (:level = 'directorate' AND directorate_id = :id)
   OR (:level = 'site' AND site_id = :id)
   OR (:level = 'team' AND team_id = :id))`;

const cellColumns = `
  team_id AS teamId, site_id AS siteId, directorate_id AS directorateId, community_id AS communityId,
  mode, respondent_role AS role, month, fft_code AS fftCode, sum(responses) AS responses`;

const recountSelect = `
  SELECT r.team_id, r.site_id, r.directorate_id, r.community_id, v.survey_id, r.mode,
         coalesce(r.respondent_role, 'not_stated'), substr(r.submitted_on, 1, 7), r.fft_code, count(*)
  FROM responses r JOIN survey_versions v ON v.id = r.survey_version_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

// The dashboard's roll-ups (migration 0019) recounted from the responses.
const placeRollupColumns = 'month, team_id, site_id, directorate_id, community_id, fft_code, responses';
const placeRollupRecount = `
  SELECT substr(submitted_on, 1, 7), team_id, site_id, directorate_id, community_id, fft_code, count(*)
  FROM responses GROUP BY 1, 2, 3, 4, 5, 6`;
const breakdownRollupColumns =
  'team_id, month, site_id, directorate_id, community_id, breakdown, value, fft_code, responses';
const breakdownRollupRecount = `
  SELECT team_id, substr(submitted_on, 1, 7), site_id, directorate_id, community_id, 'mode', mode, fft_code, count(*)
  FROM responses GROUP BY 1, 2, 3, 4, 5, 7, 8
  UNION ALL
  SELECT team_id, substr(submitted_on, 1, 7), site_id, directorate_id, community_id, 'role',
         coalesce(respondent_role, 'not_stated'), fft_code, count(*)
  FROM responses GROUP BY 1, 2, 3, 4, 5, 7, 8`;
const trustRollupColumns = 'month, breakdown, value, fft_code, responses';
const trustRollupRecount = `
  SELECT substr(submitted_on, 1, 7), 'mode', mode, fft_code, count(*) FROM responses GROUP BY 1, 3, 4
  UNION ALL
  SELECT substr(submitted_on, 1, 7), 'role', coalesce(respondent_role, 'not_stated'), fft_code, count(*)
  FROM responses GROUP BY 1, 3, 4`;
const themeRollupColumns = 'month, team_id, site_id, directorate_id, community_id, theme_id, comments';
const themeRollupRecount = `
  SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, ct.theme_id, count(*)
  FROM comment_themes ct JOIN comments c ON c.id = ct.comment_id JOIN responses r ON r.id = c.response_id
  GROUP BY 1, 2, 3, 4, 5, 6`;
const agreementValues = `('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')`;
const agreementRollupColumns =
  'month, team_id, site_id, directorate_id, community_id, item_code, value, responses';
const agreementRollupRecount = `
  SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, a.item_code, a.value,
         count(*)
  FROM responses r JOIN response_answers a ON a.response_id = r.id
  WHERE a.value IN ${agreementValues}
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;
const trustAgreementColumns = 'month, item_code, value, responses';
const trustAgreementRecount = `
  SELECT substr(r.submitted_on, 1, 7), a.item_code, a.value, count(*)
  FROM responses r JOIN response_answers a ON a.response_id = r.id
  WHERE a.value IN ${agreementValues}
  GROUP BY 1, 2, 3`;
const differencesOfRecountAndKept = `
  SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept))
       + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount)) AS n`;

export function createReportRepository(db: Db) {
  const recordedCells = db.prepare(
    `SELECT ${cellColumns} FROM response_summaries
     WHERE month BETWEEN :fromMonth AND :toMonth AND ${scopeFilter}
     GROUP BY team_id, site_id, directorate_id, community_id, mode, respondent_role, month, fft_code`,
  );
  const currentCells = db.prepare(
    `WITH ${currentPlacements},
     placed AS (
       SELECT s.team_id, c.site_id, c.directorate_id, c.community_id, s.mode, s.respondent_role, s.month,
              s.fft_code, s.responses
       FROM response_summaries s JOIN current_placements c ON c.team_id = s.team_id
       WHERE s.month BETWEEN :fromMonth AND :toMonth)
     SELECT ${cellColumns} FROM placed WHERE ${scopeFilter}
     GROUP BY team_id, site_id, directorate_id, community_id, mode, respondent_role, month, fft_code`,
  );
  // The dashboard reads the monthly roll-ups (migration 0019), a few thousand rows whatever the volume, and sums
  // them in SQL into the period and the previous period (contiguous: previousFrom <= month < fromMonth <= toMonth).
  const periodOf = `CASE WHEN month >= :fromMonth THEN 'current' ELSE 'previous' END`;
  const periodPlaces = db.prepare(
    `SELECT team_id AS teamId, site_id AS siteId, directorate_id AS directorateId, community_id AS communityId,
            ${periodOf} AS period, fft_code AS fftCode, sum(responses) AS responses
     FROM report_month_places WHERE month BETWEEN :previousFrom AND :toMonth
     GROUP BY team_id, site_id, directorate_id, community_id, period, fft_code`,
  );
  const monthColumns = 'month, fft_code AS fftCode, sum(responses) AS responses';
  const recordedTrend = db.prepare(
    `SELECT ${monthColumns} FROM report_month_places
     WHERE month BETWEEN :fromMonth AND :toMonth AND ${scopeFilter}
     GROUP BY month, fft_code`,
  );
  const teamsTrend = db.prepare(
    `SELECT ${monthColumns} FROM report_month_places
     WHERE month BETWEEN :fromMonth AND :toMonth AND team_id IN (SELECT value FROM json_each(:teamIds))
     GROUP BY month, fft_code`,
  );
  const breakdownColumns = `breakdown, value, ${periodOf} AS period, fft_code AS fftCode, sum(responses) AS responses`;
  const breakdownGroups = 'GROUP BY breakdown, value, period, fft_code';
  const trustBreakdowns = db.prepare(
    `SELECT ${breakdownColumns} FROM report_trust_breakdowns WHERE month BETWEEN :previousFrom AND :toMonth
     ${breakdownGroups}`,
  );
  const teamBreakdowns = db.prepare(
    `SELECT ${breakdownColumns} FROM report_month_breakdowns
     WHERE team_id = :teamId AND month BETWEEN :previousFrom AND :toMonth
     ${breakdownGroups}`,
  );
  const recordedBreakdowns = db.prepare(
    `SELECT ${breakdownColumns} FROM report_month_breakdowns
     WHERE month BETWEEN :previousFrom AND :toMonth AND ${scopeFilter}
     ${breakdownGroups}`,
  );
  const teamsBreakdowns = db.prepare(
    `SELECT ${breakdownColumns} FROM report_month_breakdowns
     WHERE team_id IN (SELECT value FROM json_each(:teamIds)) AND month BETWEEN :previousFrom AND :toMonth
     ${breakdownGroups}`,
  );
  const deleteSummaries = db.prepare('DELETE FROM response_summaries');
  const insertRecount = db.prepare(
    `INSERT INTO response_summaries (
       team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month, fft_code, responses)
     ${recountSelect}`,
  );
  const summaryDifferences = db.prepare(
    `WITH recount (team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month,
                   fft_code, responses) AS (${recountSelect}),
     kept AS (
       SELECT team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month, fft_code,
              responses
       FROM response_summaries WHERE responses > 0)
     SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept))
          + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount)) AS n`,
  );
  const rollups = [
    {
      clear: db.prepare('DELETE FROM report_month_places'),
      rebuild: db.prepare(`INSERT INTO report_month_places (${placeRollupColumns}) ${placeRollupRecount}`),
      differences: db.prepare(
        `WITH recount (${placeRollupColumns}) AS (${placeRollupRecount}),
         kept AS (SELECT ${placeRollupColumns} FROM report_month_places WHERE responses > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
    {
      clear: db.prepare('DELETE FROM report_month_breakdowns'),
      rebuild: db.prepare(
        `INSERT INTO report_month_breakdowns (${breakdownRollupColumns}) ${breakdownRollupRecount}`,
      ),
      differences: db.prepare(
        `WITH recount (${breakdownRollupColumns}) AS (${breakdownRollupRecount}),
         kept AS (SELECT ${breakdownRollupColumns} FROM report_month_breakdowns WHERE responses > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
    {
      clear: db.prepare('DELETE FROM report_trust_breakdowns'),
      rebuild: db.prepare(
        `INSERT INTO report_trust_breakdowns (${trustRollupColumns}) ${trustRollupRecount}`,
      ),
      differences: db.prepare(
        `WITH recount (${trustRollupColumns}) AS (${trustRollupRecount}),
         kept AS (SELECT ${trustRollupColumns} FROM report_trust_breakdowns WHERE responses > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
    {
      clear: db.prepare('DELETE FROM report_agreement_months'),
      rebuild: db.prepare(
        `INSERT INTO report_agreement_months (${agreementRollupColumns}) ${agreementRollupRecount}`,
      ),
      differences: db.prepare(
        `WITH recount (${agreementRollupColumns}) AS (${agreementRollupRecount}),
         kept AS (SELECT ${agreementRollupColumns} FROM report_agreement_months WHERE responses > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
    {
      clear: db.prepare('DELETE FROM report_agreement_trust_months'),
      rebuild: db.prepare(
        `INSERT INTO report_agreement_trust_months (${trustAgreementColumns}) ${trustAgreementRecount}`,
      ),
      differences: db.prepare(
        `WITH recount (${trustAgreementColumns}) AS (${trustAgreementRecount}),
         kept AS (SELECT ${trustAgreementColumns} FROM report_agreement_trust_months WHERE responses > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
    {
      clear: db.prepare('DELETE FROM report_theme_months'),
      rebuild: db.prepare(`INSERT INTO report_theme_months (${themeRollupColumns}) ${themeRollupRecount}`),
      differences: db.prepare(
        `WITH recount (${themeRollupColumns}) AS (${themeRollupRecount}),
         kept AS (SELECT ${themeRollupColumns} FROM report_theme_months WHERE comments > 0)
         ${differencesOfRecountAndKept}`,
      ),
    },
  ];
  // Comments per theme (migration 0020), for a scope as recorded or a set of teams (today's structure).
  const themeColumns = 't.code, t.label, sum(s.comments) AS comments';
  const recordedThemes = db.prepare(
    `SELECT ${themeColumns} FROM report_theme_months s JOIN themes t ON t.id = s.theme_id
     WHERE s.month BETWEEN :fromMonth AND :toMonth
       AND (:level = 'trust'
            OR (:level = 'community' AND s.community_id = :id)
            OR (:level = 'directorate' AND s.directorate_id = :id)
            OR (:level = 'site' AND s.site_id = :id)
            OR (:level = 'team' AND s.team_id = :id))
     GROUP BY t.id HAVING sum(s.comments) > 0`,
  );
  const teamsThemes = db.prepare(
    `SELECT ${themeColumns} FROM report_theme_months s JOIN themes t ON t.id = s.theme_id
     WHERE s.month BETWEEN :fromMonth AND :toMonth AND s.team_id IN (SELECT value FROM json_each(:teamIds))
     GROUP BY t.id HAVING sum(s.comments) > 0`,
  );
  const communities = db.prepare('SELECT id, code, name, NULL AS odsCode FROM communities ORDER BY name');
  const directorates = db.prepare('SELECT id, code, name, NULL AS odsCode FROM directorates ORDER BY name');
  const sites = db.prepare('SELECT id, code, name, ods_code AS odsCode FROM sites ORDER BY name');
  const teams = db.prepare(
    `WITH ${currentPlacements}
     SELECT t.id, t.code, c.name, NULL AS odsCode
     FROM teams t JOIN current_placements c ON c.team_id = t.id ORDER BY c.name`,
  );
  const teamPlaces = db.prepare(
    `WITH ${currentPlacements}
     SELECT team_id AS teamId, site_id AS siteId, directorate_id AS directorateId, community_id AS communityId
     FROM current_placements`,
  );
  // % agree reads the agreement roll-ups (migration 0021): the trust's for the whole trust as recorded, else by place.
  const trustAgreement = db.prepare(
    `SELECT item_code AS itemCode, value, sum(responses) AS n
     FROM report_agreement_trust_months
     WHERE month BETWEEN :fromMonth AND :toMonth
     GROUP BY item_code, value ORDER BY item_code`,
  );
  const recordedAgreement = db.prepare(
    `SELECT item_code AS itemCode, value, sum(responses) AS n
     FROM report_agreement_months
     WHERE month BETWEEN :fromMonth AND :toMonth AND ${scopeFilter}
     GROUP BY item_code, value ORDER BY item_code`,
  );
  const currentAgreement = db.prepare(
    `WITH ${currentPlacements},
     placed AS (
       SELECT s.item_code, s.value, s.responses, c.team_id, c.site_id, c.directorate_id, c.community_id
       FROM report_agreement_months s JOIN current_placements c ON c.team_id = s.team_id
       WHERE s.month BETWEEN :fromMonth AND :toMonth)
     SELECT item_code AS itemCode, value, sum(responses) AS n FROM placed WHERE ${scopeFilter}
     GROUP BY item_code, value ORDER BY item_code`,
  );
  const recordedEquality = db.prepare(
    `SELECT item_code AS itemCode, value, fft_code AS fftCode, sum(responses) AS n
     FROM answer_summaries
     WHERE month BETWEEN :fromMonth AND :toMonth AND item_code GLOB 'eq_*' AND ${scopeFilter}
     GROUP BY item_code, value, fft_code ORDER BY item_code, value`,
  );
  const currentEquality = db.prepare(
    `WITH ${currentPlacements},
     placed AS (
       SELECT s.item_code, s.value, s.fft_code, s.responses, c.team_id, c.site_id, c.directorate_id, c.community_id
       FROM answer_summaries s JOIN current_placements c ON c.team_id = s.team_id
       WHERE s.month BETWEEN :fromMonth AND :toMonth AND s.item_code GLOB 'eq_*')
     SELECT item_code AS itemCode, value, fft_code AS fftCode, sum(responses) AS n FROM placed WHERE ${scopeFilter}
     GROUP BY item_code, value, fft_code ORDER BY item_code, value`,
  );
  const answerRecountSelect = `
    SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, a.item_code,
           a.value, r.fft_code, count(*)
    FROM responses r JOIN response_answers a ON a.response_id = r.id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
  const deleteAnswerSummaries = db.prepare('DELETE FROM answer_summaries');
  const insertAnswerRecount = db.prepare(
    `INSERT INTO answer_summaries (
       month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses)
     ${answerRecountSelect}`,
  );
  const answerDifferences = db.prepare(
    `WITH recount (month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses)
       AS (${answerRecountSelect}),
     kept AS (
       SELECT month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses
       FROM answer_summaries WHERE responses > 0)
     SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept))
          + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount)) AS n`,
  );

  return {
    /** Summed counts per team, place, mode, role, month and FFT code, for a scope and a range of months. */
    cells(query: CellQuery): SummaryCell[] {
      const statement = query.basis === 'current' ? currentCells : recordedCells;
      return statement.all({ ...query, id: query.id ?? 0 }) as SummaryCell[];
    },

    /** Counts per team, placement as recorded and FFT code in a period and the one before (the whole trust). */
    periodPlaces(range: PeriodRange): PeriodPlaceCell[] {
      return periodPlaces.all(range) as PeriodPlaceCell[];
    },

    /** Counts per month and FFT code for a scope as recorded (the trend). */
    trend(query: Omit<CellQuery, 'basis' | 'on'>): MonthCell[] {
      return recordedTrend.all({ ...query, id: query.id ?? 0 }) as MonthCell[];
    },

    /** Counts per month and FFT code for a set of teams (a scope in today's structure). */
    teamsTrend(teamIds: readonly number[], fromMonth: string, toMonth: string): MonthCell[] {
      return teamsTrend.all({ teamIds: JSON.stringify(teamIds), fromMonth, toMonth }) as MonthCell[];
    },

    /** Counts by mode and by role per FFT code, in a period and the one before, for a scope as recorded. */
    breakdowns(range: PeriodRange, scope: { level: ScopeLevel; id: number | null }): BreakdownCell[] {
      if (scope.level === 'trust') return trustBreakdowns.all(range) as BreakdownCell[];
      if (scope.level === 'team')
        return teamBreakdowns.all({ ...range, teamId: scope.id }) as BreakdownCell[];
      return recordedBreakdowns.all({ ...range, level: scope.level, id: scope.id ?? 0 }) as BreakdownCell[];
    },

    /** The same for a set of teams (a scope in today's structure). */
    teamsBreakdowns(teamIds: readonly number[], range: PeriodRange): BreakdownCell[] {
      return teamsBreakdowns.all({ ...range, teamIds: JSON.stringify(teamIds) }) as BreakdownCell[];
    },

    /** Comments per theme for a scope as recorded, over a range of months (themes with none left out). */
    themeCounts(query: Omit<CellQuery, 'basis' | 'on'>): ThemeCount[] {
      return recordedThemes.all({ ...query, id: query.id ?? 0 }) as ThemeCount[];
    },

    /** Comments per theme for a set of teams (a scope in today's structure), over a range of months. */
    teamsThemeCounts(teamIds: readonly number[], fromMonth: string, toMonth: string): ThemeCount[] {
      return teamsThemes.all({ teamIds: JSON.stringify(teamIds), fromMonth, toMonth }) as ThemeCount[];
    },

    /** Rebuilds the summary table from the responses, in one transaction. */
    recount(): void {
      db.transaction(() => {
        deleteSummaries.run();
        insertRecount.run();
        // Emptied first, so the triggers on answer_summaries (migration 0021) have nothing to take a drifted
        // count below zero; they are rebuilt from the responses with the other roll-ups below.
        for (const rollup of rollups) rollup.clear.run();
        deleteAnswerSummaries.run();
        insertAnswerRecount.run();
        for (const rollup of rollups) {
          rollup.clear.run();
          rollup.rebuild.run();
        }
      })();
    },

    /** How many summary rows differ from a full recount (0 when the summaries are right). */
    differencesFromRecount(): number {
      return [summaryDifferences, answerDifferences, ...rollups.map((r) => r.differences)].reduce(
        (n, statement) => n + (statement.get() as { n: number }).n,
        0,
      );
    },

    /** Counts of each agreement value per item code (across survey versions), for a scope and months. */
    agreement(query: CellQuery): AgreementRow[] {
      if (query.basis === 'as_recorded' && query.level === 'trust') {
        return trustAgreement.all({ fromMonth: query.fromMonth, toMonth: query.toMonth }) as AgreementRow[];
      }
      const statement = query.basis === 'current' ? currentAgreement : recordedAgreement;
      return statement.all({ ...query, id: query.id ?? 0 }) as AgreementRow[];
    },

    /** Responses per equality item (eq_*), category and FFT code, for a scope and months. */
    equality(query: CellQuery): (AgreementRow & { fftCode: number })[] {
      const statement = query.basis === 'current' ? currentEquality : recordedEquality;
      return statement.all({ ...query, id: query.id ?? 0 }) as (AgreementRow & { fftCode: number })[];
    },

    /** Where each team is placed on :on (the current structure). */
    teamPlacements(on: string): {
      teamId: number;
      siteId: number;
      directorateId: number;
      communityId: number;
    }[] {
      return teamPlaces.all({ on }) as {
        teamId: number;
        siteId: number;
        directorateId: number;
        communityId: number;
      }[];
    },

    /** Names of every unit; teams are named by their placement on :on. */
    names(on: string): Record<Exclude<ScopeLevel, 'trust'>, NamedUnit[]> {
      return {
        community: communities.all() as NamedUnit[],
        directorate: directorates.all() as NamedUnit[],
        site: sites.all() as NamedUnit[],
        team: teams.all({ on }) as NamedUnit[],
      };
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
