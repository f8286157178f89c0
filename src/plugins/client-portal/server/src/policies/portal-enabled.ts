import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { problem } from '../errors';
import { PORTAL_SETTINGS_STATE } from '../constants';
import type { PortalSettings } from '../services/settings';

/**
 * Portal routes answer 403 while the portal is switched off in the settings. A member route's strategy has already
 * read the settings in this request (same statement as the session); other routes read them here.
 */
const portalEnabled = async (ctx: any, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const read = ctx?.state?.[PORTAL_SETTINGS_STATE] as PortalSettings | undefined;
  const { portalEnabled: enabled } = read ?? (await getService(strapi, 'settings').get());
  if (!enabled) throw problem('PORTAL_DISABLED', { reason: 'portal_disabled' });
  return true;
};

export default portalEnabled;
