import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the operating system's CSPRNG at a time (Node's own randomUUID keeps a pool the same way). */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * A random base64url string of `bytes` random bytes, for per-request secrets (the CSRF cookie, a submission
 * token's nonce, a draft id). The bytes come from the CSPRNG, cut from a pool refilled 4 KB at a time: one call
 * into the system per hundred or so tokens instead of one each. Every byte is used once.
 */
export function randomToken(bytes: number): string {
  if (bytes > POOL_BYTES) throw new Error('randomToken is for short tokens');
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return token;
}
