import { ConfigError, loadConfig } from '../../src/config';

describe('configuration of survey drafts', () => {
  it('keeps unsent answers for 30 minutes unless told otherwise', () => {
    expect(loadConfig({}).DRAFT_TTL_MINUTES).toBe(30);
    expect(loadConfig({ DRAFT_TTL_MINUTES: '10' }).DRAFT_TTL_MINUTES).toBe(10);
  });

  it.each(['0', '1441', 'soon'])('stops start-up when DRAFT_TTL_MINUTES is %s', (value) => {
    expect(() => loadConfig({ DRAFT_TTL_MINUTES: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DRAFT_TTL_MINUTES: value })).toThrow(/DRAFT_TTL_MINUTES/);
  });
});
