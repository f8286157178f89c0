/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tests/admin: React component tests in jsdom, run by `npm run test:admin` (jest.admin.config.js).
  // Several Strapi processes on one database need PostgreSQL (npm run test:postgres). The browser tests run once, on
  // SQLite (npm test): they test pages, and the API suites cover every data path on both databases.
  testPathIgnorePatterns: ['/node_modules/', '/tests/admin/', ...(process.env.DATABASE_CLIENT === 'postgres' ? ['/tests/browser/'] : ['/tests/api/multi-process\\.test\\.ts$'])],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
  testTimeout: 60000,
  // Strapi keeps a few handles (pools, timers) briefly after destroy().
  forceExit: true,
  verbose: true,
};
