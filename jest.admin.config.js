/**
 * Admin (React) component tests: `npm run test:admin`. They render plugin components from
 * src/plugins/client-portal/admin/src with Strapi's own admin test harness (`@strapi/strapi/admin/test`: providers,
 * store, RBAC permissions, an msw `server`), in jsdom, without building the admin or booting Strapi.
 * How to write one: tests/admin/render.tsx.
 *
 * Modelled on Strapi's front-end jest preset (jest-preset.front.js in the strapi monorepo, used by its plugins'
 * jest.config.front.js), with the parts of the private @strapi/admin-test-utils package supplied from tests/admin/setup.
 */
process.env.TZ = 'UTC';

const swcTs = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2021',
      parser: { syntax: 'typescript', tsx },
      transform: tsx ? { react: { runtime: 'automatic' } } : undefined,
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'admin',
  rootDir: __dirname,
  // jsdom plus Node's fetch/Request/Response/streams (msw v2 needs them) and no "browser" export condition, so
  // `msw/node` and the packages' CommonJS builds resolve.
  testEnvironment: 'jest-fixed-jsdom',
  testEnvironmentOptions: { url: 'http://localhost:1337/admin' },
  roots: ['<rootDir>/tests/admin'],
  testMatch: ['**/*.test.tsx'],
  setupFiles: ['<rootDir>/tests/admin/setup/environment.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/admin/setup/after-env.ts'],
  moduleNameMapper: {
    // The harness requires Strapi's private test-utils package for two fixtures: see the file.
    '^@strapi/admin-test-utils$': '<rootDir>/tests/admin/setup/admin-test-utils.js',
    // (Vite-style suffixes such as `?raw` included: @strapi/upload imports 'cropperjs/dist/cropper.css?raw'.)
    '\\.(css|less|scss|sass)(\\?.*)?$': 'identity-obj-proxy',
    '\\.(jpg|jpeg|png|gif|webp|svg|ico|eot|otf|ttf|woff|woff2|mp3|mp4|webm|wav)(\\?.*)?$': '<rootDir>/tests/admin/setup/file-mock.js',
  },
  transform: {
    '\\.tsx$': swcTs(true),
    '\\.ts$': swcTs(false),
    '\\.(js|jsx|mjs)$': [
      '@swc/jest',
      { jsc: { target: 'es2021', parser: { syntax: 'ecmascript', jsx: true } }, module: { type: 'commonjs' } },
    ],
  },
  // Packages that ship only ES modules (Strapi's preset list, plus @react-dnd/*, which npm hoists here, and
  // rettime, until-async and @open-draft/deferred-promise: ESM-only dependencies that msw 2.13 require()s).
  transformIgnorePatterns: [
    '/node_modules/(?!(react-dnd|dnd-core|react-dnd-html5-backend|@react-dnd|@strapi/design-system|@strapi/icons|fractional-indexing|rettime|until-async|@open-draft/deferred-promise)/)',
  ],
  testTimeout: 30000,
  verbose: true,
};
