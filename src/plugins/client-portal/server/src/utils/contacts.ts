import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { normalizeEmail } from './email';

/**
 * The contact behind an address someone else gave (a client inviting a co-owner, an agent inviting more people into
 * a client's portal): the oldest contact with that normalized address, else a new co-owner contact of `made.ownerId`.
 */
export const contactForAddress = async (
  strapi: Core.Strapi,
  person: { email: string; firstName: string; lastName: string },
  made: { ownerId: number | null; language: string; leadSource?: string },
) => {
  const existing = await strapi.db.query(UID.contact).findOne({ where: { emailNormalized: normalizeEmail(person.email) }, orderBy: { id: 'asc' } });
  if (existing) return existing;
  const created = await strapi.documents(UID.contact).create({
    data: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      type: 'co_owner',
      ...(made.leadSource ? { leadSource: made.leadSource } : {}),
      owner: made.ownerId,
      language: made.language,
    } as any,
  });
  return strapi.db.query(UID.contact).findOne({ where: { id: created.id } });
};
