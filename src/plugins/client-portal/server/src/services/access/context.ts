import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { effectivePermissions, isNoStrongerThan, type Permissions } from '../../rules/permissions';
import { securityEvent } from '../../utils/security-log';
import { columnOf, currentConnection, joinTableOf, quoted, rawTable, rowsOf, tableOf } from '../../utils/db';

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

export interface AccountLinks {
  contact: { id: number; documentId: string; firstName: string | null; lastName: string | null } | null;
  portalRole: { id: number; key: string; name: string; permissions: Record<string, boolean> | null } | null;
}

/**
 * SQL reading a portal account's contact and portal role next to its user row, aliased `u`: the select list and
 * the joins (through the link tables' owner indexes). Used for the access context, and by the portal's JWT check,
 * which reads them in the same statement as the session.
 */
export const accountLinksSql = (strapi: Core.Strapi) => {
  const contactLink = joinTableOf(strapi, UID.user, 'contact');
  const roleLink = joinTableOf(strapi, UID.user, 'portalRole');
  const q = quoted;
  const contact = (attribute: string) => q(columnOf(strapi, UID.contact, attribute));
  const role = (attribute: string) => q(columnOf(strapi, UID.portalRole, attribute));
  const table = (name: string) => rawTable(strapi, name);
  return {
    columns:
      `c.id as contact_id, c.${contact('documentId')} as contact_document_id, c.${contact('firstName')} as first_name, c.${contact('lastName')} as last_name, ` +
      `r.id as role_id, r.${role('key')} as role_key, r.${role('name')} as role_name, r.${role('permissions')} as role_permissions`,
    joins:
      `left join ${table(contactLink.name)} uc on uc.${q(contactLink.joinColumn.name)} = u.id ` +
      `left join ${table(tableOf(strapi, UID.contact))} c on c.id = uc.${q(contactLink.inverseJoinColumn.name)} ` +
      `left join ${table(roleLink.name)} ur on ur.${q(roleLink.joinColumn.name)} = u.id ` +
      `left join ${table(tableOf(strapi, UID.portalRole))} r on r.id = ur.${q(roleLink.inverseJoinColumn.name)}`,
  };
};

/** The contact and portal role of a row read with `accountLinksSql`'s columns. */
export const accountLinksOf = (found: Record<string, any>): AccountLinks => {
  const permissions = typeof found.role_permissions === 'string' ? JSON.parse(found.role_permissions) : found.role_permissions;
  return {
    contact: found.contact_id == null ? null : { id: Number(found.contact_id), documentId: found.contact_document_id, firstName: found.first_name, lastName: found.last_name },
    portalRole: found.role_id == null ? null : { id: Number(found.role_id), key: found.role_key, name: found.role_name, permissions: permissions ?? null },
  };
};

/**
 * What a portal account may see and do: its contact's deals (one per property, each with its portal role and
 * per-invitee overrides), denied folders and documents, and account-wide flags. Read fresh on every request, so a
 * removed permission takes effect at once. Deny by default.
 */
const accessService = ({ strapi }: { strapi: Core.Strapi }) => {
  const flags = () => getService(strapi, 'roles').flags();

  /** The statement of `contactAndRole`, built once (the metadata it is made of is fixed once Strapi has loaded). */
  let contactAndRoleSql: string | undefined;

  /** The account's contact (id, documentId, names) and portal role (key, name, permissions): one statement. */
  const contactAndRole = async (accountId: number) => {
    if (!contactAndRoleSql) {
      const links = accountLinksSql(strapi);
      contactAndRoleSql = `select ${links.columns} from ${rawTable(strapi, tableOf(strapi, UID.user))} u ${links.joins} where u.id = ? limit 1`;
    }
    const knex = await currentConnection(strapi);
    const [found] = rowsOf(await knex.raw(contactAndRoleSql, [accountId]));
    return found ? accountLinksOf(found) : null;
  };

  const service = {
    /**
     * The context of a portal account. `loaded` is the account's row when the request already read it (the JWT
     * check loads it fresh on every request), so it is not read twice; when the JWT check also read its contact and
     * portal role (`contact` and `portalRole` set, as the portal's strategy does), those are used too, else they come
     * in one statement.
     */
    async context(accountId: number, loaded?: Record<string, any> | null): Promise<PortalContext> {
      const row = loaded && Number(loaded.id) === Number(accountId) ? loaded : await strapi.db.query(UID.user).findOne({ where: { id: accountId } });
      const preread = row && row.contact !== undefined && row.portalRole !== undefined ? { contact: row.contact, portalRole: row.portalRole } : null;
      const links: AccountLinks | null = preread ?? (row ? await contactAndRole(accountId) : null);
      if (!row || !links?.contact) throw notAllowed(strapi, 'contact');
      const account = { ...row, contact: links.contact, portalRole: links.portalRole };
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
