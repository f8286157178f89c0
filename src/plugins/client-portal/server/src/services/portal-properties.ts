import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getService } from '../utils';
import { mapLink } from '../utils/people';
import { currentConnection, joinTableOf, namedTable } from '../utils/db';
import type { PortalContext, PortalDeal } from './access/context';


export const presentFeedback = (deal: any) => ({
  interest: deal.interest ?? null,
  rejectionReasons: Array.isArray(deal.rejectionReasons) ? deal.rejectionReasons : [],
  rating: deal.rating ?? null,
  favourite: !!deal.favourite,
});

/** Properties offered to the client via deals, with photos, features, map position, energy label and feedback. */
const portalPropertiesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService(strapi, 'access');
  const files = () => getService(strapi, 'files');

  const present = (ctx: PortalContext, entry: PortalDeal, photos: any[]) => {
    const property = entry.property;
    return {
      documentId: property.documentId,
      title: property.title,
      address: property.address,
      postalCode: property.postalCode ?? null,
      city: property.city ?? null,
      country: property.country ?? null,
      price: property.price != null ? Number(property.price) : null,
      currency: property.currency ?? null,
      status: property.status,
      description: property.description ?? null,
      features: Array.isArray(property.features) ? property.features : [],
      bedrooms: property.bedrooms ?? null,
      bathrooms: property.bathrooms ?? null,
      livingArea: property.livingArea ?? null,
      energyLabel: property.energyLabel ?? null,
      location: { latitude: property.latitude ?? null, longitude: property.longitude ?? null, mapUrl: mapLink(property.latitude, property.longitude) },
      photos: photos.map((file: any) => files().present(file, `account:${ctx.accountId}`)),
      role: entry.deal.portalRole ? { key: entry.deal.portalRole.key, name: entry.deal.portalRole.name } : null,
      permissions: entry.permissions,
      feedback: presentFeedback(entry.deal),
    };
  };

  /**
   * The photos of these properties (the access context has already read the properties themselves), by property
   * id, in their order: the link rows through the media link table's index on the owner's id, then the files by id.
   * Strapi's populate reads them in one statement whose DISTINCT sorts every column of every file: the costliest
   * statement of a portal property list on PostgreSQL (0.75 ms of the server's 1.85 ms per request).
   */
  const photosOf = async (propertyIds: number[]) => {
    const photos = new Map<number, any[]>();
    if (propertyIds.length === 0) return photos;
    const link = joinTableOf(strapi, UID.file, 'related');
    const owner = link.morphColumn.idColumn.name;
    const knex = await currentConnection(strapi);
    const rows = await namedTable(strapi, knex, link.name)
      .select({ file: link.joinColumn.name, owner })
      .where(link.morphColumn.typeColumn.name, UID.property)
      .andWhere('field', 'photos')
      .whereIn(owner, propertyIds)
      .orderBy([{ column: owner }, { column: 'order' }]);
    if (rows.length === 0) return photos;
    const ids = [...new Set(rows.map((row: any) => Number(row.file)))];
    const found = await strapi.db.query(UID.file as any).findMany({ where: { id: { $in: ids } } });
    const byId = new Map(found.map((file: any) => [Number(file.id), file]));
    for (const row of rows) {
      const file = byId.get(Number(row.file));
      if (!file) continue;
      const list = photos.get(Number(row.owner)) ?? [];
      list.push(file);
      photos.set(Number(row.owner), list);
    }
    return photos;
  };

  return {
    async list(ctx: PortalContext, query: { page: number; pageSize: number; favourite?: boolean; interest?: string }) {
      let deals = access().dealsWith(ctx, 'viewProperties');
      if (query.favourite !== undefined) deals = deals.filter((entry) => !!entry.deal.favourite === query.favourite);
      if (query.interest) deals = deals.filter((entry) => (entry.deal.interest ?? 'none') === query.interest);
      deals.sort((a, b) => a.property.title.localeCompare(b.property.title) || a.id - b.id);
      const total = deals.length;
      const page = deals.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      const photos = await photosOf(page.map((entry) => entry.property.id));
      return {
        data: page.map((entry) => present(ctx, entry, photos.get(entry.property.id) ?? [])),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    async findOne(ctx: PortalContext, documentId: string) {
      const entry = access().dealFor(ctx, documentId, 'viewProperties');
      const photos = await photosOf([entry.property.id]);
      return present(ctx, entry, photos.get(entry.property.id) ?? []);
    },

    /** Interested / not interested (with reasons), rating, favourite; the deal is marked "edited by client". */
    async feedback(ctx: PortalContext, documentId: string, input: { interest?: string | null; rejectionReasons?: string[]; rating?: number | null; favourite?: boolean }) {
      const entry = access().dealFor(ctx, documentId, 'giveFeedback');
      const data: Record<string, unknown> = { ...input, editedByClient: true, clientEditedAt: new Date() };
      if (input.interest === 'interested') data.rejectionReasons = [];
      await strapi.documents(UID.deal).update({ documentId: entry.documentId, data: data as any });
      const changes = Object.entries(input).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : value}`).join('; ');
      await getService(strapi, 'activity').log({
        type: 'feedback_given',
        contactId: ctx.contactId,
        propertyId: entry.property.id,
        actor: { accountId: ctx.accountId },
        summary: `Feedback on ${entry.property.title}: ${changes}`.slice(0, 500),
        details: input as Record<string, unknown>,
      });
      const deal = await strapi.db.query(UID.deal).findOne({ where: { id: entry.id } });
      return presentFeedback(deal);
    },
  };
};

export default portalPropertiesService;
export type PortalPropertiesService = ReturnType<typeof portalPropertiesService>;

declare module '../utils' { interface PortalServices { 'portal-properties': PortalPropertiesService } }
