import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { personName } from '../../utils/people';
import type { PortalContext } from '../access/context';
import type { PortalShared } from './shared';

const present = (message: any) => ({ documentId: message.documentId, body: message.body, direction: message.direction, createdAt: message.createdAt, readAt: message.readAt ?? null });

/** Messages between the client and the responsible agent; the agent is told by email (through the outbox). */
export const portalMessages = (strapi: Core.Strapi, shared: PortalShared) => {
  const { access, activity } = shared;

  const notifyAgent = async (ctx: PortalContext, agent: any, body: string) => {
    const settings = await getService(strapi, 'settings').get();
    const base = (strapi.config.get('server.url') as string) || '';
    await getService(strapi, 'outbox').enqueue({
      template: 'new-message',
      to: agent.email,
      language: agent.preferedLanguage ?? 'en',
      payload: {
        agentName: personName(agent) ?? '',
        clientName: [ctx.account.firstName, ctx.account.lastName].filter(Boolean).join(' ') || ctx.account.email,
        messageExcerpt: body.slice(0, 300),
        link: `${base}/admin/content-manager/collection-types/api::contact.contact/${ctx.contactDocumentId}`,
        agencyName: settings.agencyName,
      },
    });
  };

  return {
    /**
     * The thread, oldest first. The agent's messages the client had not read yet come with `readAt: null` this once
     * (the portal shows them as new) and are read from now on.
     */
    async listMessages(ctx: PortalContext) {
      access().requireAny(ctx, 'messageAgent');
      const rows = await strapi.db.query(UID.message).findMany({ where: { contact: { id: ctx.contactId } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: 500 });
      const unread = rows.filter((row: any) => row.direction === 'from_agent' && !row.readAt).map((row: any) => row.id);
      if (unread.length) await strapi.db.query(UID.message).updateMany({ where: { id: { $in: unread } }, data: { readAt: new Date() } });
      return rows.map(present);
    },

    /** How many of the agent's messages the contact's client has not read yet. */
    async unreadCount(contactId: number | null | undefined) {
      if (!contactId) return 0;
      return strapi.db.query(UID.message).count({ where: { contact: { id: contactId }, direction: 'from_agent', readAt: { $null: true } } });
    },

    async sendMessage(ctx: PortalContext, input: { body: string }) {
      access().requireAny(ctx, 'messageAgent');
      // The account's own agent, else the contact's.
      const agent =
        (await strapi.db.query(UID.user).findOne({ where: { id: ctx.accountId }, select: ['id'], populate: { owner: { select: ['id', 'firstname', 'lastname', 'email'] } } }))?.owner ??
        (await strapi.db.query(UID.contact).findOne({ where: { id: ctx.contactId }, populate: { owner: true } }))?.owner;
      const created = await strapi.db.transaction(async () => {
        const message = await strapi.documents(UID.message).create({
          data: { contact: ctx.contactId, direction: 'from_client', body: input.body, authorAccount: ctx.accountId } as any,
        });
        if (agent?.email) await notifyAgent(ctx, agent, input.body);
        await activity().log({ type: 'message_sent', contactId: ctx.contactId, actor: { accountId: ctx.accountId }, summary: input.body.slice(0, 200) });
        return message;
      });
      return present(await strapi.db.query(UID.message).findOne({ where: { id: created.id } }));
    },
  };
};
