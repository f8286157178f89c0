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

  // Expired invitations are marked (and old idempotency answers forgotten) on a schedule; safe on several instances.
  strapi.cron.add({
    [EXPIRY_JOB]: {
      task: async () => {
        await getService(strapi, 'invitations').expireDue();
        await getService(strapi, 'idempotency').purge();
      },
      options: { rule: getConfig(strapi).expiryCron },
    },
  });
};

export default bootstrap;
