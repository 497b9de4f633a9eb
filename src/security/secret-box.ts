import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Sealed values start with this, so a value written before sealing existed is recognised as plain text. */
const SEALED_PREFIX = 'sealed.v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** AES-256-GCM with a fresh random IV: `sealed.v1.<iv>.<tag>.<ciphertext>`, each base64url. */
  seal(plain: string): string;
  /** The plain text, or null when the value was sealed under another key or has been tampered with. */
  open(stored: string): string | null;
  isSealed(stored: string): boolean;
}

/**
 * Encrypts small secrets kept in the database (staff TOTP secrets), so a copied database file or backup does not
 * hand over everyone's second factor. The key is derived from the app's secret key for this one purpose; when
 * SECRET_KEY is set in the environment the database alone cannot open them.
 */
export function createSecretBox(secretKey: Buffer, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), `secret-box:${purpose}`, 32));
  const isSealed = (stored: string) => stored.startsWith(SEALED_PREFIX);
  return {
    isSealed,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return `${SEALED_PREFIX}${parts.join('.')}`;
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const [iv, tag, body] = stored
        .slice(SEALED_PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !body || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
