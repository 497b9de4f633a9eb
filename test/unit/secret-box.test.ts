import { createSecretBox } from '../../src/security/secret-box';

const key = Buffer.from('k'.repeat(32));
const box = createSecretBox(key, 'totp');

describe('secret box (TOTP secrets at rest)', () => {
  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(/^sealed\.v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('seals the same secret differently each time (fresh IV)', () => {
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(box.seal('JBSWY3DPEHPK3PXP'));
  });

  it.each([
    ['another key', createSecretBox(Buffer.from('x'.repeat(32)), 'totp')],
    ['another purpose under the same key', createSecretBox(key, 'other')],
  ])('cannot be opened with %s', (_name, other) => {
    expect(other.open(box.seal('JBSWY3DPEHPK3PXP'))).toBeNull();
  });

  it.each([
    ['a changed ciphertext', (s: string) => s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA')],
    ['a missing part', (s: string) => s.split('.').slice(0, -1).join('.')],
    ['a short tag', (s: string) => s.replace(/^(sealed\.v1\.[^.]+\.)[^.]+/, '$1AAAA')],
  ])('refuses %s', (_name, tamper) => {
    expect(box.open(tamper(box.seal('JBSWY3DPEHPK3PXP')))).toBeNull();
  });

  it('passes through a value written before sealing existed', () => {
    expect(box.isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(box.open('JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });
});
