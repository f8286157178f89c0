import type { Core } from '@strapi/strapi';
import { seedDemoData } from './seed/demo';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  /** On an empty database in development (or with SEED_DEMO=true), seeds the demo office. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const wanted = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : process.env.NODE_ENV === 'development';
    if (wanted) await seedDemoData(strapi);
  },
};
