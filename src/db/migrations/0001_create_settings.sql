-- Values the app generates for itself on first start (for example the token-signing secret when
-- SECRET_KEY is not configured).
CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
