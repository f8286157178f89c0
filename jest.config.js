/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Several Strapi processes on one database need PostgreSQL (npm run test:postgres).
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.DATABASE_CLIENT === 'postgres' ? [] : ['/tests/api/multi-process\\.test\\.ts$'])],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  testTimeout: 60000,
  // Strapi keeps a few handles (pools, timers) briefly after destroy().
  forceExit: true,
  verbose: true,
};
