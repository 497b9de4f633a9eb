import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a purpose and a value, base64url. Purposes keep one kind of token from passing as another. */
export function sign(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest('base64url');
}

export function signatureMatches(key: Buffer, purpose: string, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, purpose, value), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
