import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('starts with safe defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_PATH).toMatch(/data[/\\]feedback\.db$/);
    expect(config.COOKIE_SECURE).toBe(false);
    expect(config.TRUST_ODS_CODE).toBe('RXY');
    expect(config.SUBMISSION_TOKEN_TTL_HOURS).toBe(24);
  });

  it('reads values from the environment, converting numbers and booleans', () => {
    const config = loadConfig({ PORT: '8080', COOKIE_SECURE: 'true', CRISIS_LINE_NUMBER: '0800 123 4567' });
    expect(config).toMatchObject({ PORT: 8080, COOKIE_SECURE: true, CRISIS_LINE_NUMBER: '0800 123 4567' });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['COOKIE_SECURE', 'maybe', /COOKIE_SECURE: must be one of/],
    ['SECRET_KEY', 'short', /SECRET_KEY: must be at least 32 characters/],
    ['PUBLIC_BASE_URL', 'javascript:alert(1)', /PUBLIC_BASE_URL/],
    ['TRUST_ODS_CODE', 'rxy!', /TRUST_ODS_CODE: must be an ODS code/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL/],
  ])('stops start-up naming %s when it is %s', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });

  it('names every bad key at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL']);
    }
  });
});
