import type { Core } from '@strapi/strapi';
import { getService } from '../../utils';
import type { Principal } from '../../files/links';
import type { PortalContext } from '../access/context';

/** What every part of the portal service uses: access rules, the activity log, the clock, files. */
export const portalShared = (strapi: Core.Strapi) => ({
  access: () => getService(strapi, 'access'),
  activity: () => getService(strapi, 'activity'),
  files: () => getService(strapi, 'files'),
  now: () => getService(strapi, 'clock').now(),
  /** File links in a client's answers are bound to that client's account. */
  asClient: (ctx: PortalContext): Principal => `account:${ctx.accountId}`,
});

export type PortalShared = ReturnType<typeof portalShared>;

/** `{ documentId, title }` of a property, the way every portal answer names it. */
export const propertyRef = (property: { documentId: string; title: string }) => ({ documentId: property.documentId, title: property.title });
