-- Counts of each closed answer (PREM and carers' items, equality monitoring) so % agree and equality breakdowns do
-- not read response_answers: one row per (month, team, site, directorate, community as recorded, item code,
-- answer value, FFT code) with a count. Maintained in the same transaction as each response insert
-- (response-repository.ts), rebuilt by the recount (src/reports/report-repository.ts), proven equal by a
-- property test. month is the YYYY-MM of submitted_on (the Europe/London calendar date).
CREATE TABLE answer_summaries (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  item_code TEXT NOT NULL,
  value TEXT NOT NULL,
  fft_code INTEGER NOT NULL CHECK (fft_code BETWEEN 1 AND 6),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code)
) STRICT, WITHOUT ROWID;

-- Answers stored before this migration are counted now.
INSERT INTO answer_summaries (
  month, team_id, site_id, directorate_id, community_id, item_code, value, fft_code, responses)
SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, a.item_code, a.value,
       r.fft_code, count(*)
FROM responses r JOIN response_answers a ON a.response_id = r.id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
