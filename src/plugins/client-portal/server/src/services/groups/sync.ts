import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { isUniqueViolation } from '../../utils/db-errors';
import { hasCode } from '../../errors';
import { withoutAutoInvite } from '../../document-middlewares/context';

interface Wanted {
  propertyId: number;
  groupId: number;
  roleId: number | null;
}

/**
 * A group's properties reach its members as deals marked with the group (`deal.group`), so every portal read (the
 * access context, properties, documents, timeline, viewings) sees them exactly like a property offered directly.
 * `sync` recomputes one contact's group deals from their memberships: missing ones are made, ones no group gives any
 * more are deleted (at once: the next request no longer sees them), roles follow the membership. A deal the agent made
 * directly is never touched. Idempotent, and safe when two syncs race (the deal key is unique).
 */
export const groupDeals = (strapi: Core.Strapi) => {
  const wanted = async (contactId: number) => {
    const memberships = await strapi.db.query(UID.groupMember).findMany({
      where: { contact: { id: contactId } },
      populate: { group: { select: ['id'], populate: { properties: { select: ['id'] } } }, portalRole: { select: ['id'] } },
      orderBy: { id: 'asc' },
    });
    // The oldest membership decides the role on a property two groups share.
    const byProperty = new Map<number, Wanted>();
    for (const member of memberships) {
      for (const property of member.group?.properties ?? []) {
        if (!byProperty.has(property.id)) byProperty.set(property.id, { propertyId: property.id, groupId: member.group.id, roleId: member.portalRole?.id ?? null });
      }
    }
    return byProperty;
  };

  const sync = async (contactId: number) => {
    const want = await wanted(contactId);
    const deals = await strapi.db.query(UID.deal).findMany({
      where: { contact: { id: contactId } },
      select: ['id', 'documentId'],
      populate: { property: { select: ['id'] }, group: { select: ['id'] }, portalRole: { select: ['id'] } },
    });
    const existing = new Map<number, any>();
    for (const deal of deals) if (deal.property) existing.set(deal.property.id, deal);

    await withoutAutoInvite(async () => {
      for (const deal of deals) {
        if (deal.group && (!deal.property || !want.has(deal.property.id))) await strapi.documents(UID.deal).delete({ documentId: deal.documentId });
      }
      for (const entry of want.values()) {
        const deal = existing.get(entry.propertyId);
        if (!deal) {
          try {
            await strapi.documents(UID.deal).create({ data: { contact: contactId, property: entry.propertyId, portalRole: entry.roleId, group: entry.groupId } as any });
          } catch (error) {
            // Made meanwhile by a parallel sync or by the agent: it stands.
            if (!isUniqueViolation(error) && !hasCode(error, 'DEAL_EXISTS')) throw error;
          }
        } else if (deal.group && (deal.group.id !== entry.groupId || (deal.portalRole?.id ?? null) !== entry.roleId)) {
          await strapi.documents(UID.deal).update({ documentId: deal.documentId, data: { group: entry.groupId, portalRole: entry.roleId } as any });
        }
      }
    });
  };

  return {
    sync,
    async syncMany(contactIds: Iterable<number>) {
      for (const id of new Set(contactIds)) await sync(id);
    },
  };
};
