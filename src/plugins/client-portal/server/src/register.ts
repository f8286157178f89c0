import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { portalAccountAttributes, portalAccountIndexes } from './content-types/portal-account';
import { registerDocumentMiddlewares } from './document-middlewares';
import { registerGraphql } from './graphql';
import { RBAC_ACTIONS } from './permissions';
import { claimTimeoutProblem } from './config';
import { getConfig } from './utils';
import { withNoDelaySocket } from './utils/smtp-socket';

/** Adds the portal-account fields to the users-permissions user. */
const extendUser = (strapi: Core.Strapi) => {
  const user = strapi.contentType(UID.user) as any;
  user.attributes = { ...user.attributes, ...portalAccountAttributes };
  user.indexes = [...(user.indexes ?? []), ...portalAccountIndexes];
};

/** Settings that only make sense together, checked before anything starts. */
const checkSettings = (strapi: Core.Strapi) => {
  const email = strapi.config.get('plugin::email') as { provider?: string; providerOptions?: Record<string, number> } | undefined;
  if (email?.provider !== 'nodemailer') return;
  const problem = claimTimeoutProblem(getConfig(strapi).worker.claimTimeoutMs, email.providerOptions);
  if (problem) throw new Error(problem);
};

/** The nodemailer transport's connections send each message's end at once (see `noDelaySocket`). */
const tuneSmtp = (strapi: Core.Strapi) => {
  const email = strapi.config.get('plugin::email') as { provider?: string; providerOptions?: Record<string, unknown> } | undefined;
  if (email?.provider !== 'nodemailer' || !email.providerOptions) return;
  strapi.config.set('plugin::email.providerOptions', withNoDelaySocket(email.providerOptions));
};

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  checkSettings(strapi);
  tuneSmtp(strapi);
  extendUser(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(RBAC_ACTIONS);
  registerDocumentMiddlewares(strapi);
  registerGraphql(strapi);
};

export default register;
