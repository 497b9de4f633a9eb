-- Counts that keep reports from growing with the number of responses: one row per
-- (team, site, directorate, community as recorded, survey, collection mode, respondent role, month, FFT code).
-- Maintained in the same transaction as each response insert (response-repository.ts), and rebuilt from
-- responses by the recount (src/reports/report-repository.ts), which a property test proves equal.
-- A response with no stated role is counted under 'not_stated' (a primary key column cannot be NULL).
-- month is the YYYY-MM of submitted_on (the Europe/London calendar date).
CREATE TABLE response_summaries (
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  survey_id INTEGER NOT NULL REFERENCES surveys (id),
  mode TEXT NOT NULL CHECK (mode IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other')),
  respondent_role TEXT NOT NULL CHECK (
    respondent_role IN ('service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience', 'not_stated')
  ),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, fft_code)
) STRICT, WITHOUT ROWID;

CREATE INDEX response_summaries_by_team ON response_summaries (team_id, month);

-- Responses stored before this migration are counted now.
INSERT INTO response_summaries (
  team_id, site_id, directorate_id, community_id, survey_id, mode, respondent_role, month, fft_code, responses)
SELECT r.team_id, r.site_id, r.directorate_id, r.community_id, v.survey_id, r.mode,
       coalesce(r.respondent_role, 'not_stated'), substr(r.submitted_on, 1, 7), r.fft_code, count(*)
FROM responses r JOIN survey_versions v ON v.id = r.survey_version_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
