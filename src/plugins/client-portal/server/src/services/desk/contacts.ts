import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { personName } from '../../utils/people';
import { withoutAutoInvite } from '../../document-middlewares/context';
import { contactStatus, STATUS_LABELS } from '../../rules/invitation-status';
import { INVITATION_POPULATE, presentInvitation } from '../invitations/present';
import { portalLinks } from '../../utils/portal-links';
import type { Actor } from '../activity';
import { propertySharedEmail } from '../access/deals';

const ACCOUNT_FIELDS = ['documentId', 'email', 'portalStatus', 'blocked', 'removedAt', 'firstLoginAt', 'lastLoginAt', 'language'];

/** The contact side of the agent's work: portal status of many contacts at once, and sharing a property. */
export const deskContacts = (strapi: Core.Strapi) => ({
  /** Portal status of up to 100 contacts in three queries (the content manager's list column). */
  async statuses(documentIds: string[]) {
    const contacts = await strapi.db.query(UID.contact).findMany({
      where: { documentId: { $in: documentIds } },
      select: ['id', 'documentId'],
      populate: { portalAccount: { select: ACCOUNT_FIELDS } },
    });
    const ids = contacts.map((contact: any) => contact.id);
    const invitations = ids.length
      ? await strapi.db.query(UID.invitation).findMany({
          where: { contact: { id: { $in: ids } } },
          select: ['id', 'status', 'expiresAt', 'deliveryStatus', 'createdAt'],
          populate: { contact: { select: ['id'] } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        })
      : [];
    const latest = new Map<number, any>();
    for (const invitation of invitations) if (invitation.contact && !latest.has(invitation.contact.id)) latest.set(invitation.contact.id, invitation);
    const now = new Date();
    return contacts.map((contact: any) => {
      const status = contactStatus(contact.portalAccount, latest.get(contact.id), now);
      return { contact: contact.documentId, status, label: STATUS_LABELS[status], lastLoginAt: contact.portalAccount?.lastLoginAt ?? null };
    });
  },

  /**
   * A contact who already has a portal account gets another property: the deal (with role and permission overrides)
   * is made or updated, the client is told by email, and the activity is logged — all or nothing.
   */
  async share(contactDocumentId: string, input: { property: string; portalRole: string; permissions?: Record<string, boolean> | null }, actor: Actor) {
    const contact = await strapi.db.query(UID.contact).findOne({ where: { documentId: contactDocumentId }, populate: { portalAccount: { select: ['id', ...ACCOUNT_FIELDS] } } });
    if (!contact) throw problem('CONTACT_NOT_FOUND');
    const account = contact.portalAccount;
    if (!account || account.portalStatus !== 'active' || account.blocked) throw problem('NO_ACTIVE_ACCOUNT');
    const property = await strapi.db.query(UID.property).findOne({ where: { documentId: input.property }, select: ['id', 'documentId', 'title', 'address', 'city'] });
    if (!property) throw problem('PROPERTY_NOT_FOUND');
    const roles = getService(strapi, 'roles');
    const role = await roles.resolve(input.portalRole);
    if (input.permissions) roles.assertKnownFlags(input.permissions);
    const settings = await getService(strapi, 'settings').get();
    const agentName = actor.agentId ? personName(await strapi.db.query(UID.adminUser).findOne({ where: { id: actor.agentId }, select: ['firstname', 'lastname', 'email'] })) : null;

    const deal = await strapi.db.transaction(() =>
      withoutAutoInvite(async () => {
        const granted = await getService(strapi, 'deals').grant(contact, property, role, input.permissions ?? null);
        await getService(strapi, 'outbox').enqueue(
          propertySharedEmail({ account, contact, property, deal: granted, link: portalLinks(settings.portalUrl).login, inviterName: agentName, agencyName: settings.agencyName }),
        );
        await getService(strapi, 'activity').log({
          type: 'property_access_granted',
          contactId: contact.id,
          propertyId: property.id,
          actor,
          summary: `${property.title} shared with the existing portal account as ${role.name}`,
        });
        return granted;
      }),
    );
    return { deal: deal.documentId, contact: contactDocumentId, property: { documentId: property.documentId, title: property.title }, portalRole: { documentId: role.documentId, key: role.key, name: role.name } };
  },

  /** The latest invitation of each contact on a property, keyed by contact id (the property panel). */
  async latestInvitations(contactIds: number[], propertyId: number) {
    if (!contactIds.length) return new Map<number, any>();
    const rows = await strapi.db.query(UID.invitation).findMany({
      where: { contact: { id: { $in: contactIds } }, $or: [{ property: { id: propertyId } }, { property: { id: { $null: true } } }] },
      populate: INVITATION_POPULATE as any,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    const latest = new Map<number, any>();
    for (const row of rows) if (row.contact && !latest.has(row.contact.id)) latest.set(row.contact.id, presentInvitation(row));
    return latest;
  },
});

export type DeskContacts = ReturnType<typeof deskContacts>;
