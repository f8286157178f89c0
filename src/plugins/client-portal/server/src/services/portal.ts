import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { columnOf, inTransaction, tableQuery } from '../utils/db';
import { securityEvent } from '../utils/security-log';
import { conflict, fieldError, tooManyRequests } from '../utils/errors';
import { normalizeEmail } from '../utils/email';
import { mapLink, personName } from '../utils/people';
import type { PortalContext } from './access';
import { notAllowed, notFound } from './access';
import type { IncomingFile } from './files';
import { principalOf, type Principal } from '../files/links';

const HOUR = 60 * 60 * 1000;
export const VIEWING_COMPLETED = 'Completed viewings cannot be cancelled';
export const NOT_ON_THE_DAY = 'Available on the day of the viewing';
export const INVITES_OFF = 'Inviting others is switched off for this portal';
export const ROLE_TOO_STRONG = 'The role may not be stronger than your own';

const startOfUtcDay = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));


/**
 * What a client does in the portal beyond properties: viewings (with their day-based rules), notes, photos and
 * voice notes, messages to the agent, timeline, documents, transaction contacts and inviting others. Every call
 * takes the caller's access context; another client's record is a 404, a forbidden action a 403.
 */
const portalService = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService(strapi, 'access');
  const activity = () => getService(strapi, 'activity');
  const now = () => getService(strapi, 'clock').now();
  const files = () => getService(strapi, 'files');
  const asClient = (ctx: PortalContext): Principal => `account:${ctx.accountId}`;

  /** Takes one of today's (UTC) invite-others slots of the account in one conditional UPDATE; 429 when none is left. */
  const reserveInviteSlot = async (accountId: number) => {
    const perDay = getConfig(strapi).clientInvitesPerDay;
    const today = now().toISOString().slice(0, 10);
    const reserved = await inTransaction(strapi, (trx) => {
      const day = columnOf(strapi, UID.user, 'inviteQuotaDay');
      const used = columnOf(strapi, UID.user, 'inviteQuotaUsed');
      return tableQuery(strapi, trx, UID.user)
        .where('id', accountId)
        .where((q: any) => q.whereNull(day).orWhere(day, '<>', today).orWhereNull(used).orWhere(used, '<', perDay))
        .update({ [used]: trx.raw('CASE WHEN ?? = ? THEN COALESCE(??, 0) + 1 ELSE 1 END', [day, today, used]), [day]: today });
    });
    if (Number(reserved) !== 1) {
      securityEvent(strapi, 'rate_limited', { action: 'inviteOthers', scope: 'account' });
      throw tooManyRequests(`You can invite at most ${perDay} people a day`);
    }
  };

  const viewingPopulate = { property: true, contact: { select: ['id', 'documentId'] }, photos: true, voiceNotes: true } as const;

  const loadViewing = async (ctx: PortalContext, documentId: string, flag = 'requestViewings') => {
    const viewing = await strapi.db.query(UID.viewing).findOne({ where: { documentId }, populate: viewingPopulate as any });
    if (!viewing || viewing.contact?.id !== ctx.contactId || !viewing.property) throw notFound('Viewing not found');
    const deal = ctx.deals.find((entry) => entry.property.id === viewing.property.id);
    if (!deal || !deal.permissions.viewProperties) throw notFound('Viewing not found');
    if (!deal.permissions[flag]) throw notAllowed(strapi, flag);
    return { viewing, deal };
  };

  const isOnOrAfterTheDay = (viewing: any) =>
    !!viewing.confirmedDate && ['confirmed', 'completed'].includes(viewing.status) && now() >= startOfUtcDay(new Date(viewing.confirmedDate));

  const presentViewing = (viewing: any, principal: Principal) => {
    const confirmed = viewing.confirmedDate ? new Date(viewing.confirmedDate) : null;
    const showNavigation = viewing.status === 'confirmed' && confirmed && now().getTime() >= confirmed.getTime() - 48 * HOUR;
    const property = viewing.property;
    return {
      documentId: viewing.documentId,
      status: viewing.status,
      property: { documentId: property.documentId, title: property.title },
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

  const service = {
    presentViewing,

    async listViewings(ctx: PortalContext) {
      const propertyIds = access().dealsWith(ctx, 'requestViewings').filter((d) => d.permissions.viewProperties).map((d) => d.property.id);
      if (propertyIds.length === 0) return [];
      const rows = await strapi.db.query(UID.viewing).findMany({
        where: { contact: { id: ctx.contactId }, property: { id: { $in: propertyIds } } },
        populate: viewingPopulate as any,
        orderBy: { createdAt: 'desc' },
        limit: 200,
      });
      return rows.map((row: any) => presentViewing(row, asClient(ctx)));
    },

    async getViewing(ctx: PortalContext, documentId: string) {
      return presentViewing((await loadViewing(ctx, documentId)).viewing, asClient(ctx));
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
      return service.getViewing(ctx, created.documentId);
    },

    /** Any time except when completed (409). */
    async cancelViewing(ctx: PortalContext, documentId: string) {
      const { viewing, deal } = await loadViewing(ctx, documentId);
      if (viewing.status === 'completed') throw conflict(VIEWING_COMPLETED);
      if (viewing.status !== 'cancelled') {
        await strapi.db.query(UID.viewing).update({ where: { id: viewing.id }, data: { status: 'cancelled', cancelledAt: new Date() } });
        await activity().log({ type: 'viewing_cancelled', contactId: ctx.contactId, propertyId: deal.property.id, actor: { accountId: ctx.accountId }, summary: `Viewing of ${deal.property.title} cancelled by the client` });
      }
      return service.getViewing(ctx, documentId);
    },

    /** Agent (admin API): confirms the final date. */
    async confirmViewing(documentId: string, input: { date: string; message?: string | null }, agentId?: number) {
      const viewing = await strapi.db.query(UID.viewing).findOne({ where: { documentId }, populate: { property: true, contact: true } });
      if (!viewing) throw new errors.NotFoundError('Viewing not found');
      if (viewing.status === 'cancelled' || viewing.status === 'completed') throw conflict(`This viewing is ${viewing.status}`);
      await strapi.db.query(UID.viewing).update({ where: { id: viewing.id }, data: { status: 'confirmed', confirmedDate: new Date(input.date), agentMessage: input.message ?? viewing.agentMessage ?? null } });
      await activity().log({ type: 'viewing_confirmed', contactId: viewing.contact?.id, propertyId: viewing.property?.id, actor: { agentId }, summary: `Viewing confirmed for ${new Date(input.date).toISOString()}` });
      const fresh = await strapi.db.query(UID.viewing).findOne({ where: { id: viewing.id }, populate: viewingPopulate as any });
      return presentViewing(fresh, principalOf(strapi.requestContext.get()));
    },

    /** Photos and voice notes of a viewing, from its day on. */
    async addViewingMedia(ctx: PortalContext, documentId: string, kind: 'photos' | 'voiceNotes', file: IncomingFile) {
      const { viewing } = await loadViewing(ctx, documentId, kind === 'photos' ? 'uploadPhotos' : 'recordVoiceNotes');
      if (!isOnOrAfterTheDay(viewing)) throw conflict(NOT_ON_THE_DAY);
      const uploaded = await files().save(file, kind === 'photos' ? 'photo' : 'voiceNote');
      const ids = [...(viewing[kind] ?? []).map((f: any) => f.id), uploaded.id];
      await strapi.documents(UID.viewing).update({ documentId, data: { [kind]: ids } as any });
      return service.getViewing(ctx, documentId);
    },

    async listViewingMedia(ctx: PortalContext, documentId: string, kind: 'photos' | 'voiceNotes') {
      const { viewing } = await loadViewing(ctx, documentId, kind === 'photos' ? 'uploadPhotos' : 'recordVoiceNotes');
      return (viewing[kind] ?? []).map((file: any) => files().present(file, asClient(ctx)));
    },

    async deleteViewingMedia(ctx: PortalContext, documentId: string, kind: 'photos' | 'voiceNotes', fileId: number) {
      const { viewing } = await loadViewing(ctx, documentId, kind === 'photos' ? 'uploadPhotos' : 'recordVoiceNotes');
      const file = (viewing[kind] ?? []).find((f: any) => f.id === fileId);
      if (!file) throw notFound('File not found');
      await strapi.documents(UID.viewing).update({ documentId, data: { [kind]: viewing[kind].filter((f: any) => f.id !== fileId).map((f: any) => f.id) } as any });
      await files().remove(file);
      return service.getViewing(ctx, documentId);
    },

    // ---- notes ---------------------------------------------------------------------------------------------

    async listNotes(ctx: PortalContext) {
      const rows = await strapi.db.query(UID.note).findMany({
        where: { authorAccount: { id: ctx.accountId }, contact: { id: ctx.contactId } },
        populate: { property: { select: ['documentId', 'title'] }, viewing: { select: ['documentId'] } },
        orderBy: { createdAt: 'desc' },
        limit: 500,
      });
      return rows.map(service.presentNote);
    },

    presentNote(note: any) {
      return {
        documentId: note.documentId,
        text: note.text,
        property: note.property ? { documentId: note.property.documentId, title: note.property.title } : null,
        viewing: note.viewing ? { documentId: note.viewing.documentId } : null,
        createdAt: note.createdAt,
        editedAt: note.editedAt ?? null,
      };
    },

    /** Checks where a note may be written: a property with writeNotes, a viewing of mine from its day on. */
    async noteTarget(ctx: PortalContext, input: { property?: string | null; viewing?: string | null }) {
      let propertyId: number | null = null;
      let viewingId: number | null = null;
      if (input.viewing) {
        const { viewing } = await loadViewing(ctx, input.viewing, 'writeNotes');
        if (!isOnOrAfterTheDay(viewing)) throw conflict(NOT_ON_THE_DAY);
        viewingId = viewing.id;
        propertyId = viewing.property.id;
        if (input.property && input.property !== viewing.property.documentId) throw fieldError('property', 'is not the property of this viewing');
      } else if (input.property) {
        propertyId = access().dealFor(ctx, input.property, 'writeNotes').property.id;
      } else {
        access().requireAny(ctx, 'writeNotes');
      }
      return { propertyId, viewingId };
    },

    async createNote(ctx: PortalContext, input: { text: string; property?: string | null; viewing?: string | null }) {
      const target = await service.noteTarget(ctx, input);
      const note = await strapi.documents(UID.note).create({
        data: { text: input.text, authorType: 'client', authorAccount: ctx.accountId, contact: ctx.contactId, property: target.propertyId, viewing: target.viewingId } as any,
      });
      await activity().log({ type: 'note_written', contactId: ctx.contactId, propertyId: target.propertyId, actor: { accountId: ctx.accountId }, summary: input.text.slice(0, 200) });
      return service.presentNote(await strapi.db.query(UID.note).findOne({ where: { id: note.id }, populate: { property: true, viewing: true } }));
    },

    async ownNote(ctx: PortalContext, documentId: string) {
      const note = await strapi.db.query(UID.note).findOne({ where: { documentId }, populate: { authorAccount: { select: ['id'] }, property: true, viewing: true } });
      if (!note || note.authorAccount?.id !== ctx.accountId) throw notFound('Note not found');
      access().requireAny(ctx, 'writeNotes');
      return note;
    },

    async updateNote(ctx: PortalContext, documentId: string, input: { text: string }) {
      const note = await service.ownNote(ctx, documentId);
      await strapi.documents(UID.note).update({ documentId, data: { text: input.text, editedAt: new Date() } as any });
      return service.presentNote({ ...note, text: input.text, editedAt: new Date() });
    },

    async deleteNote(ctx: PortalContext, documentId: string) {
      await service.ownNote(ctx, documentId);
      await strapi.documents(UID.note).delete({ documentId });
      return { documentId, deleted: true };
    },

    // ---- messages ------------------------------------------------------------------------------------------

    presentMessage(message: any) {
      return { documentId: message.documentId, body: message.body, direction: message.direction, createdAt: message.createdAt, readAt: message.readAt ?? null };
    },

    async listMessages(ctx: PortalContext) {
      access().requireAny(ctx, 'messageAgent');
      const rows = await strapi.db.query(UID.message).findMany({ where: { contact: { id: ctx.contactId } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: 500 });
      return rows.map(service.presentMessage);
    },

    /** A message to the responsible agent, who is notified by email (through the outbox). */
    async sendMessage(ctx: PortalContext, input: { body: string }) {
      access().requireAny(ctx, 'messageAgent');
      const agent = ctx.account.owner ?? (await strapi.db.query(UID.contact).findOne({ where: { id: ctx.contactId }, populate: { owner: true } }))?.owner;
      const created = await strapi.db.transaction(async () => {
        const message = await strapi.documents(UID.message).create({
          data: { contact: ctx.contactId, direction: 'from_client', body: input.body, authorAccount: ctx.accountId } as any,
        });
        const settings = await getService(strapi, 'settings').get();
        if (agent?.email) {
          const base = (strapi.config.get('server.url') as string) || '';
          await getService(strapi, 'outbox').enqueue({
            template: 'new-message',
            to: agent.email,
            language: agent.preferedLanguage ?? 'en',
            payload: {
              agentName: personName(agent) ?? '',
              clientName: [ctx.account.firstName, ctx.account.lastName].filter(Boolean).join(' ') || ctx.account.email,
              messageExcerpt: input.body.slice(0, 300),
              link: `${base}/admin/content-manager/collection-types/api::contact.contact/${ctx.contactDocumentId}`,
              agencyName: settings.agencyName,
            },
          });
        }
        await activity().log({ type: 'message_sent', contactId: ctx.contactId, actor: { accountId: ctx.accountId }, summary: input.body.slice(0, 200) });
        return message;
      });
      return service.presentMessage(await strapi.db.query(UID.message).findOne({ where: { id: created.id } }));
    },

    // ---- timeline, documents, transaction contacts ----------------------------------------------------------

    async timeline(ctx: PortalContext) {
      const deals = access().dealsWith(ctx, 'viewTimeline').filter((d) => d.permissions.viewProperties);
      if (deals.length === 0) return [];
      const properties = await strapi.db.query(UID.property).findMany({ where: { id: { $in: deals.map((d) => d.property.id) } }, populate: { timeline: true } });
      return properties.flatMap((property: any) =>
        (property.timeline ?? [])
          .filter((item: any) => item.visibleToClients !== false)
          .map((item: any) => ({ property: { documentId: property.documentId, title: property.title }, title: item.title, kind: item.kind, date: item.date ?? null, done: !!item.done })),
      );
    },

    async documents(ctx: PortalContext) {
      const deals = access().dealsWith(ctx, 'viewDocuments').filter((d) => d.permissions.viewProperties);
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
        .map((doc: any) => ({
          documentId: doc.documentId,
          title: doc.title,
          folder: doc.folder,
          property: { documentId: doc.property.documentId, title: doc.property.title },
          file: files().present(doc.file, asClient(ctx)),
        }));
    },

    async transactionContacts(ctx: PortalContext) {
      const deals = access().dealsWith(ctx, 'viewTransactionContacts').filter((d) => d.permissions.viewProperties);
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
          property: { documentId: row.property.documentId, title: row.property.title },
        }));
    },

    // ---- invite others ----------------------------------------------------------------------------------------

    /**
     * A client invites a co-owner or adviser into their own portal: only when the portal allows it and the role has
     * inviteOthers, with a role no stronger than their own on each property shared (properties where it would be
     * stronger are not shared; none at all is a 403). Capped per day, atomically. The answer is the same whoever
     * the address belongs to (unknown, a contact, a portal user, already invited): nothing about anyone else.
     */
    async inviteOther(ctx: PortalContext, input: { email: string; firstName: string; lastName: string; role: string }) {
      const settings = await getService(strapi, 'settings').get();
      if (!settings.clientsCanInviteOthers) throw new errors.PolicyError(INVITES_OFF);
      access().requireAny(ctx, 'inviteOthers');
      const role = await getService(strapi, 'roles').resolve(input.role, 'role');
      if (access().shareableDeals(ctx, role.permissions).length === 0) throw new errors.PolicyError(ROLE_TOO_STRONG);

      const email = normalizeEmail(input.email)!;
      const own = await strapi.db.query(UID.contact).findOne({ where: { id: ctx.contactId }, select: ['emailNormalized'], populate: { owner: { select: ['id'] } } });
      if (email === normalizeEmail(ctx.account.email) || email === own?.emailNormalized) throw fieldError('email', 'is your own address');
      await reserveInviteSlot(ctx.accountId);

      let contact = await strapi.db.query(UID.contact).findOne({ where: { emailNormalized: email }, orderBy: { id: 'asc' } });
      if (!contact) {
        const created = await strapi.documents(UID.contact).create({
          data: { firstName: input.firstName, lastName: input.lastName, email: input.email, type: 'co_owner', leadSource: 'referral', owner: own?.owner?.id ?? null, language: ctx.account.language ?? 'en' } as any,
        });
        contact = await strapi.db.query(UID.contact).findOne({ where: { id: created.id } });
      }
      if (!contact.doNotContact && contact.id !== ctx.contactId) {
        try {
          await getService(strapi, 'invitations').create(
            { contact: contact.documentId, portalRole: role.documentId, email: input.email, firstName: input.firstName, lastName: input.lastName },
            { accountId: ctx.accountId },
          );
        } catch (error) {
          // Already a portal user, or already invited: nothing more to do, and nothing to tell.
          if ((error as { status?: number })?.status !== 409) throw error;
        }
      }
      return { ok: true, email: input.email, firstName: input.firstName, lastName: input.lastName, role: { key: role.key, name: role.name } };
    },
  };
  return service;
};

export default portalService;
export type PortalService = ReturnType<typeof portalService>;
