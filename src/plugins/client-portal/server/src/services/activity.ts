import type { Core } from '@strapi/strapi';
import { ACTIVITY_TYPES, UID } from '../constants';
import { columnOf, inTransaction, newDocumentId, tableOf, toColumns } from '../utils/db';
import { insertLinks, insertRows } from '../utils/bulk-insert';
import { personName } from '../utils/people';
import type { Actor } from '../utils/actor';

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export type { Actor };

export interface ActivityInput {
  type: ActivityType;
  contactId?: number | null;
  propertyId?: number | null;
  invitationId?: number | null;
  actor?: Actor;
  summary?: string;
  details?: Record<string, unknown>;
}

export interface ActivityQuery {
  contact?: string;
  property?: string;
  type?: ActivityType[];
  page: number;
  pageSize: number;
}

/** An entry as agents read it: who did what, to whom, on which property. */
const present = (row: any) => ({
  documentId: row.documentId,
  type: row.type as ActivityType,
  summary: row.summary ?? '',
  createdAt: row.createdAt,
  actor: { type: row.actorType, name: row.actorType === 'agent' ? personName(row.actorAgent) : row.actorType === 'client' ? personName(row.actorAccount) : null },
  contact: row.contact ? { documentId: row.contact.documentId, name: personName(row.contact) } : null,
  property: row.property ? { documentId: row.property.documentId, title: row.property.title } : null,
});

const actorType = (actor?: Actor) => (actor?.agentId ? 'agent' : actor?.accountId ? 'client' : 'system');

/**
 * The append-only activity log shown on the contact. Written with the query engine, not the Document Service: an
 * entry is written on nearly every action (each email sent, each login), and the Document Service would emit an
 * event for each, re-reading the entry with every relation populated after the commit — a storm of queries that
 * fills the connection pool under load. No one subscribes to these internal entries.
 */
const activityService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async log(input: ActivityInput) {
    return strapi.db.query(UID.activity).create({
      data: {
        documentId: newDocumentId(),
        type: input.type,
        contact: input.contactId ?? null,
        property: input.propertyId ?? null,
        invitation: input.invitationId ?? null,
        actorType: actorType(input.actor),
        actorAgent: input.actor?.agentId ?? null,
        actorAccount: input.actor?.accountId ?? null,
        summary: input.summary?.slice(0, 500) ?? null,
        details: input.details ?? null,
      },
    });
  },

  /** The feed agents read (Client Portal → Activity, the contact's panel): newest first, by contact, property, type. */
  async list(query: ActivityQuery) {
    const and: Record<string, unknown>[] = [];
    if (query.contact) and.push({ contact: { documentId: query.contact } });
    if (query.property) and.push({ property: { documentId: query.property } });
    if (query.type?.length) and.push({ type: { $in: query.type } });
    const where = and.length ? { $and: and } : {};
    const [rows, total] = await Promise.all([
      strapi.db.query(UID.activity).findMany({
        where,
        populate: {
          contact: { select: ['documentId', 'firstName', 'lastName', 'email'] },
          property: { select: ['documentId', 'title'] },
          actorAgent: { select: ['firstname', 'lastname', 'email'] },
          actorAccount: { select: ['firstName', 'lastName', 'email'] },
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      strapi.db.query(UID.activity).count({ where }),
    ]);
    return { data: rows.map(present), meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
  },

  /** Batched insert for bulk work: one INSERT per batch plus one per relation. */
  async logMany(inputs: ActivityInput[]) {
    if (inputs.length === 0) return;
    await inTransaction(strapi, async (trx) => {
      const now = new Date();
      const rows = inputs.map((input) =>
        toColumns(strapi, UID.activity, {
          documentId: newDocumentId(),
          type: input.type,
          actorType: actorType(input.actor),
          summary: input.summary?.slice(0, 500) ?? null,
          details: input.details ? JSON.stringify(input.details) : null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      const documentIdColumn = columnOf(strapi, UID.activity, 'documentId');
      const inserted = await insertRows(strapi, trx, tableOf(strapi, UID.activity), rows, { returning: ['id', documentIdColumn] });
      const idOf = new Map(inserted.map((row) => [row[documentIdColumn], Number(row.id)]));
      const ids = rows.map((row) => idOf.get(row[documentIdColumn])!);
      const pairs = (pick: (input: ActivityInput) => number | null | undefined) =>
        inputs.flatMap((input, index) => (pick(input) ? [[ids[index], pick(input)!] as [number, number]] : []));
      await insertLinks(strapi, trx, UID.activity, 'contact', pairs((i) => i.contactId));
      await insertLinks(strapi, trx, UID.activity, 'property', pairs((i) => i.propertyId));
      await insertLinks(strapi, trx, UID.activity, 'invitation', pairs((i) => i.invitationId));
      await insertLinks(strapi, trx, UID.activity, 'actorAgent', pairs((i) => i.actor?.agentId));
      await insertLinks(strapi, trx, UID.activity, 'actorAccount', pairs((i) => i.actor?.accountId));
    });
  },
});

export default activityService;
export type ActivityService = ReturnType<typeof activityService>;

declare module '../utils' { interface PortalServices { activity: ActivityService } }
