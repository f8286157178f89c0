import { PassThrough } from 'stream';
import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify';
import { UID } from '../constants';
import { chunks } from '../utils/db';
import { personName } from '../utils/people';

export interface PortalUserQuery {
  status?: 'active' | 'draft' | 'blocked';
  q?: string;
  page: number;
  pageSize: number;
}


/** Portal users as agents list and export them: activation status, last login, invited at, role, responsible agent. */
const portalUsersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const where = (query: Omit<PortalUserQuery, 'page' | 'pageSize'>) => {
    // Portal accounts: linked to a contact, or self-registered and not verified yet (drafts have no contact).
    const and: Record<string, unknown>[] = [{ $or: [{ contact: { id: { $notNull: true } } }, { portalStatus: 'draft' }] }];
    if (query.status === 'blocked') and.push({ blocked: true });
    else if (query.status) and.push({ portalStatus: query.status, blocked: false });
    if (query.q) {
      const like = { $containsi: query.q };
      and.push({ $or: [{ email: like }, { firstName: like }, { lastName: like }] });
    }
    return { $and: and };
  };

  /** The first invitation date per contact, in one query per batch. */
  const invitedAt = async (contactIds: number[]) => {
    const map = new Map<number, Date>();
    for (const batch of chunks(contactIds, 500)) {
      const rows = await strapi.db.query(UID.invitation).findMany({
        where: { contact: { id: { $in: batch } } },
        select: ['createdAt'],
        populate: { contact: { select: ['id'] } },
        orderBy: { createdAt: 'asc' },
      });
      for (const row of rows) if (row.contact && !map.has(row.contact.id)) map.set(row.contact.id, row.createdAt);
    }
    return map;
  };

  const rows = async (query: Omit<PortalUserQuery, 'page' | 'pageSize'>, offset: number, limit: number) => {
    const users = await strapi.db.query(UID.user).findMany({
      where: where(query),
      populate: { contact: { select: ['id', 'documentId', 'firstName', 'lastName'] }, portalRole: { select: ['key', 'name'] }, owner: { select: ['firstname', 'lastname', 'email'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      offset,
      limit,
    });
    const invited = await invitedAt(users.filter((user: any) => user.contact).map((user: any) => user.contact.id));
    return users.map((user: any) => ({
      documentId: user.documentId,
      email: user.email,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      activationStatus: user.blocked ? 'blocked' : user.portalStatus,
      mustChangePassword: !!user.mustChangePassword,
      creationMethod: user.creationMethod ?? null,
      contact: user.contact ? { documentId: user.contact.documentId, name: personName(user.contact) } : null,
      role: user.portalRole ? { key: user.portalRole.key, name: user.portalRole.name } : null,
      responsibleAgent: user.owner ? { name: personName(user.owner), email: user.owner.email } : null,
      invitedAt: user.contact ? (invited.get(user.contact.id) ?? null) : null,
      firstLoginAt: user.firstLoginAt ?? null,
      lastLoginAt: user.lastLoginAt ?? null,
      createdAt: user.createdAt,
    }));
  };

  return {
    async list(query: PortalUserQuery) {
      const [data, total] = await Promise.all([
        rows(query, (query.page - 1) * query.pageSize, query.pageSize),
        strapi.db.query(UID.user).count({ where: where(query) }),
      ]);
      return { data, meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
    },

    /** Streams the CSV in batches, so a large office never sits in memory at once. */
    exportCsv(query: Omit<PortalUserQuery, 'page' | 'pageSize'>) {
      const out = new PassThrough();
      const csv = stringify({
        header: true,
        columns: [
          { key: 'email', header: 'Email' },
          { key: 'firstName', header: 'First name' },
          { key: 'lastName', header: 'Last name' },
          { key: 'activationStatus', header: 'Activation status' },
          { key: 'lastLoginAt', header: 'Last login' },
          { key: 'invitedAt', header: 'Invited at' },
          { key: 'role', header: 'Role' },
          { key: 'responsibleAgent', header: 'Responsible agent' },
          { key: 'creationMethod', header: 'Created by' },
          { key: 'createdAt', header: 'Created at' },
        ],
        cast: { date: (value: Date) => value.toISOString() },
        // A cell starting with =, +, -, @, tab or carriage return is prefixed with ' so spreadsheets never run it.
        escape_formulas: true,
      });
      csv.pipe(out);
      (async () => {
        const size = 500;
        for (let offset = 0; ; offset += size) {
          const batch = await rows(query, offset, size);
          for (const row of batch) {
            const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : '');
            const ok = csv.write({
              ...row,
              lastLoginAt: iso(row.lastLoginAt),
              invitedAt: iso(row.invitedAt),
              createdAt: iso(row.createdAt),
              role: row.role?.name ?? '',
              responsibleAgent: row.responsibleAgent?.name ?? '',
            });
            if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
          }
          if (batch.length < size) break;
        }
        csv.end();
      })().catch((error) => out.destroy(error));
      return out;
    },
  };
};

export default portalUsersService;
export type PortalUsersService = ReturnType<typeof portalUsersService>;
