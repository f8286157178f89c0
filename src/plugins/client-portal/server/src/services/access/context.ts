import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { effectivePermissions, isNoStrongerThan, type Permissions } from '../../rules/permissions';
import { securityEvent } from '../../utils/security-log';

export type { Permissions } from '../../rules/permissions';

export interface PortalDeal {
  id: number;
  documentId: string;
  property: any;
  permissions: Permissions;
  deniedFolders: string[];
  deniedDocumentIds: number[];
  deal: any;
}

export interface PortalContext {
  accountId: number;
  contactId: number;
  contactDocumentId: string;
  /** Account-wide permissions (the account's role and overrides). */
  permissions: Permissions;
  /** Properties offered to the client via deals, each with the deal's role and overrides. */
  deals: PortalDeal[];
  account: any;
}

/** 404 for another client's record, exactly as for a missing one. */
export const notFound = (code: 'PROPERTY_NOT_FOUND' | 'VIEWING_NOT_FOUND' | 'NOTE_NOT_FOUND' | 'FILE_NOT_FOUND' | 'NOT_FOUND' = 'NOT_FOUND') => problem(code);

/** 403 "Not allowed", logged as a security event (`policy_denied`, with the missing permission) when `strapi` is given. */
export const notAllowed = (strapi?: Core.Strapi, permission?: string) => {
  if (strapi) securityEvent(strapi, 'policy_denied', { permission: permission ?? null });
  return problem('NOT_ALLOWED');
};

/**
 * What a portal account may see and do: its contact's deals (one per property, each with its portal role and
 * per-invitee overrides), denied folders and documents, and account-wide flags. Read fresh on every request, so a
 * removed permission takes effect at once. Deny by default.
 */
const accessService = ({ strapi }: { strapi: Core.Strapi }) => {
  const flags = () => getService(strapi, 'roles').flags();

  const service = {
    async context(accountId: number): Promise<PortalContext> {
      const account = await strapi.db.query(UID.user).findOne({
        where: { id: accountId },
        populate: { contact: { select: ['id', 'documentId', 'firstName', 'lastName'] }, portalRole: true, owner: { select: ['id', 'firstname', 'lastname', 'email'] } },
      });
      if (!account?.contact) throw notAllowed(strapi, 'contact');
      const deals = await strapi.db.query(UID.deal).findMany({
        where: { contact: { id: account.contact.id } },
        populate: { property: true, portalRole: true, deniedDocuments: { select: ['id'] } },
      });
      const known = flags();
      return {
        accountId,
        contactId: account.contact.id,
        contactDocumentId: account.contact.documentId,
        permissions: effectivePermissions(known, account.portalRole?.permissions, account.permissionOverrides),
        account,
        deals: deals
          .filter((deal: any) => deal.property)
          .map((deal: any) => ({
            id: deal.id,
            documentId: deal.documentId,
            property: deal.property,
            deal,
            permissions: effectivePermissions(known, deal.portalRole?.permissions ?? account.portalRole?.permissions, account.permissionOverrides, deal.permissionOverrides),
            deniedFolders: Array.isArray(deal.deniedFolders) ? deal.deniedFolders.map(String) : [],
            deniedDocumentIds: (deal.deniedDocuments ?? []).map((doc: any) => doc.id),
          })),
      };
    },

    /** The deal for a property this client may see with `flag`; 404 when not theirs, 403 when the role forbids. */
    dealFor(ctx: PortalContext, propertyDocumentId: string, flag: string): PortalDeal {
      const deal = ctx.deals.find((entry) => entry.property.documentId === propertyDocumentId);
      if (!deal || !deal.permissions.viewProperties) throw notFound('PROPERTY_NOT_FOUND');
      if (!deal.permissions[flag]) throw notAllowed(strapi, flag);
      return deal;
    },

    /** The deal on a property (by id) the client may see, whatever else it grants. */
    visibleDeal(ctx: PortalContext, propertyId: number | undefined): PortalDeal | undefined {
      return ctx.deals.find((deal) => deal.property.id === propertyId && deal.permissions.viewProperties);
    },

    /**
     * Deals whose role grants `flag`. The deals decide: 403 when the client has deals and none grants it; with no
     * deal yet, the account's role decides (an empty list, or 403).
     */
    dealsWith(ctx: PortalContext, flag: string): PortalDeal[] {
      const deals = ctx.deals.filter((entry) => entry.permissions[flag]);
      if (deals.length === 0 && (ctx.deals.length > 0 || !ctx.permissions[flag])) throw notAllowed(strapi, flag);
      return deals;
    },

    /**
     * The properties a client may share with someone they invite, with a role of these flags: deals where the client
     * may invite others and holds every flag of the role (the role is capped per property by the inviter's own flags).
     */
    shareableDeals(ctx: PortalContext, rolePermissions: Permissions | null | undefined): PortalDeal[] {
      const known = flags();
      return ctx.deals.filter((entry) => entry.permissions.inviteOthers && entry.permissions.viewProperties && isNoStrongerThan(known, rolePermissions, entry.permissions));
    },

    /** Account-wide flag (messages, inviting others): the account's role, or any of its deals. */
    requireAny(ctx: PortalContext, flag: string) {
      if (ctx.permissions[flag] || ctx.deals.some((entry) => entry.permissions[flag])) return;
      throw notAllowed(strapi, flag);
    },
  };
  return service;
};

export default accessService;
export type AccessService = ReturnType<typeof accessService>;

declare module '../../utils' { interface PortalServices { access: AccessService } }
