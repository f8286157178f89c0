import type { Core } from '@strapi/strapi';
import { getService } from './utils';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'roles').ensure();
};

export default bootstrap;
