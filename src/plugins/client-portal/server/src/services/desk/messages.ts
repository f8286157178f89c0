import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { problem } from '../../errors';
import { personName } from '../../utils/people';
import { portalLinks } from '../../utils/portal-links';
import { rowsOf } from '../../utils/db';

const present = (message: any) => ({
  documentId: message.documentId,
  body: message.body,
  direction: message.direction as 'from_client' | 'from_agent',
  author: message.direction === 'from_agent' ? personName(message.authorAgent) : personName(message.authorAccount),
  createdAt: message.createdAt,
  readAt: message.readAt ?? null,
});

const UNREAD = { direction: 'from_client', readAt: { $null: true } };

/** The agent's side of client messages: threads with unread counts, reading a thread (marks it read), replying. */
export const deskMessages = (strapi: Core.Strapi) => {
  const messages = () => strapi.db.query(UID.message);

  const contactOf = async (documentId: string) => {
    const contact = await strapi.db.query(UID.contact).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language'],
      populate: { portalAccount: { select: ['id', 'email', 'portalStatus', 'blocked', 'language'] } },
    });
    if (!contact) throw problem('CONTACT_NOT_FOUND');
    return contact;
  };

  return {
    /** Unread client messages in all threads (the menu badge). */
    async unreadCount() {
      return { unread: await messages().count({ where: UNREAD }) };
    },

    /** Contacts with messages, the most recent conversation first, each with its last message and unread count. */
    async threads(query: { page: number; pageSize: number }) {
      const meta = strapi.db.metadata.get(UID.message as any);
      const link = (meta.attributes as any).contact.joinTable;
      const knex = strapi.db.connection;
      const schema = strapi.db.getSchemaName();
      const table = (name: string) => (schema ? `${schema}.${name}` : name);
      const createdAt = (meta.attributes as any).createdAt.columnName;
      const direction = (meta.attributes as any).direction.columnName;
      const readAt = (meta.attributes as any).readAt.columnName;
      const contactColumn = `l.${link.inverseJoinColumn.name}`;
      const base = () =>
        knex({ m: table(meta.tableName) }).join({ l: table(link.name) }, `l.${link.joinColumn.name}`, 'm.id');
      const rows = rowsOf(
        await base()
          .select({ contact: contactColumn })
          .max({ last: `m.${createdAt}` })
          .sum({ unread: knex.raw(`CASE WHEN m.${direction} = 'from_client' AND m.${readAt} IS NULL THEN 1 ELSE 0 END`) })
          .groupBy(contactColumn)
          .orderBy('last', 'desc')
          .offset((query.page - 1) * query.pageSize)
          .limit(query.pageSize),
      );
      const [{ total }] = rowsOf(await base().countDistinct({ total: contactColumn }));
      const ids = rows.map((row: any) => Number(row.contact));
      const contacts = ids.length
        ? await strapi.db.query(UID.contact).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId', 'firstName', 'lastName', 'email'] })
        : [];
      const byId = new Map(contacts.map((contact: any) => [contact.id, contact]));
      const data = await Promise.all(
        rows.map(async (row: any) => {
          const contact: any = byId.get(Number(row.contact));
          const last = await messages().findOne({ where: { contact: { id: Number(row.contact) } }, populate: { authorAgent: true, authorAccount: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
          return {
            contact: contact ? { documentId: contact.documentId, name: personName(contact), email: contact.email ?? null } : null,
            unread: Number(row.unread ?? 0),
            lastMessage: last ? present(last) : null,
          };
        }),
      );
      const count = Number(total ?? 0);
      return { data, meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(count / query.pageSize), total: count } } };
    },

    /** The whole conversation with a contact, oldest first; the client's unread messages become read. */
    async thread(contactDocumentId: string) {
      const contact = await contactOf(contactDocumentId);
      // updateMany cannot filter through a relation: the unread ids first.
      const unread = await messages().findMany({ where: { contact: { id: contact.id }, ...UNREAD }, select: ['id'] });
      if (unread.length) await messages().updateMany({ where: { id: { $in: unread.map((row: any) => row.id) } }, data: { readAt: new Date() } });
      const rows = await messages().findMany({
        where: { contact: { id: contact.id } },
        populate: { authorAgent: { select: ['firstname', 'lastname', 'email'] }, authorAccount: { select: ['firstName', 'lastName', 'email'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        limit: 500,
      });
      return { contact: { documentId: contact.documentId, name: personName(contact), email: contact.email ?? null, hasAccount: !!contact.portalAccount }, messages: rows.map(present) };
    },

    /** The agent's reply: stored, the client told by email (through the outbox) when they have an account, logged. */
    async reply(contactDocumentId: string, input: { body: string }, agentId: number) {
      const contact = await contactOf(contactDocumentId);
      const account = contact.portalAccount;
      if (!account || account.blocked) throw problem('NO_ACTIVE_ACCOUNT');
      const agent = await strapi.db.query(UID.adminUser).findOne({ where: { id: agentId }, select: ['id', 'firstname', 'lastname', 'email'] });
      const settings = await getService(strapi, 'settings').get();
      const created = await strapi.db.transaction(async () => {
        const message = await strapi.documents(UID.message).create({
          data: { contact: contact.id, direction: 'from_agent', body: input.body, authorAgent: agentId } as any,
        });
        await getService(strapi, 'outbox').enqueue({
          template: 'agent-message',
          to: account.email,
          language: account.language ?? contact.language,
          payload: {
            agencyName: settings.agencyName,
            firstName: contact.firstName ?? '',
            agentName: personName(agent) ?? settings.agencyName,
            messageExcerpt: input.body.slice(0, 300),
            link: portalLinks(settings.portalUrl).messages,
          },
        });
        await getService(strapi, 'activity').log({ type: 'message_sent', contactId: contact.id, actor: { agentId }, summary: `Agent: ${input.body.slice(0, 200)}` });
        return message;
      });
      return present(await messages().findOne({ where: { id: created.id }, populate: { authorAgent: { select: ['firstname', 'lastname', 'email'] } } }));
    },
  };
};
