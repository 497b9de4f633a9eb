-- Monthly roll-ups the report dashboard reads (issue 8: its time must not grow with the number of responses).
-- response_summaries (0007) keeps survey, mode and role crossed with the placement, so it fills towards
-- teams x months x surveys x modes x roles x 6 rows as responses arrive; these hold only what the dashboard shows:
--   report_month_places: counts by month, team, placement as recorded and FFT code (tree, headline, trend);
--   report_month_breakdowns: counts by team, month, placement, and EITHER mode OR role (never crossed), for a scope;
--   report_trust_breakdowns: the same summed over the whole trust (the trust dashboard reads only these).
-- A few thousand rows each whatever the volume. Maintained in the same transaction as each response insert
-- (response-repository.ts), rebuilt by the recount (src/reports/report-repository.ts), which tests prove equal.
-- month is the YYYY-MM of submitted_on (the Europe/London calendar date); no stated role counts as 'not_stated'.
CREATE TABLE report_month_places (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, team_id, site_id, directorate_id, community_id, fft_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_month_breakdowns (
  team_id INTEGER NOT NULL REFERENCES teams (id),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  breakdown TEXT NOT NULL CHECK (breakdown IN ('mode', 'role')),
  value TEXT NOT NULL CHECK (
    (breakdown = 'mode' AND value IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other'))
    OR (breakdown = 'role' AND value IN (
      'service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience', 'not_stated'))
  ),
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (team_id, month, site_id, directorate_id, community_id, breakdown, value, fft_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_trust_breakdowns (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  breakdown TEXT NOT NULL CHECK (breakdown IN ('mode', 'role')),
  value TEXT NOT NULL CHECK (
    (breakdown = 'mode' AND value IN ('kiosk_tablet', 'online_qr', 'online_link', 'paper', 'telephone', 'sms', 'other'))
    OR (breakdown = 'role' AND value IN (
      'service_user', 'helped_by_other', 'carer_on_behalf', 'carer_own_experience', 'not_stated'))
  ),
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, breakdown, value, fft_code)
) STRICT, WITHOUT ROWID;

-- Responses stored before this migration are counted now (from response_summaries, which counts every response).
INSERT INTO report_month_places (month, team_id, site_id, directorate_id, community_id, fft_code, responses)
SELECT month, team_id, site_id, directorate_id, community_id, fft_code, sum(responses)
FROM response_summaries WHERE responses > 0
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO report_month_breakdowns (
  team_id, month, site_id, directorate_id, community_id, breakdown, value, fft_code, responses)
SELECT team_id, month, site_id, directorate_id, community_id, 'mode', mode, fft_code, sum(responses)
FROM response_summaries WHERE responses > 0
GROUP BY 1, 2, 3, 4, 5, 7, 8
UNION ALL
SELECT team_id, month, site_id, directorate_id, community_id, 'role', respondent_role, fft_code, sum(responses)
FROM response_summaries WHERE responses > 0
GROUP BY 1, 2, 3, 4, 5, 7, 8;

INSERT INTO report_trust_breakdowns (month, breakdown, value, fft_code, responses)
SELECT month, breakdown, value, fft_code, sum(responses)
FROM report_month_breakdowns
GROUP BY 1, 2, 3, 4;
