import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { fieldError, hasCode, problem } from '../../errors';
import { isUniqueViolation } from '../../utils/db-errors';
import { personName } from '../../utils/people';
import { STATUS_LABELS, type ContactStatus } from '../../rules/invitation-status';
import type { Actor } from '../activity';
import { groupDeals } from './sync';
import { inviteMore, type InviteMoreInput } from './invite-more';

export interface GroupInput {
  name?: string;
  description?: string | null;
  properties?: string[];
}

export interface InviteAllResult {
  invited: Array<{ contact: string; invitation: string }>;
  skipped: Array<{ contact: string; reason: string; message: string }>;
}

const memberKey = (groupDocumentId: string, contactDocumentId: string) => `${groupDocumentId}:${contactDocumentId}`;

const MEMBER_POPULATE = {
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email'] },
  portalRole: { select: ['documentId', 'key', 'name'] },
} as const;

/**
 * Client groups: contacts sharing one portal (a household, co-owners, a company). Agents create groups, add and remove
 * members (each with an own account and role) and link properties; the members see the group's properties through
 * group deals (./sync). *Invite all* sends one invitation per member without an account, in the member's role.
 */
const groupsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const deals = groupDeals(strapi);
  const activity = () => getService(strapi, 'activity');
  const groups = () => strapi.db.query(UID.clientGroup);
  const members = () => strapi.db.query(UID.groupMember);

  const find = async (documentId: string) => {
    const group = await groups().findOne({ where: { documentId }, populate: { properties: { select: ['id', 'documentId'] } } });
    if (!group) throw problem('GROUP_NOT_FOUND');
    return group;
  };

  const propertyIds = async (documentIds: string[]) => {
    const unique = [...new Set(documentIds)];
    const rows = await strapi.db.query(UID.property).findMany({ where: { documentId: { $in: unique } }, select: ['id', 'documentId'] });
    const missing = unique.filter((id) => !rows.some((row: any) => row.documentId === id));
    if (missing.length) throw fieldError('properties', `no property with the documentId ${missing[0]}`);
    return rows.map((row: any) => row.id as number);
  };

  const memberContactIds = async (groupId: number) =>
    (await members().findMany({ where: { group: { id: groupId } }, populate: { contact: { select: ['id'] } } })).map((row: any) => row.contact?.id).filter(Boolean) as number[];

  /** A member with the portal status the contact list shows (desk statuses: account and latest invitation). */
  const presentMember = (member: any, statuses: Map<string, { status: ContactStatus; label: string; lastLoginAt: string | null }>) => {
    const contact = member.contact;
    const known = contact ? statuses.get(contact.documentId) : undefined;
    const status: ContactStatus = known?.status ?? 'not_invited';
    return {
      documentId: member.documentId,
      contact: contact ? { documentId: contact.documentId, name: personName(contact), email: contact.email ?? null } : null,
      portalRole: member.portalRole ? { documentId: member.portalRole.documentId, key: member.portalRole.key, name: member.portalRole.name } : null,
      status,
      label: known?.label ?? STATUS_LABELS[status],
      lastLoginAt: known?.lastLoginAt ?? null,
      addedAt: member.createdAt,
    };
  };

  const present = async (documentId: string) => {
    const group = await groups().findOne({
      where: { documentId },
      populate: {
        properties: { select: ['documentId', 'title', 'address', 'city'] },
        agent: { select: ['id', 'firstname', 'lastname', 'email'] },
        members: { populate: MEMBER_POPULATE as any, orderBy: { id: 'asc' } },
      },
    });
    if (!group) throw problem('GROUP_NOT_FOUND');
    const contacts = group.members.map((member: any) => member.contact?.documentId).filter(Boolean) as string[];
    const statuses = new Map((contacts.length ? await getService(strapi, 'desk').contacts.statuses(contacts) : []).map((row) => [row.contact, row]));
    return {
      documentId: group.documentId,
      name: group.name,
      description: group.description ?? null,
      agent: group.agent ? { id: group.agent.id, name: personName(group.agent), email: group.agent.email } : null,
      properties: group.properties.map((property: any) => ({ documentId: property.documentId, title: property.title, address: property.address ?? null, city: property.city ?? null })),
      members: group.members.map((member: any) => presentMember(member, statuses)),
      createdAt: group.createdAt,
      updatedAt: group.updatedAt,
    };
  };

  const service = {
    present,

    async list(query: { q?: string; contact?: string; page: number; pageSize: number }) {
      const and: Record<string, unknown>[] = [];
      if (query.q) and.push({ name: { $containsi: query.q } });
      if (query.contact) and.push({ members: { contact: { documentId: query.contact } } });
      const where = and.length ? { $and: and } : {};
      const [rows, total] = await Promise.all([
        groups().findMany({
          where,
          populate: { properties: { select: ['documentId'] }, members: { select: ['id'] }, agent: { select: ['firstname', 'lastname', 'email'] } },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
        groups().count({ where }),
      ]);
      return {
        data: rows.map((group: any) => ({
          documentId: group.documentId,
          name: group.name,
          description: group.description ?? null,
          agent: group.agent ? { name: personName(group.agent), email: group.agent.email } : null,
          memberCount: group.members.length,
          propertyCount: group.properties.length,
          createdAt: group.createdAt,
        })),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    async create(input: GroupInput, actor: Actor) {
      const properties = input.properties ? await propertyIds(input.properties) : [];
      const group = await strapi.documents(UID.clientGroup).create({
        data: { name: input.name, description: input.description ?? null, agent: actor.agentId ?? null, properties } as any,
      });
      return present(group.documentId);
    },

    /** Renames or re-describes the group; given properties replace the group's, and every member's access follows. */
    async update(documentId: string, input: GroupInput) {
      const group = await find(documentId);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name;
      if (input.description !== undefined) data.description = input.description;
      if (input.properties !== undefined) data.properties = await propertyIds(input.properties);
      if (Object.keys(data).length) await strapi.documents(UID.clientGroup).update({ documentId, data: data as any });
      if (input.properties !== undefined) await deals.syncMany(await memberContactIds(group.id));
      return present(documentId);
    },

    /** Deletes the group: its members lose the group's properties (their own deals stay). */
    async delete(documentId: string) {
      const group = await find(documentId);
      const contactIds = await memberContactIds(group.id);
      await members().deleteMany({ where: { group: { id: group.id } } });
      await deals.syncMany(contactIds);
      await strapi.documents(UID.clientGroup).delete({ documentId });
    },

    /**
     * Adds a contact with a role. The group's properties reach them at once; a member in a guest role (the settings'
     * automatic guest roles) who has no account is invited automatically.
     */
    async addMember(documentId: string, input: { contact: string; portalRole: string }, actor: Actor) {
      const group = await find(documentId);
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: input.contact },
        select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'doNotContact'],
        populate: { portalAccount: { select: ['id', 'removedAt'] } },
      });
      if (!contact) throw fieldError('contact', 'no contact with this documentId');
      const role = await getService(strapi, 'roles').resolve(input.portalRole);
      try {
        await members().create({ data: { group: group.id, contact: contact.id, portalRole: role.id, memberKey: memberKey(group.documentId, contact.documentId) } });
      } catch (error) {
        if (isUniqueViolation(error)) throw problem('ALREADY_GROUP_MEMBER');
        throw error;
      }
      await deals.sync(contact.id);
      await activity().log({ type: 'group_joined', contactId: contact.id, actor, summary: `Added to the client group ${group.name} as ${role.name}` });

      let invitation: unknown = null;
      const settings = await getService(strapi, 'settings').get();
      const hasAccount = contact.portalAccount && !contact.portalAccount.removedAt;
      if (settings.autoInviteGuestRoles.includes(role.key) && !hasAccount && contact.email && !contact.doNotContact) {
        try {
          invitation = await getService(strapi, 'invitations').create({ contact: contact.documentId, portalRole: role.documentId }, actor);
        } catch (error) {
          // A pending invitation already covers them; anything else is the agent's to see.
          if (!hasCode(error, 'ALREADY_PENDING')) throw error;
        }
      }
      return { group: await present(documentId), invitation };
    },

    /** Ends a membership: the group's properties disappear from the member's next request. */
    async removeMember(documentId: string, contactDocumentId: string, actor: Actor) {
      const group = await find(documentId);
      const member = await members().findOne({ where: { memberKey: memberKey(group.documentId, contactDocumentId) }, populate: { contact: { select: ['id'] } } });
      if (!member) throw problem('NOT_GROUP_MEMBER');
      await members().delete({ where: { id: member.id } });
      if (member.contact) {
        await deals.sync(member.contact.id);
        await activity().log({ type: 'group_left', contactId: member.contact.id, actor, summary: `Removed from the client group ${group.name}` });
      }
      return present(documentId);
    },

    /** Every membership of a contact ends (removal from the portal). Answers the groups' names. */
    async leaveAll(contactId: number, actor: Actor) {
      const rows = await members().findMany({ where: { contact: { id: contactId } }, populate: { group: { select: ['name'] } } });
      if (!rows.length) return [];
      await members().deleteMany({ where: { id: { $in: rows.map((row: any) => row.id) } } });
      await deals.sync(contactId);
      for (const row of rows) await activity().log({ type: 'group_left', contactId, actor, summary: `Left the client group ${row.group?.name ?? ''} (removed from the portal)` });
      return rows.map((row: any) => row.group?.name as string);
    },

    /**
     * *Invite all*: one invitation per member without an account, in the member's own role (members sharing a role are
     * invited in one bulk call, which reports each one; parallel clicks yield one invitation per member).
     */
    async inviteAll(documentId: string, actor: Actor, options: { form?: string | null } = {}): Promise<InviteAllResult> {
      const group = await find(documentId);
      await getService(strapi, 'forms').forInvite(options.form);
      const rows = await members().findMany({ where: { group: { id: group.id } }, populate: { contact: { select: ['documentId'] }, portalRole: { select: ['documentId'] } }, orderBy: { id: 'asc' } });
      const byRole = new Map<string, string[]>();
      for (const row of rows) {
        if (!row.contact || !row.portalRole) continue;
        byRole.set(row.portalRole.documentId, [...(byRole.get(row.portalRole.documentId) ?? []), row.contact.documentId]);
      }
      const result: InviteAllResult = { invited: [], skipped: [] };
      for (const [portalRole, contacts] of byRole) {
        const answer = await getService(strapi, 'invitations').bulk({ contacts, portalRole, form: options.form }, actor);
        result.invited.push(...answer.invited);
        result.skipped.push(...answer.skipped);
      }
      const order = new Map(rows.map((row: any, index: number) => [row.contact?.documentId, index]));
      const byOrder = (a: { contact: string }, b: { contact: string }) => (order.get(a.contact) ?? 0) - (order.get(b.contact) ?? 0);
      result.invited.sort(byOrder);
      result.skipped.sort(byOrder);
      return result;
    },

    /** The groups of a contact (oldest first). */
    async ofContact(contactId: number) {
      const rows = await members().findMany({ where: { contact: { id: contactId } }, populate: { group: { select: ['id', 'documentId', 'name'] } }, orderBy: { id: 'asc' } });
      return rows.map((row: any) => row.group).filter(Boolean);
    },
  };
  const more = inviteMore(strapi, service);
  return { ...service, inviteMore: (contactDocumentId: string, input: InviteMoreInput, actor: Actor) => more(contactDocumentId, input, actor) };
};

export default groupsService;
export type GroupsService = ReturnType<typeof groupsService>;

declare module '../../utils' { interface PortalServices { groups: GroupsService } }
