'use strict';

/**
 * Stand-in for `@strapi/admin-test-utils` (jest.admin.config.js maps the name here).
 *
 * Strapi's admin test harness (`@strapi/strapi/admin/test`, i.e. `@strapi/admin/strapi-admin/test`) requires that
 * package for two fixtures only: `fixtures.permissions.app` (the store's `admin_app.permissions`) and
 * `fixtures.permissions.allPermissions` (the permissions every rendered user holds). Strapi keeps the package private to
 * its monorepo, so it is not on the npm registry; this file supplies the same two names:
 *
 * - `app`: the admin's own permission map, taken from the installed @strapi/admin (what the real admin app puts in its
 *   store), so core admin components that read it keep working;
 * - `allPermissions`: empty. A client-portal test grants exactly the plugin actions it names (tests/admin/render.tsx),
 *   and nothing else, so "absent without the permission" is a real check.
 */
const path = require('path');

const adminRoot = path.dirname(require.resolve('@strapi/admin/package.json'));
// eslint-disable-next-line import/no-dynamic-require
const { ADMIN_PERMISSIONS_CE } = require(path.join(adminRoot, 'dist/admin/admin/src/constants.js'));

module.exports = {
  fixtures: {
    permissions: {
      app: ADMIN_PERMISSIONS_CE,
      allPermissions: [],
    },
  },
};
