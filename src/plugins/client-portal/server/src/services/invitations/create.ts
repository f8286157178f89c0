import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { EVENTS, UID } from '../../constants';
import { getService } from '../../utils';
import { fieldError, fieldProblem, problem } from '../../errors';
import { chunks, columnOf, inTransaction, newDocumentId, refreshStatistics, tableOf, toColumns } from '../../utils/db';
import { insertLinks, insertRows } from '../../utils/bulk-insert';
import { isUniqueViolation } from '../../utils/db-errors';
import { expiryDaysSchema } from '../../config';
import { pairKey } from '../../rules/keys';
import type { Actor } from '../activity';
import type { InvitationCommon } from './common';
import { eventPayload, presentInvitation } from './present';

export interface InviteInput {
  contact: string;
  portalRole: string;
  property?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  message?: string | null;
  expiresInDays?: number | null;
  permissions?: Record<string, boolean> | null;
  /** Save the email and names given here on the contact too (the agent fixed a missing or wrong address). */
  updateContact?: boolean | null;
  /** documentId of a form sent with the invitation. */
  form?: string | null;
}

export type SkipReason = 'unknown_contact' | 'no_email' | 'do_not_contact' | 'already_portal_user' | 'invite_pending' | 'duplicate';

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  unknown_contact: 'No contact with this documentId',
  no_email: 'An email address is required to send an invite',
  do_not_contact: 'The contact is marked do not contact',
  already_portal_user: 'The contact is already a portal user',
  invite_pending: 'An invitation is already pending',
  duplicate: 'Listed more than once',
};

const emailSchema = z.email();

/**
 * Contacts per chunk of a bulk invite: large enough for few statements (about nine per chunk), small enough to overlap
 * building and writing, and to keep memory down — a chunk's rows, emails and answers live until the database has
 * them, long enough to reach V8's old generation, where they stay resident until its next full collection. After a
 * bulk invite of 10,000, chunks of 2,500 left about 30 MB more resident than chunks of 250, at about the same speed.
 */
const BULK_PIPELINE_ROWS = 250;
/** Invitations written by one bulk invite from which the tables' planner statistics are refreshed (PostgreSQL, in the background). */
const REFRESH_STATISTICS_AFTER = 1_000;
/** Values per IN list when reading what a bulk invite needs (well within both databases' parameter limits). */
const LOOKUP_BATCH = 5_000;

