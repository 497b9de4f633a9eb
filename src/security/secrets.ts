import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * The key that signs submission and CSRF tokens: SECRET_KEY when configured, otherwise a random key
 * generated on first start and kept in the database (so `npm start` needs no set-up and tokens survive
 * a restart).
 */
export function loadSecretKey(db: Db, configured: string | undefined): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const read = db.prepare("SELECT value FROM app_settings WHERE key = 'secret_key'");
  const existing = read.get() as { value: string } | undefined;
  if (existing) return Buffer.from(existing.value, 'base64');
  const generated = randomBytes(32).toString('base64');
  db.prepare("INSERT OR IGNORE INTO app_settings (key, value) VALUES ('secret_key', :value)").run({
    value: generated,
  });
  const stored = read.get() as { value: string };
  return Buffer.from(stored.value, 'base64');
}
