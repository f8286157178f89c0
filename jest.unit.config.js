/**
 * The pure rules only (status model, permissions, delivery, email addresses, templates, config): no Strapi boot, no
 * database, no compile step, so `npm run test:unit` answers in seconds. `npm test` runs them too.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  roots: ['<rootDir>/tests/unit'],
  testMatch: ['**/*.test.ts'],
  // Never the admin component tests (jsdom; `npm run test:admin`).
  testPathIgnorePatterns: ['/node_modules/', '/tests/admin/'],
  verbose: true,
};
