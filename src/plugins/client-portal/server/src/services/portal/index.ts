import type { Core } from '@strapi/strapi';
import { portalShared } from './shared';
import { portalViewings, viewingRules } from './viewings';
import { portalNotes } from './notes';
import { portalMessages } from './messages';
import { portalRecords } from './records';
import { portalInviteOthers } from './invite-others';

/**
 * What a client does in the portal beyond properties and profile, one concern per file: viewings (with their
 * day-based rules, photos and voice notes), notes, messages to the agent, records (timeline, documents,
 * transaction contacts) and inviting others. Every call takes the caller's access context; another client's record
 * is a 404, a forbidden action a 403.
 */
const portalService = ({ strapi }: { strapi: Core.Strapi }) => {
  const shared = portalShared(strapi);
  const rules = viewingRules(strapi, shared);
  return {
    ...portalViewings(strapi, shared, rules),
    ...portalNotes(strapi, shared, rules),
    ...portalMessages(strapi, shared),
    ...portalRecords(strapi, shared),
    ...portalInviteOthers(strapi, shared),
  };
};

export default portalService;
export type PortalService = ReturnType<typeof portalService>;

declare module '../../utils' { interface PortalServices { portal: PortalService } }
