import { normalizeEmail } from '../../src/plugins/client-portal/server/src/utils/email';

describe('normalizeEmail', () => {
  it('trims, lower-cases and composes (NFC)', () => {
    expect(normalizeEmail('  Jane.DOE@Example.COM \n')).toBe('jane.doe@example.com');
    expect(normalizeEmail('Zoe\u0301@example.com')).toBe('zo\u00e9@example.com');
    expect(normalizeEmail('zo\u00e9@example.com')).toBe(normalizeEmail('ZOE\u0301@EXAMPLE.COM'));
  });

  it('gives null for empty or non-string input', () => {
    expect(normalizeEmail('   ')).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
    expect(normalizeEmail(42)).toBeNull();
  });
});
