import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { portalAccountAttributes, portalAccountIndexes } from './content-types/portal-account';
import { registerDocumentMiddlewares } from './document-middlewares';
import { registerGraphql } from './graphql';
import { RBAC_ACTIONS } from './permissions';

/** Adds the portal-account fields to the users-permissions user. */
const extendUser = (strapi: Core.Strapi) => {
  const user = strapi.contentType(UID.user) as any;
  user.attributes = { ...user.attributes, ...portalAccountAttributes };
  user.indexes = [...(user.indexes ?? []), ...portalAccountIndexes];
};

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  extendUser(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(RBAC_ACTIONS);
  registerDocumentMiddlewares(strapi);
  registerGraphql(strapi);
};

export default register;
