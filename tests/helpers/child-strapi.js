/**
 * One Strapi instance in a process of its own (its outbox worker and scheduled jobs), for the multi-process tests:
 * started by tests/helpers/instances.ts with the test's environment, it reports `{ ready, workerId }` over IPC once
 * loaded and stops on "stop" (or dies with whatever signal the test sends).
 */
const { createStrapi } = require('@strapi/strapi');

const { appDir, distDir } = JSON.parse(process.env.CP_COMPILED_DIRS);

createStrapi({ appDir, distDir, serveAdminPanel: false, autoReload: false })
  .load()
  .then((strapi) => {
    process.on('message', async (message) => {
      if (message !== 'stop') return;
      await strapi.destroy();
      process.exit(0);
    });
    process.send({ ready: true, workerId: strapi.plugin('client-portal').service('outbox').workerId });
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
