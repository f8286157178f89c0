import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { fieldError, problem } from '../../errors';
import { mapLink } from '../../utils/people';
import { principalOf, type Principal } from '../../files/links';
import { notAllowed, notFound, type PortalContext } from '../access/context';
import type { IncomingFile } from '../files';
import { propertyRef, type PortalShared } from './shared';

const HOUR = 60 * 60 * 1000;
const VIEWING_POPULATE = { property: true, contact: { select: ['id', 'documentId'] }, photos: true, voiceNotes: true } as const;

export type MediaKind = 'photos' | 'voiceNotes';
const mediaFlag = (kind: MediaKind) => (kind === 'photos' ? 'uploadPhotos' : 'recordVoiceNotes');
const startOfUtcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** Which viewing a client may act on, and when its day has come (used by viewings and notes alike). */
export const viewingRules = (strapi: Core.Strapi, shared: PortalShared) => {
  const { access, now } = shared;

  /** A viewing of this client on a property they may see with `flag`; 404 when not theirs, 403 when the role forbids. */
  const load = async (ctx: PortalContext, documentId: string, flag = 'requestViewings') => {
    const viewing = await strapi.db.query(UID.viewing).findOne({ where: { documentId }, populate: VIEWING_POPULATE as any });
    if (!viewing || viewing.contact?.id !== ctx.contactId || !viewing.property) throw notFound('VIEWING_NOT_FOUND');
    const deal = access().visibleDeal(ctx, viewing.property.id);
    if (!deal) throw notFound('VIEWING_NOT_FOUND');
    if (!deal.permissions[flag]) throw notAllowed(strapi, flag);
    return { viewing, deal };
  };

  /** Photos, voice notes and notes on a viewing are for its day and after. */
  const isOnOrAfterTheDay = (viewing: any) =>
    !!viewing.confirmedDate && ['confirmed', 'completed'].includes(viewing.status) && now() >= startOfUtcDay(new Date(viewing.confirmedDate));

  return { load, isOnOrAfterTheDay };
};

export type ViewingRules = ReturnType<typeof viewingRules>;

