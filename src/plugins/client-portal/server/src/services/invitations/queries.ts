import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { columnOf, namedTable, tableOf } from '../../utils/db';
import { problem } from '../../errors';
import { contactStatus, STATUS_LABELS, statusWhere, type StatusFilter } from '../../rules/invitation-status';
import { INVITATION_POPULATE, presentInvitation } from './present';
import { searchWhere } from './search';

type Knex = any;

export interface InvitationListQuery {
  status?: StatusFilter;
  contact?: string;
  property?: string;
  /** The inviting agent (admin user id). */
  agent?: number;
  /** Created on or after `from`, before the end of `to` (days are whole UTC days). */
  from?: string;
  to?: string;
  /** The start of the invitee's email, first name or last name (see `searchWhere`). */
  q?: string;
  page: number;
  pageSize: number;
}

/** A `YYYY-MM-DD` day ends at the next midnight (UTC); a moment is itself. */
const endOf = (value: string) => (value.length === 10 ? new Date(new Date(`${value}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000) : new Date(value));

const NEWEST_FIRST = [{ createdAt: 'desc' }, { id: 'desc' }];

/** What agents read: the filtered list, a contact's portal status, a contact's pending invites. */
export const invitationQueries = (strapi: Core.Strapi) => {
  const invitations = () => strapi.db.query(UID.invitation);

  /**
   * Invitations linked through `attribute` to `target` (an id, or a sub-query of ids): a sub-query on the relation's
   * link table, read through its index on the target. The query engine's relation filter would join the link and
   * target tables instead, which SQLite's planner cannot start from, so it walked every invitation of the status.
   */
  const linkedTo = (attribute: string, target: number | Knex) => {
    const { joinTable } = strapi.db.metadata.get(UID.invitation as any).attributes[attribute] as any;
    const links = table(joinTable.name).select(joinTable.joinColumn.name);
    return { id: { $in: typeof target === 'number' ? links.where(joinTable.inverseJoinColumn.name, target) : links.whereIn(joinTable.inverseJoinColumn.name, target) } };
  };
  const table = (name: string) => namedTable(strapi, strapi.db.connection, name);
  /** The ids of the document `documentId` of `uid` (its draft and published rows alike). */
  const idsOf = (uid: string, documentId: string) => table(tableOf(strapi, uid)).select('id').where(columnOf(strapi, uid, 'documentId'), documentId);

  return {
    /** Admin list with filters: status (see `STATUS_FILTERS`), contact, property. */
    async list(query: InvitationListQuery) {
      const now = new Date();
      const where: Record<string, unknown>[] = [];
      if (query.contact) where.push(linkedTo('contact', idsOf(UID.contact, query.contact)));
      if (query.property) where.push(linkedTo('property', idsOf(UID.property, query.property)));
      if (query.status) where.push(statusWhere(query.status, now));
      if (query.agent) where.push(linkedTo('invitedByAgent', query.agent));
      if (query.from) where.push({ createdAt: { $gte: new Date(query.from) } });
      if (query.to) where.push({ createdAt: { $lt: endOf(query.to) } });
      if (query.q) where.push(searchWhere(strapi, query.q));
      const filter = where.length ? { $and: where } : {};
      const [rows, total] = await Promise.all([
        invitations().findMany({
          where: filter,
          populate: INVITATION_POPULATE as any,
          orderBy: NEWEST_FIRST,
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
        invitations().count({ where: filter }),
      ]);
      return {
        data: rows.map((row: any) => presentInvitation(row, now)),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /** What the agent sees on the contact: not invited, invited, active (last login), expired, revoked, delivery failed. */
    async contactStatus(contactDocumentId: string) {
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: contactDocumentId },
        populate: { portalAccount: { select: ['documentId', 'portalStatus', 'blocked', 'removedAt', 'firstLoginAt', 'lastLoginAt', 'mustChangePassword'] } },
      });
      if (!contact) throw problem('CONTACT_NOT_FOUND');
      const latest = await invitations().findOne({ where: { contact: { id: contact.id } }, populate: INVITATION_POPULATE as any, orderBy: NEWEST_FIRST });
      const account = contact.portalAccount;
      const status = contactStatus(account, latest);
      return {
        contact: contactDocumentId,
        status,
        label: STATUS_LABELS[status],
        account: account
          ? { documentId: account.documentId, portalStatus: account.portalStatus, blocked: !!account.blocked, removedAt: account.removedAt ?? null, firstLoginAt: account.firstLoginAt ?? null, lastLoginAt: account.lastLoginAt ?? null, mustChangePassword: !!account.mustChangePassword }
          : null,
        invitation: latest ? presentInvitation(latest) : null,
      };
    },

    /** Pending invites of a contact (any property), not yet expired. */
    pendingFor(contactDocumentId: string) {
      return invitations().findMany({
        where: { contact: { documentId: contactDocumentId }, ...statusWhere('pending') },
        populate: INVITATION_POPULATE as any,
      });
    },
  };
};