/** Creating invitations: one (an agent, a client, an automatic invite) or many at once (bulk). */
export const invitationCreation = (strapi: Core.Strapi, common: InvitationCommon) => {
  const settings = () => getService(strapi, 'settings');
  const roles = () => getService(strapi, 'roles');
  const activity = () => getService(strapi, 'activity');
  const outbox = () => getService(strapi, 'outbox');
  const forms = () => getService(strapi, 'forms');

  const assertPermissions = (permissions: Record<string, boolean> | null | undefined) => {
    if (!permissions) return;
    const known = new Set(roles().flags());
    for (const [flag, value] of Object.entries(permissions)) {
      if (!known.has(flag)) throw fieldError(`permissions.${flag}`, 'unknown permission flag');
      if (typeof value !== 'boolean') throw fieldError(`permissions.${flag}`, 'must be true or false');
    }
  };

  /** Statistics refreshes still running after bulk invites (awaited on shutdown). */
  const refreshing = new Set<Promise<void>>();

  const summary = (email: string, role: { name: string }, property: { title: string } | null) => `Invited ${email} as ${role.name}${property ? ` to ${property.title}` : ''}`;

  return {
    /** Resolves once the background work of earlier bulk invites (planner statistics) has finished. */
    async settled() {
      await Promise.all([...refreshing]);
    },

    /**
     * Creates one invitation and queues its email in one transaction.
     * 400 without an email address, 409 when the contact already has access or an invite is pending.
     */
    async create(input: InviteInput, actor: Actor = {}) {
      const current = await settings().get();
      const contact = await common.contact(input.contact);
      const role = await roles().resolve(input.portalRole);
      const property = input.property ? await common.property(input.property) : null;
      const form = await forms().forInvite(input.form);

      const email = (input.email ?? contact.email ?? '').trim();
      if (!email) throw fieldProblem('EMAIL_REQUIRED', 'email');
      if (!emailSchema.safeParse(email).success) throw fieldError('email', 'must be a valid email address');
      assertPermissions(input.permissions);
      const expiresInDays = input.expiresInDays ?? current.invitationExpiryDays;
      // The one expiry range (config, settings and the API share it).
      const validDays = expiryDaysSchema.safeParse(expiresInDays);
      if (!validDays.success) throw fieldError('expiresInDays', validDays.error.issues[0].message);

      if (await common.alreadyHasAccess(contact, property)) {
        throw problem('PORTAL_USER_EXISTS', { portalUser: { documentId: contact.portalAccount.documentId } });
      }

      const pendingKey = pairKey(contact.documentId, property?.documentId);
      await common.afterExpired(await common.expireWhere((q) => q.where(columnOf(strapi, UID.invitation, 'pendingKey'), pendingKey)));

      const language = common.languageOf(contact, current.defaultLanguage);
      const built = common.build(
        { contact, role, property, email, firstName: input.firstName, lastName: input.lastName, message: input.message, permissions: input.permissions, expiresInDays, language, inviter: await common.inviterName(actor), portalUrl: current.portalUrl, now: new Date() },
        newDocumentId(),
      );

      // The contact is corrected in the same transaction: a refused invite leaves it as it was.
      const contactChanges: Record<string, string> = {};
      if (input.updateContact) {
        if (email !== (contact.email ?? '')) contactChanges.email = email;
        if (input.firstName && input.firstName !== contact.firstName) contactChanges.firstName = input.firstName;
        if (input.lastName && input.lastName !== contact.lastName) contactChanges.lastName = input.lastName;
      }

      let created: any;
      try {
        created = await strapi.db.transaction(async ({ trx }) => {
          if (Object.keys(contactChanges).length) await strapi.documents(UID.contact).update({ documentId: contact.documentId, data: contactChanges as any });
          const invitation = await strapi.db.query(UID.invitation).create({
            data: {
              ...built.row,
              contact: contact.id,
              property: property?.id ?? null,
              portalRole: role.id,
              invitedByAgent: actor.agentId ?? null,
              invitedByAccount: actor.accountId ?? null,
            },
          });
          if (form) await forms().deliver(trx, form, [{ contactId: contact.id, contactDocumentId: contact.documentId, invitationId: invitation.id }]);
          await outbox().enqueue(built.email);
          await activity().log({ type: 'invited', contactId: contact.id, propertyId: property?.id, invitationId: invitation.id, actor, summary: `${summary(email, role, property)}${form ? `, with the form ${form.title}` : ''}` });
          return invitation;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await common.find({ pendingKey });
        throw problem('ALREADY_PENDING', existing ? { invitation: presentInvitation(existing) } : {});
      }

      const invitation = await common.find({ id: created.id });
      common.emit(EVENTS.invitationCreated, eventPayload(invitation));
      return presentInvitation(invitation);
    },

    /** Invites many contacts in one call: batched reads and inserts, one answer per contact. */
    async bulk(input: { contacts: string[]; portalRole: string; property?: string | null; form?: string | null }, actor: Actor = {}) {
      const current = await settings().get();
      const role = await roles().resolve(input.portalRole);
      const property = input.property ? await common.property(input.property) : null;
      const form = await forms().forInvite(input.form);
      const skipped: Array<{ contact: string; reason: SkipReason; message: string }> = [];
      const skip = (contact: string, reason: SkipReason) => skipped.push({ contact, reason, message: SKIP_MESSAGES[reason] });

      const seen = new Set<string>();
      const ordered: string[] = [];
      for (const documentId of input.contacts) {
        if (seen.has(documentId)) skip(documentId, 'duplicate');
        else {
          seen.add(documentId);
          ordered.push(documentId);
        }
      }

      const contacts = new Map<string, any>();
      for (const batch of chunks(ordered, LOOKUP_BATCH)) {
        const rows = await strapi.db.query(UID.contact).findMany({
          where: { documentId: { $in: batch } },
          select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language', 'doNotContact'],
          populate: { portalAccount: { select: ['id', 'documentId', 'removedAt'] } },
        });
        // A contact removed from the portal is invited like one without an account (accepting reactivates it).
        for (const row of rows) contacts.set(row.documentId, row.portalAccount?.removedAt ? { ...row, portalAccount: null } : row);
      }

      const keyOf = (contact: any) => pairKey(contact.documentId, property?.documentId);
      const candidates = ordered.map((id) => contacts.get(id)).filter(Boolean);
      const keys = candidates.map(keyOf);
      const c = (attribute: string) => columnOf(strapi, UID.invitation, attribute);
      for (const batch of chunks(keys, LOOKUP_BATCH)) await common.afterExpired(await common.expireWhere((q) => q.whereIn(c('pendingKey'), batch)));
      const pending = new Set<string>();
      for (const batch of chunks(keys, LOOKUP_BATCH)) {
        const rows = await strapi.db.query(UID.invitation).findMany({ where: { pendingKey: { $in: batch } }, select: ['pendingKey'] });
        for (const row of rows) pending.add(row.pendingKey);
      }
      const withDeal = new Set<string>();
      if (property) {
        for (const batch of chunks(candidates.filter((contact) => contact.portalAccount).map(keyOf), LOOKUP_BATCH)) {
          const rows = await strapi.db.query(UID.deal).findMany({ where: { pairKey: { $in: batch } }, select: ['pairKey'] });
          for (const row of rows) withDeal.add(row.pairKey);
        }
      }

      const toInvite: any[] = [];
      for (const documentId of ordered) {
        const contact = contacts.get(documentId);
        if (!contact) skip(documentId, 'unknown_contact');
        else if (!contact.email || !emailSchema.safeParse(contact.email.trim()).success) skip(documentId, 'no_email');
        else if (contact.doNotContact) skip(documentId, 'do_not_contact');
        else if (contact.portalAccount && (!property || withDeal.has(keyOf(contact)))) skip(documentId, 'already_portal_user');
        else if (pending.has(keyOf(contact))) skip(documentId, 'invite_pending');
        else toInvite.push(contact);
      }

      const inviter = await common.inviterName(actor);
      const now = new Date();
      const invited: Array<{ contact: string; invitation: string }> = [];

      await inTransaction(strapi, async (trx) => {
        // Chunks, pipelined: while the database writes one chunk's links, emails and activity, the next chunk's
        // invitations (tokens, sealed links, email variables) are built. Each chunk's invitation insert waits for
        // the writes queued before it on the transaction's connection; any failure rolls the whole invite back.
        const writes: Promise<unknown>[] = [];
        const queue = (write: Promise<unknown>) => {
          write.catch(() => undefined);
          writes.push(write);
        };
        for (const group of chunks(toInvite, BULK_PIPELINE_ROWS)) {
          const prepared = group.map((contact) => {
            const email = contact.email.trim();
            const built = common.build(
              { contact, role, property, email, expiresInDays: current.invitationExpiryDays, language: common.languageOf(contact, current.defaultLanguage), inviter, portalUrl: current.portalUrl, now },
              newDocumentId(),
            );
            return { contact, email, built, row: toColumns(strapi, UID.invitation, { ...built.row, createdAt: now, updatedAt: now }) };
          });

          // A pending invite created meanwhile by someone else wins; that contact is reported as pending.
          const rows = await insertRows(strapi, trx, tableOf(strapi, UID.invitation), prepared.map((entry) => entry.row), {
            ignoreConflictOn: c('pendingKey'),
            returning: ['id', c('documentId'), c('pendingKey')],
          });
          const insertedByKey = new Map<string, { id: number; documentId: string }>();
          for (const row of rows) insertedByKey.set(row[c('pendingKey')] as string, { id: Number(row.id), documentId: row[c('documentId')] as string });

          const done = prepared.filter((entry) => insertedByKey.has(keyOf(entry.contact)));
          for (const entry of prepared) if (!insertedByKey.has(keyOf(entry.contact))) skip(entry.contact.documentId, 'invite_pending');
          const idOf = (entry: (typeof prepared)[number]) => insertedByKey.get(keyOf(entry.contact))!.id;
          const links = (attribute: string, targetId: number) => queue(insertLinks(strapi, trx, UID.invitation, attribute, done.map((entry) => [idOf(entry), targetId])));

          queue(insertLinks(strapi, trx, UID.invitation, 'contact', done.map((entry) => [idOf(entry), entry.contact.id])));
          links('portalRole', role.id);
          if (property) links('property', property.id);
          if (actor.agentId) links('invitedByAgent', actor.agentId);
          if (actor.accountId) links('invitedByAccount', actor.accountId);
          if (form) queue(forms().deliver(trx, form, done.map((entry) => ({ contactId: entry.contact.id, contactDocumentId: entry.contact.documentId, invitationId: idOf(entry) }))));
          queue(outbox().enqueueMany(done.map((entry) => entry.built.email)));
          queue(
            activity().logMany(
              done.map((entry) => ({ type: 'invited' as const, contactId: entry.contact.id, propertyId: property?.id, invitationId: idOf(entry), actor, summary: `${summary(entry.email, role, property)} (bulk)` })),
            ),
          );
          for (const entry of done) invited.push({ contact: entry.contact.documentId, invitation: insertedByKey.get(keyOf(entry.contact))!.documentId });
        }
        await Promise.all(writes);
      });

      // In the background: the agent's answer does not wait for the planner's upkeep (refreshStatistics never throws).
      if (invited.length >= REFRESH_STATISTICS_AFTER) {
        const refresh = refreshStatistics(strapi, { withLinks: [UID.invitation, UID.outboxMessage, UID.activity], alone: [UID.contact] });
        refreshing.add(refresh);
        void refresh.finally(() => refreshing.delete(refresh));
      }
      for (const entry of invited) {
        common.emit(EVENTS.invitationCreated, { invitation: { documentId: entry.invitation, status: 'pending' }, contact: entry.contact, property: property?.documentId ?? null, portalRole: role.key });
      }
      const order = new Map(input.contacts.map((id, index) => [id, index]));
      skipped.sort((a, b) => (order.get(a.contact) ?? 0) - (order.get(b.contact) ?? 0));
      return { invited, skipped };
    },
  };
};
