import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { problem } from '../errors';

/** Public portal routes answer 403 while the portal is switched off in the settings. */
const portalEnabled = async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { portalEnabled: enabled } = await getService(strapi, 'settings').get();
  if (!enabled) throw problem('PORTAL_DISABLED', { reason: 'portal_disabled' });
  return true;
};

export default portalEnabled;
