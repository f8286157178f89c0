import type { Core } from '@strapi/strapi';
export const seedDemoData = async (_strapi: Core.Strapi) => {};
