import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { fieldError, hasCode, problem } from '../../errors';
import { contactForAddress } from '../../utils/contacts';
import { personName } from '../../utils/people';
import type { Actor } from '../activity';

export interface InviteMoreInput {
  contact?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  portalRole: string;
  message?: string | null;
  /** documentId of a form sent with the invitation. */
  form?: string | null;
}

/** What inviting more needs of the groups service (given by it, so the two files do not import each other). */
export interface GroupOperations {
  create(input: { name: string; properties?: string[] }, actor: Actor): Promise<{ documentId: string }>;
  addMember(documentId: string, input: { contact: string; portalRole: string }, actor: Actor): Promise<unknown>;
  ofContact(contactId: number): Promise<Array<{ documentId: string }>>;
  present(documentId: string): Promise<unknown>;
}

/**
 * *Invite more to portal*: from a client with an active portal, the agent invites another person — an existing
 * contact, or a new one by name and email (matched to an existing contact by address first) — into the same portal.
 * The client's group is used (the oldest one), or made for them: named after them, with their properties and
 * themselves in their own role. The other person joins it in the chosen role and is invited.
 */
export const inviteMore = (strapi: Core.Strapi, groups: GroupOperations) => {
  const groupOf = async (source: any, actor: Actor) => {
    const [existing] = await groups.ofContact(source.id);
    if (existing) return existing.documentId as string;
    const deals = await strapi.db.query(UID.deal).findMany({ where: { contact: { id: source.id }, group: { id: { $null: true } } }, populate: { property: { select: ['documentId'] } } });
    const created = await groups.create({ name: `${personName(source) ?? source.email}'s portal`, properties: deals.map((deal: any) => deal.property?.documentId).filter(Boolean) }, actor);
    const role = source.portalAccount.portalRole ?? (await getService(strapi, 'roles').findByKey((await getService(strapi, 'settings').get()).defaultAutoInviteRole));
    if (!role) throw fieldError('portalRole', 'the client has no portal role to keep in the group');
    await groups.addMember(created.documentId, { contact: source.documentId, portalRole: role.documentId }, actor);
    return created.documentId;
  };

  const personFor = async (source: any, input: InviteMoreInput) => {
    if (input.contact) {
      const contact = await strapi.db.query(UID.contact).findOne({ where: { documentId: input.contact }, select: ['id', 'documentId'] });
      if (!contact) throw fieldError('contact', 'no contact with this documentId');
      return contact;
    }
    // (The schema asks for names and email when no contact is chosen.)
    return contactForAddress(strapi, { email: input.email!, firstName: input.firstName!, lastName: input.lastName! }, { ownerId: source.owner?.id ?? null, language: source.language ?? 'en' });
  };

  return async (sourceDocumentId: string, input: InviteMoreInput, actor: Actor) => {
    const source = await strapi.db.query(UID.contact).findOne({
      where: { documentId: sourceDocumentId },
      select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language'],
      populate: { owner: { select: ['id'] }, portalAccount: { select: ['id', 'portalStatus', 'blocked', 'removedAt'], populate: { portalRole: { select: ['documentId', 'key'] } } } },
    });
    if (!source) throw problem('CONTACT_NOT_FOUND');
    const account = source.portalAccount;
    if (!account || account.portalStatus !== 'active' || account.blocked || account.removedAt) throw problem('NO_ACTIVE_ACCOUNT');

    const form = await getService(strapi, 'forms').forInvite(input.form);
    const person = await personFor(source, input);
    if (person.id === source.id) throw fieldError(input.contact ? 'contact' : 'email', 'is the client themselves: choose another person');
    const groupDocumentId = await groupOf(source, actor);
    try {
      await groups.addMember(groupDocumentId, { contact: person.documentId, portalRole: input.portalRole }, actor);
    } catch (error) {
      // Already in the group (e.g. invited before): the invitation below still goes out.
      if (!hasCode(error, 'ALREADY_GROUP_MEMBER')) throw error;
    }
    let invitation: unknown = null;
    try {
      invitation = await getService(strapi, 'invitations').create(
        { contact: person.documentId, portalRole: input.portalRole, ...(input.contact ? {} : { email: input.email, firstName: input.firstName, lastName: input.lastName }), message: input.message ?? undefined, form: input.form },
        actor,
      );
    } catch (error) {
      // A member invited automatically on joining (guest roles) has their invitation already; one with an account
      // needs none: the group's properties are in their portal now.
      if (hasCode(error, 'ALREADY_PENDING')) invitation = (error as any)?.details?.invitation ?? null;
      else if (!hasCode(error, 'PORTAL_USER_EXISTS')) throw error;
      if (form) {
        const pendingDocumentId = (invitation as { documentId?: string } | null)?.documentId;
        const pending = pendingDocumentId ? await strapi.db.query(UID.invitation).findOne({ where: { documentId: pendingDocumentId }, select: ['id'] }) : null;
        await getService(strapi, 'forms').deliverNow(form, { contactId: person.id, contactDocumentId: person.documentId, invitationId: pending?.id ?? null });
      }
    }
    return { group: await groups.present(groupDocumentId), contact: person.documentId, invitation };
  };
};
