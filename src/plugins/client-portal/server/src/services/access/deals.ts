import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { pairKey } from '../../rules/keys';
import type { OutboxInput } from '../outbox';

/**
 * Property access through deals (a contact on a property, with a portal role): granting it, and asking whether a
 * contact has it. The deal key (`pairKey`) is the unique key the database keeps.
 */
export interface SharedEmailInput {
  account: { email: string; language?: string | null };
  contact: { firstName?: string | null; lastName?: string | null; language?: string | null };
  property: { title: string; address?: string | null; city?: string | null };
  deal: { documentId: string };
  link: string;
  inviterName?: string | null;
  agencyName?: string;
}

/** The `property-shared` email: a client who has an account is told a property was added to their portal. */
export const propertySharedEmail = ({ account, contact, property, deal, link, inviterName, agencyName }: SharedEmailInput): OutboxInput => ({
  template: 'property-shared',
  to: account.email,
  language: account.language ?? contact.language,
  payload: {
    firstName: contact.firstName ?? '',
    contactName: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
    propertyTitle: property.title,
    propertyAddress: [property.address, property.city].filter(Boolean).join(', '),
    link,
    inviterName: inviterName ?? '',
    ...(agencyName !== undefined ? { agencyName } : {}),
  },
  subjectUid: UID.deal,
  subjectDocumentId: deal.documentId,
});

const dealsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async has(contactDocumentId: string, propertyDocumentId: string) {
    return !!(await strapi.db.query(UID.deal).findOne({ where: { pairKey: pairKey(contactDocumentId, propertyDocumentId) }, select: ['id'] }));
  },

  /** Makes sure the contact has a deal on the property with this role (creates or updates it). */
  async grant(contact: { id: number; documentId: string }, property: { id: number; documentId: string }, role: { id: number } | null, permissions?: Record<string, boolean> | null) {
    const deal = await strapi.db.query(UID.deal).findOne({ where: { pairKey: pairKey(contact.documentId, property.documentId) }, select: ['id', 'documentId'] });
    if (deal) {
      await strapi.documents(UID.deal).update({ documentId: deal.documentId, data: { portalRole: role?.id ?? null, ...(permissions ? { permissionOverrides: permissions } : {}) } as any });
      return deal;
    }
    return strapi.documents(UID.deal).create({
      data: { contact: contact.id, property: property.id, portalRole: role?.id ?? null, permissionOverrides: permissions ?? null } as any,
    });
  },
});

export default dealsService;
export type DealsService = ReturnType<typeof dealsService>;

declare module '../../utils' { interface PortalServices { deals: DealsService } }
