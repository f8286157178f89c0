import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { pairKey } from '../../rules/keys';

/**
 * Property access through deals (a contact on a property, with a portal role): granting it, and asking whether a
 * contact has it. The deal key (`pairKey`) is the unique key the database keeps.
 */
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
