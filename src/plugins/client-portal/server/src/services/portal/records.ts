import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import type { PortalContext } from '../access/context';
import { propertyRef, type PortalShared } from './shared';

/** What the client may read about their transactions: timeline, documents and the other parties. */
export const portalRecords = (strapi: Core.Strapi, shared: PortalShared) => {
  const { access, files, asClient } = shared;

  /** Visible deals whose role grants `flag` (403 when the client has deals and none does). */
  const dealsWith = (ctx: PortalContext, flag: string) => access().dealsWith(ctx, flag).filter((d) => d.permissions.viewProperties);

  return {
    async timeline(ctx: PortalContext) {
      const deals = dealsWith(ctx, 'viewTimeline');
      if (deals.length === 0) return [];
      const properties = await strapi.db.query(UID.property).findMany({ where: { id: { $in: deals.map((d) => d.property.id) } }, populate: { timeline: true } });
      return properties.flatMap((property: any) =>
        (property.timeline ?? [])
          .filter((item: any) => item.visibleToClients !== false)
          .map((item: any) => ({ property: propertyRef(property), title: item.title, kind: item.kind, date: item.date ?? null, done: !!item.done })),
      );
    },

    /** Documents marked visible, without the folders and documents denied on the client's deal. */
    async documents(ctx: PortalContext) {
      const deals = dealsWith(ctx, 'viewDocuments');
      if (deals.length === 0) return [];
      const rows = await strapi.db.query(UID.document).findMany({
        where: { property: { id: { $in: deals.map((d) => d.property.id) } }, visibleToClients: true },
        populate: { property: { select: ['id', 'documentId', 'title'] }, file: true },
        orderBy: [{ folder: 'asc' }, { title: 'asc' }],
      });
      return rows
        .filter((doc: any) => {
          const deal = deals.find((d) => d.property.id === doc.property?.id);
          return deal && !deal.deniedFolders.includes(doc.folder) && !deal.deniedDocumentIds.includes(doc.id);
        })
        .map((doc: any) => ({ documentId: doc.documentId, title: doc.title, folder: doc.folder, property: propertyRef(doc.property), file: files().present(doc.file, asClient(ctx)) }));
    },

    /** The other parties on the client's properties (names and roles only). */
    async transactionContacts(ctx: PortalContext) {
      const deals = dealsWith(ctx, 'viewTransactionContacts');
      if (deals.length === 0) return [];
      const rows = await strapi.db.query(UID.deal).findMany({
        where: { property: { id: { $in: deals.map((d) => d.property.id) } }, contact: { id: { $ne: ctx.contactId } } },
        populate: { contact: { select: ['documentId', 'firstName', 'lastName'] }, property: { select: ['documentId', 'title'] }, portalRole: true },
      });
      return rows
        .filter((row: any) => row.contact)
        .map((row: any) => ({
          name: [row.contact.firstName, row.contact.lastName].filter(Boolean).join(' '),
          role: row.portalRole ? { key: row.portalRole.key, name: row.portalRole.name } : null,
          property: propertyRef(row.property),
        }));
    },
  };
};
