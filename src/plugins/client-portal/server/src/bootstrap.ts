import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { getConfig, getService } from './utils';
import { guardJwt, syncUsersPermissions } from './users-permissions';
import { subscribeEmailNormalization } from './document-middlewares';
import { configureContentManager } from './content-manager/configure';
import { ensureSearchIndexes } from './services/invitations/search';
import { usePreparedStatements } from './utils/prepared-statements';

export const EXPIRY_JOB = 'clientPortalExpireInvitations';

/**
 * The scheduled maintenance, safe when several instances run it at once: expired invitations are marked (each once,
 * by a conditional UPDATE), old idempotency answers, unverified self-registrations and ended sessions are forgotten.
 */
export const maintenance = async (strapi: Core.Strapi) => {
  await getService(strapi, 'invitations').expireDue();
  await getService(strapi, 'idempotency').purge();
  await getService(strapi, 'registration').purgeDrafts();
  await getService(strapi, 'sessions').purge();
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  usePreparedStatements(strapi, getConfig(strapi).preparedStatements);
  subscribeEmailNormalization(strapi);
  await ensureSearchIndexes(strapi);
  await getService(strapi, 'roles').ensure();
  await syncUsersPermissions(strapi);
  await configureContentManager(strapi);
  guardJwt(strapi);
  await getService(strapi, 'rate-limit').connect();

  const outbox = getService(strapi, 'outbox');
  outbox.onOutcome(UID.invitation, (outcomes) =>
    getService(strapi, 'invitations').recordDeliveries(outcomes.map(({ message, outcome }) => ({ documentId: message.subjectDocumentId, outcome }))),
  );
  // Code emails queued by forgot-password and resend-code find their account in the worker.
  for (const purpose of ['verify_email', 'reset_password'] as const) {
    outbox.onResolve(purpose, (address) => getService(strapi, 'codes').resolveEmail(address, purpose));
  }
  if (getConfig(strapi).worker.enabled) outbox.start();

  // Client files are private: the file route reads them through this plugin's upload provider.
  if (typeof (strapi.plugin('upload')?.provider as any)?.read !== 'function') {
    throw new Error(
      'client-portal: client files must be private; set the upload provider to "strapi-provider-upload-client-portal" in config/plugins.ts (see the README, "Files")',
    );
  }

  // Scheduled in the instances whose cron is on (CRON_ENABLED); removed again in destroy().
  if (strapi.config.get('server.cron.enabled', true)) {
    strapi.cron.add({ [EXPIRY_JOB]: { task: () => maintenance(strapi), options: { rule: getConfig(strapi).expiryCron } } });
  }
};

export default bootstrap;
