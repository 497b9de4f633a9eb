-- Top themes on the report dashboard: comments per PALS theme by month and team as recorded, so the dashboard
-- never reads comments or responses. One row per (month, team, site, directorate, community as recorded, theme)
-- with a count of the comments carrying that theme. Themes are added and removed by PALS staff long after the
-- response, by several paths (the comment page, bulk tagging, a comment's deletion cascading), so triggers on
-- comment_themes keep it in step in the same transaction as every change; the recount
-- (src/reports/report-repository.ts) rebuilds it and a test proves the two equal.
CREATE TABLE report_theme_months (
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  team_id INTEGER NOT NULL REFERENCES teams (id),
  site_id INTEGER NOT NULL REFERENCES sites (id),
  directorate_id INTEGER NOT NULL REFERENCES directorates (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  theme_id INTEGER NOT NULL REFERENCES themes (id),
  comments INTEGER NOT NULL CHECK (comments >= 0),
  PRIMARY KEY (month, team_id, site_id, directorate_id, community_id, theme_id)
) STRICT, WITHOUT ROWID;

-- No upsert here: the statement that fires a trigger imposes its own conflict policy on the trigger's statements
-- (PALS tags with INSERT OR IGNORE, which would silently turn ON CONFLICT DO UPDATE into "ignore"), so the row is
-- created at zero when missing and then counted.
CREATE TRIGGER comment_themes_counted AFTER INSERT ON comment_themes
BEGIN
  INSERT INTO report_theme_months (month, team_id, site_id, directorate_id, community_id, theme_id, comments)
  SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, NEW.theme_id, 0
  FROM comments c JOIN responses r ON r.id = c.response_id
  WHERE c.id = NEW.comment_id
    AND NOT EXISTS (
      SELECT 1 FROM report_theme_months s
      WHERE s.month = substr(r.submitted_on, 1, 7) AND s.team_id = r.team_id AND s.site_id = r.site_id
        AND s.directorate_id = r.directorate_id AND s.community_id = r.community_id AND s.theme_id = NEW.theme_id);
  UPDATE report_theme_months SET comments = comments + 1
  WHERE theme_id = NEW.theme_id
    AND (month, team_id, site_id, directorate_id, community_id) = (
      SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id
      FROM comments c JOIN responses r ON r.id = c.response_id
      WHERE c.id = NEW.comment_id);
END;

CREATE TRIGGER comment_themes_uncounted AFTER DELETE ON comment_themes
BEGIN
  UPDATE report_theme_months SET comments = comments - 1
  WHERE theme_id = OLD.theme_id
    AND (month, team_id, site_id, directorate_id, community_id) = (
      SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id
      FROM comments c JOIN responses r ON r.id = c.response_id
      WHERE c.id = OLD.comment_id);
END;

-- Themes given before this migration are counted now.
INSERT INTO report_theme_months (month, team_id, site_id, directorate_id, community_id, theme_id, comments)
SELECT substr(r.submitted_on, 1, 7), r.team_id, r.site_id, r.directorate_id, r.community_id, ct.theme_id, count(*)
FROM comment_themes ct JOIN comments c ON c.id = ct.comment_id JOIN responses r ON r.id = c.response_id
GROUP BY 1, 2, 3, 4, 5, 6;
