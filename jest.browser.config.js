/**
 * `npm run test:browser`: the accessibility suite in a real Chromium (see docs/accessibility-testing.md).
 * One browser for the whole run (started in the global setup); each test file starts the real app itself.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/browser/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
