import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'rate-limit').close();
};

export default destroy;
