import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { fieldError, problem } from '../../errors';
import { notFound, type PortalContext } from '../access/context';
import { propertyRef, type PortalShared } from './shared';
import type { ViewingRules } from './viewings';

const present = (note: any) => ({
  documentId: note.documentId,
  text: note.text,
  property: note.property ? propertyRef(note.property) : null,
  viewing: note.viewing ? { documentId: note.viewing.documentId } : null,
  createdAt: note.createdAt,
  editedAt: note.editedAt ?? null,
});

/** A client's own notes: on a property, on a viewing (from its day on), or general. */
export const portalNotes = (strapi: Core.Strapi, shared: PortalShared, viewings: ViewingRules) => {
  const { access, activity } = shared;

  /** Where a note may be written: a property with writeNotes, a viewing of mine from its day on. */
  const target = async (ctx: PortalContext, input: { property?: string | null; viewing?: string | null }) => {
    if (input.viewing) {
      const { viewing } = await viewings.load(ctx, input.viewing, 'writeNotes');
      if (!viewings.isOnOrAfterTheDay(viewing)) throw problem('NOT_ON_THE_DAY');
      if (input.property && input.property !== viewing.property.documentId) throw fieldError('property', 'is not the property of this viewing');
      return { propertyId: viewing.property.id as number, viewingId: viewing.id as number };
    }
    if (input.property) return { propertyId: access().dealFor(ctx, input.property, 'writeNotes').property.id as number, viewingId: null };
    access().requireAny(ctx, 'writeNotes');
    return { propertyId: null, viewingId: null };
  };

  const own = async (ctx: PortalContext, documentId: string) => {
    const note = await strapi.db.query(UID.note).findOne({ where: { documentId }, populate: { authorAccount: { select: ['id'] }, property: true, viewing: true } });
    if (!note || note.authorAccount?.id !== ctx.accountId) throw notFound('NOTE_NOT_FOUND');
    access().requireAny(ctx, 'writeNotes');
    return note;
  };

  return {
    async listNotes(ctx: PortalContext) {
      const rows = await strapi.db.query(UID.note).findMany({
        where: { authorAccount: { id: ctx.accountId }, contact: { id: ctx.contactId } },
        populate: { property: { select: ['documentId', 'title'] }, viewing: { select: ['documentId'] } },
        orderBy: { createdAt: 'desc' },
        limit: 500,
      });
      return rows.map(present);
    },

    async createNote(ctx: PortalContext, input: { text: string; property?: string | null; viewing?: string | null }) {
      const where = await target(ctx, input);
      const note = await strapi.documents(UID.note).create({
        data: { text: input.text, authorType: 'client', authorAccount: ctx.accountId, contact: ctx.contactId, property: where.propertyId, viewing: where.viewingId } as any,
      });
      await activity().log({ type: 'note_written', contactId: ctx.contactId, propertyId: where.propertyId, actor: { accountId: ctx.accountId }, summary: input.text.slice(0, 200) });
      return present(await strapi.db.query(UID.note).findOne({ where: { id: note.id }, populate: { property: true, viewing: true } }));
    },

    async updateNote(ctx: PortalContext, documentId: string, input: { text: string }) {
      const note = await own(ctx, documentId);
      const editedAt = new Date();
      await strapi.documents(UID.note).update({ documentId, data: { text: input.text, editedAt } as any });
      return present({ ...note, text: input.text, editedAt });
    },

    async deleteNote(ctx: PortalContext, documentId: string) {
      await own(ctx, documentId);
      await strapi.documents(UID.note).delete({ documentId });
      return { documentId, deleted: true };
    },
  };
};
