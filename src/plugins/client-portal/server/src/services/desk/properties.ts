import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { contactStatus, STATUS_LABELS } from '../../rules/invitation-status';
import { personName } from '../../utils/people';
import type { Principal } from '../../files/links';
import type { DeskContacts } from './contacts';

/** The property as the agent sees it in the edit view's side panel: its clients and their viewings. */
export const deskProperties = (strapi: Core.Strapi, contacts: DeskContacts) => ({
  async portal(propertyDocumentId: string, agentId: number) {
    const property = await strapi.db.query(UID.property).findOne({ where: { documentId: propertyDocumentId }, select: ['id', 'documentId', 'title'] });
    if (!property) throw problem('PROPERTY_NOT_FOUND');
    const principal: Principal = `admin:${agentId}`;
    const files = getService(strapi, 'files');

    const [deals, viewings] = await Promise.all([
      strapi.db.query(UID.deal).findMany({
        where: { property: { id: property.id } },
        populate: {
          contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email'], populate: { portalAccount: { select: ['documentId', 'portalStatus', 'blocked', 'removedAt', 'lastLoginAt'] } } },
          portalRole: { select: ['documentId', 'key', 'name'] },
        },
        orderBy: [{ id: 'asc' }],
      }),
      strapi.db.query(UID.viewing).findMany({
        where: { property: { id: property.id } },
        populate: {
          contact: { select: ['documentId', 'firstName', 'lastName', 'email'] },
          photos: true,
          voiceNotes: true,
          notes: { select: ['documentId', 'text', 'authorType', 'createdAt'], orderBy: [{ createdAt: 'asc' }] },
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 100,
      }),
    ]);

    const people = deals.filter((deal: any) => deal.contact);
    const latest = await contacts.latestInvitations(people.map((deal: any) => deal.contact.id), property.id);
    const now = new Date();

    return {
      property: { documentId: property.documentId, title: property.title },
      contacts: people.map((deal: any) => {
        const invitation = latest.get(deal.contact.id) ?? null;
        const account = deal.contact.portalAccount ?? null;
        const status = contactStatus(account, invitation ? { status: invitation.status === 'expired' ? 'expired' : invitation.status, expiresAt: invitation.expiresAt, deliveryStatus: invitation.deliveryStatus } : null, now);
        return {
          contact: { documentId: deal.contact.documentId, name: personName(deal.contact), firstName: deal.contact.firstName ?? null, lastName: deal.contact.lastName ?? null, email: deal.contact.email ?? null },
          portalRole: deal.portalRole ?? null,
          status,
          label: STATUS_LABELS[status],
          lastLoginAt: account?.lastLoginAt ?? null,
          invitation: invitation ? { documentId: invitation.documentId, displayStatus: invitation.displayStatus, expiresAt: invitation.expiresAt } : null,
        };
      }),
      viewings: viewings.map((viewing: any) => ({
        documentId: viewing.documentId,
        status: viewing.status,
        contact: viewing.contact ? { documentId: viewing.contact.documentId, name: personName(viewing.contact) } : null,
        preferredDates: viewing.preferredDates ?? [],
        confirmedDate: viewing.confirmedDate ?? null,
        message: viewing.clientMessage ?? null,
        agentMessage: viewing.agentMessage ?? null,
        notes: (viewing.notes ?? []).map((note: any) => ({ documentId: note.documentId, text: note.text, author: note.authorType, createdAt: note.createdAt })),
        photos: (viewing.photos ?? []).map((file: any) => files.present(file, principal)),
        voiceNotes: (viewing.voiceNotes ?? []).map((file: any) => files.present(file, principal)),
      })),
    };
  },
});
