-- % agree on the report dashboard: the agreement answers of answer_summaries (migration 0014) rolled up by month
-- without the FFT code, by place as recorded and for the whole trust, so the dashboard reads a few thousand rows
-- whatever the number of responses (answer_summaries has every item x value x FFT code: 425,000 rows at 1,000,000
-- responses with the PREM answered). Triggers on answer_summaries keep both in step in the same transaction as
-- every change to it (each stored response, the recount); the recount (src/reports/report-repository.ts) rebuilds
-- them from the responses and a test proves the two equal.
CREATE TABLE report_agreement_months (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  item_code TEXT NOT NULL,
  value TEXT NOT NULL
    CHECK (value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, team_id, site_id, directorate_id, community_id, item_code, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_agreement_trust_months (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  item_code TEXT NOT NULL,
  value TEXT NOT NULL
    CHECK (value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')),
  responses INTEGER NOT NULL CHECK (responses >= 0),
  PRIMARY KEY (month, item_code, value)
) STRICT, WITHOUT ROWID;

-- Answers counted before this migration are rolled up now.
INSERT INTO report_agreement_months (
  month, team_id, site_id, directorate_id, community_id, item_code, value, responses)
SELECT month, team_id, site_id, directorate_id, community_id, item_code, value, sum(responses)
FROM answer_summaries
WHERE value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO report_agreement_trust_months (month, item_code, value, responses)
SELECT month, item_code, value, sum(responses)
FROM answer_summaries
WHERE value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')
GROUP BY 1, 2, 3;

-- No upsert inside the triggers: the firing statement's conflict policy would override it (see migration 0020),
-- so a missing row is created at zero and then counted.
CREATE TRIGGER answer_summaries_agreement_added AFTER INSERT ON answer_summaries
WHEN NEW.value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')
BEGIN
  INSERT INTO report_agreement_months (
    month, team_id, site_id, directorate_id, community_id, item_code, value, responses)
  SELECT NEW.month, NEW.team_id, NEW.site_id, NEW.directorate_id, NEW.community_id, NEW.item_code, NEW.value, 0
  WHERE NOT EXISTS (
    SELECT 1 FROM report_agreement_months
    WHERE month = NEW.month AND team_id = NEW.team_id AND site_id = NEW.site_id
      AND directorate_id = NEW.directorate_id AND community_id = NEW.community_id
      AND item_code = NEW.item_code AND value = NEW.value);
  UPDATE report_agreement_months SET responses = responses + NEW.responses
  WHERE month = NEW.month AND team_id = NEW.team_id AND site_id = NEW.site_id
    AND directorate_id = NEW.directorate_id AND community_id = NEW.community_id
    AND item_code = NEW.item_code AND value = NEW.value;
  INSERT INTO report_agreement_trust_months (month, item_code, value, responses)
  SELECT NEW.month, NEW.item_code, NEW.value, 0
  WHERE NOT EXISTS (
    SELECT 1 FROM report_agreement_trust_months
    WHERE month = NEW.month AND item_code = NEW.item_code AND value = NEW.value);
  UPDATE report_agreement_trust_months SET responses = responses + NEW.responses
  WHERE month = NEW.month AND item_code = NEW.item_code AND value = NEW.value;
END;

CREATE TRIGGER answer_summaries_agreement_changed AFTER UPDATE OF responses ON answer_summaries
WHEN NEW.value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')
BEGIN
  UPDATE report_agreement_months SET responses = responses + NEW.responses - OLD.responses
  WHERE month = NEW.month AND team_id = NEW.team_id AND site_id = NEW.site_id
    AND directorate_id = NEW.directorate_id AND community_id = NEW.community_id
    AND item_code = NEW.item_code AND value = NEW.value;
  UPDATE report_agreement_trust_months SET responses = responses + NEW.responses - OLD.responses
  WHERE month = NEW.month AND item_code = NEW.item_code AND value = NEW.value;
END;

CREATE TRIGGER answer_summaries_agreement_removed AFTER DELETE ON answer_summaries
WHEN OLD.value IN ('strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'not_applicable')
BEGIN
  UPDATE report_agreement_months SET responses = responses - OLD.responses
  WHERE month = OLD.month AND team_id = OLD.team_id AND site_id = OLD.site_id
    AND directorate_id = OLD.directorate_id AND community_id = OLD.community_id
    AND item_code = OLD.item_code AND value = OLD.value;
  UPDATE report_agreement_trust_months SET responses = responses - OLD.responses
  WHERE month = OLD.month AND item_code = OLD.item_code AND value = OLD.value;
END;
