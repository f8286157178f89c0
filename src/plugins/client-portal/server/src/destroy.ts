import type { Core } from '@strapi/strapi';
import { getService } from './utils';
import { EXPIRY_JOB } from './bootstrap';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  if ((strapi.cron as any).jobs?.some((job: { name?: string }) => job.name === EXPIRY_JOB)) strapi.cron.remove(EXPIRY_JOB);
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'invitations').settled();
  await getService(strapi, 'rate-limit').close();
};

export default destroy;
