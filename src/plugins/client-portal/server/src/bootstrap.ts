import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { getConfig, getService } from './utils';
import { guardJwt, syncUsersPermissions } from './users-permissions';

export const EXPIRY_JOB = 'clientPortalExpireInvitations';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'roles').ensure();
  await syncUsersPermissions(strapi);
  guardJwt(strapi);
  await getService(strapi, 'rate-limit').connect();

  const outbox = getService(strapi, 'outbox');
  outbox.onOutcome(UID.invitation, (message, outcome) => getService(strapi, 'invitations').recordDelivery(message.subjectDocumentId, outcome));
  if (getConfig(strapi).worker.enabled) outbox.start();

  // Client files are private: the file route reads them through this plugin's upload provider.
  if (typeof (strapi.plugin('upload')?.provider as any)?.read !== 'function') {
    throw new Error(
      'client-portal: client files must be private; set the upload provider to "strapi-provider-upload-client-portal" in config/plugins.ts (see the README, "Files")',
    );
  }

  // On a schedule, safe on several instances: expired invitations are marked, old idempotency answers, unverified
  // self-registrations and ended sessions are forgotten.
  strapi.cron.add({
    [EXPIRY_JOB]: {
      task: async () => {
        await getService(strapi, 'invitations').expireDue();
        await getService(strapi, 'idempotency').purge();
        await getService(strapi, 'accounts').purgeDrafts();
        await getService(strapi, 'sessions').purge();
      },
      options: { rule: getConfig(strapi).expiryCron },
    },
  });
};

export default bootstrap;