/** Viewings: requested by the client with 1–3 dates, confirmed by the agent, with photos and voice notes from the day on. */
export const portalViewings = (strapi: Core.Strapi, shared: PortalShared, rules: ViewingRules) => {
  const { access, activity, files, now, asClient } = shared;
  const { load, isOnOrAfterTheDay } = rules;

  const present = (viewing: any, principal: Principal) => {
    const confirmed = viewing.confirmedDate ? new Date(viewing.confirmedDate) : null;
    const showNavigation = viewing.status === 'confirmed' && confirmed && now().getTime() >= confirmed.getTime() - 48 * HOUR;
    const property = viewing.property;
    return {
      documentId: viewing.documentId,
      status: viewing.status,
      property: propertyRef(property),
      preferredDates: viewing.preferredDates ?? [],
      confirmedDate: viewing.confirmedDate ?? null,
      message: viewing.clientMessage ?? null,
      agentMessage: viewing.agentMessage ?? null,
      onTheDay: isOnOrAfterTheDay(viewing),
      ...(showNavigation
        ? { navigation: { address: [property.address, property.postalCode, property.city].filter(Boolean).join(', '), mapUrl: mapLink(property.latitude, property.longitude, property.address) } }
        : {}),
      photos: (viewing.photos ?? []).map((file: any) => files().present(file, principal)),
      voiceNotes: (viewing.voiceNotes ?? []).map((file: any) => files().present(file, principal)),
      createdAt: viewing.createdAt,
    };
  };

  const viewings = {
    async listViewings(ctx: PortalContext) {
      const propertyIds = access().dealsWith(ctx, 'requestViewings').filter((d) => d.permissions.viewProperties).map((d) => d.property.id);
      if (propertyIds.length === 0) return [];
      const rows = await strapi.db.query(UID.viewing).findMany({
        where: { contact: { id: ctx.contactId }, property: { id: { $in: propertyIds } } },
        populate: VIEWING_POPULATE as any,
        orderBy: { createdAt: 'desc' },
        limit: 200,
      });
      return rows.map((row: any) => present(row, asClient(ctx)));
    },

    async getViewing(ctx: PortalContext, documentId: string) {
      return present((await load(ctx, documentId)).viewing, asClient(ctx));
    },

    /** 1–3 preferred future dates (UTC); the agent confirms one. */
    async requestViewing(ctx: PortalContext, input: { property: string; preferredDates: string[]; message?: string | null }) {
      const deal = access().dealFor(ctx, input.property, 'requestViewings');
      const current = now();
      input.preferredDates.forEach((value, index) => {
        if (new Date(value) <= current) throw fieldError(`preferredDates.${index}`, 'must be in the future');
      });
      const created = await strapi.documents(UID.viewing).create({
        data: {
          property: deal.property.id,
          contact: ctx.contactId,
          preferredDates: input.preferredDates.map((value) => new Date(value).toISOString()),
          status: 'requested',
          clientMessage: input.message ?? null,
        } as any,
      });
      await activity().log({ type: 'viewing_requested', contactId: ctx.contactId, propertyId: deal.property.id, actor: { accountId: ctx.accountId }, summary: `Viewing requested for ${deal.property.title}` });
      return viewings.getViewing(ctx, created.documentId);
    },

    /** Any time except when completed (409). */
    async cancelViewing(ctx: PortalContext, documentId: string) {
      const { viewing, deal } = await load(ctx, documentId);
      if (viewing.status === 'completed') throw problem('VIEWING_COMPLETED');
      if (viewing.status !== 'cancelled') {
        await strapi.db.query(UID.viewing).update({ where: { id: viewing.id }, data: { status: 'cancelled', cancelledAt: new Date() } });
        await activity().log({ type: 'viewing_cancelled', contactId: ctx.contactId, propertyId: deal.property.id, actor: { accountId: ctx.accountId }, summary: `Viewing of ${deal.property.title} cancelled by the client` });
      }
      return viewings.getViewing(ctx, documentId);
    },

    /** Agent (admin API): confirms the final date. */
    async confirmViewing(documentId: string, input: { date: string; message?: string | null }, agentId?: number) {
      const viewing = await strapi.db.query(UID.viewing).findOne({ where: { documentId }, populate: { property: true, contact: true } });
      if (!viewing) throw problem('VIEWING_NOT_FOUND');
      if (viewing.status === 'cancelled' || viewing.status === 'completed') throw problem('VIEWING_CLOSED', { status: viewing.status }, `This viewing is ${viewing.status}`);
      await strapi.db.query(UID.viewing).update({ where: { id: viewing.id }, data: { status: 'confirmed', confirmedDate: new Date(input.date), agentMessage: input.message ?? viewing.agentMessage ?? null } });
      await activity().log({ type: 'viewing_confirmed', contactId: viewing.contact?.id, propertyId: viewing.property?.id, actor: { agentId }, summary: `Viewing confirmed for ${new Date(input.date).toISOString()}` });
      const fresh = await strapi.db.query(UID.viewing).findOne({ where: { id: viewing.id }, populate: VIEWING_POPULATE as any });
      return present(fresh, principalOf(strapi.requestContext.get()));
    },

    /** Photos and voice notes of a viewing, from its day on. */
    async addViewingMedia(ctx: PortalContext, documentId: string, kind: MediaKind, file: IncomingFile) {
      const { viewing } = await load(ctx, documentId, mediaFlag(kind));
      if (!isOnOrAfterTheDay(viewing)) throw problem('NOT_ON_THE_DAY');
      const uploaded = await files().save(file, kind === 'photos' ? 'photo' : 'voiceNote');
      const ids = [...(viewing[kind] ?? []).map((f: any) => f.id), uploaded.id];
      await strapi.documents(UID.viewing).update({ documentId, data: { [kind]: ids } as any });
      return viewings.getViewing(ctx, documentId);
    },

    async listViewingMedia(ctx: PortalContext, documentId: string, kind: MediaKind) {
      const { viewing } = await load(ctx, documentId, mediaFlag(kind));
      return (viewing[kind] ?? []).map((file: any) => files().present(file, asClient(ctx)));
    },

    async deleteViewingMedia(ctx: PortalContext, documentId: string, kind: MediaKind, fileId: number) {
      const { viewing } = await load(ctx, documentId, mediaFlag(kind));
      const file = (viewing[kind] ?? []).find((f: any) => f.id === fileId);
      if (!file) throw notFound('FILE_NOT_FOUND');
      await strapi.documents(UID.viewing).update({ documentId, data: { [kind]: viewing[kind].filter((f: any) => f.id !== fileId).map((f: any) => f.id) } as any });
      await files().remove(file);
      return viewings.getViewing(ctx, documentId);
    },
  };
  return viewings;
};
