import type { Core } from '@strapi/strapi';
import { invitationCommon } from './common';
import { invitationCreation } from './create';
import { invitationLifecycle } from './lifecycle';
import { invitationAcceptance } from './accept';
import { invitationQueries } from './queries';

export { SKIP_MESSAGES, type InviteInput, type SkipReason } from './create';
export { maskEmail, presentInvitation } from './present';

/**
 * Invitations, one concern per file: `create` (one and bulk, one row/email builder in `common`), `lifecycle`
 * (extend, resend, revoke, expire, delivery outcome), `accept` (preview and accept) and `queries` (what agents read).
 */
const invitationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const common = invitationCommon(strapi);
  return {
    ...invitationCreation(strapi, common),
    ...invitationLifecycle(strapi, common),
    ...invitationAcceptance(strapi, common),
    ...invitationQueries(strapi),
  };
};

export default invitationsService;
export type InvitationsService = ReturnType<typeof invitationsService>;

declare module '../../utils' { interface PortalServices { invitations: InvitationsService } }
