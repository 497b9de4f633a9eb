import { randomToken } from '../../src/security/random-token';

describe('randomToken', () => {
  it.each([16, 24, 32])(
    'gives %i random bytes as base64url, never the same twice across pool refills',
    (bytes) => {
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i += 1) {
        const token = randomToken(bytes);
        expect(Buffer.from(token, 'base64url')).toHaveLength(bytes);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        seen.add(token);
      }
      expect(seen.size).toBe(1000);
    },
  );

  it('refuses a request larger than its pool', () => {
    expect(() => randomToken(5000)).toThrow(/short tokens/);
  });
});
