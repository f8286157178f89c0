import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, UID } from '../../constants';
import { getService } from '../../utils';
import { normalizeEmail } from '../../utils/email';
import { isUniqueViolation } from '../../utils/db-errors';
import { hasCode } from '../../errors';
import { prehash } from '../../utils/password';

export const ACCOUNT_POPULATE = {
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'phone', 'address', 'postalCode', 'city', 'country', 'language'] },
  portalRole: true,
  owner: { select: ['id', 'firstname', 'lastname', 'email'] },
  avatar: true,
} as const;

/** What differs between the ways a portal account comes to be (agent, invitation, self-registration). */
export interface NewAccount {
  email: string;
  /** The password as chosen (or the temporary one): stored bcrypt(prehash(password)). */
  password: string;
  portalStatus: 'draft' | 'active';
  creationMethod: 'agent_created' | 'invitation' | 'self_registration';
  language?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  contactId?: number | null;
  ownerId?: number | null;
  portalRoleId?: number | null;
  permissionOverrides?: Record<string, boolean> | null;
  mustChangePassword?: boolean;
  temporaryPasswordExpiresAt?: Date | null;
  location?: string | null;
  preferences?: Record<string, unknown> | null;
  /** Accepting an invitation signs the client in: first and last login now. */
  signedIn?: boolean;
}

/**
 * Strapi's own check of a unique attribute said no (its entity validator reads the table before the insert, so a
 * request that lost a race to a committed account hears it here rather than from the index).
 */
const isUniqueValidation = (error: unknown) => {
  const e = error as { name?: string; message?: string; details?: unknown } | null;
  return e?.name === 'ValidationError' && /must be unique/i.test(`${e.message ?? ''} ${JSON.stringify(e.details ?? '')}`);
};

/** A unique index or check said no: the address or the contact has an account already (raced or not). */
export const isAccountConflict = (error: unknown) => isUniqueViolation(error) || isUniqueValidation(error) || hasCode(error, 'PORTAL_USER_EXISTS');

/**
 * The one place a portal account is made (users-permissions user, Authenticated role, local provider, the address
 * normalized as username and email), and the reads every account flow shares.
 */
const accountStore = ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query(UID.user);

  const service = {
    async create(input: NewAccount) {
      const email = normalizeEmail(input.email)!;
      const now = new Date();
      const role = await strapi.db.query(UID.upRole).findOne({ where: { type: 'authenticated' }, select: ['id'] });
      return strapi.documents(UID.user).create({
        data: {
          username: email,
          email,
          password: prehash(input.password),
          provider: 'local',
          confirmed: input.portalStatus === 'active',
          blocked: false,
          role: role?.id,
          portalStatus: input.portalStatus,
          creationMethod: input.creationMethod,
          language: input.language ?? DEFAULT_LANGUAGE,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          contact: input.contactId ?? null,
          owner: input.ownerId ?? null,
          portalRole: input.portalRoleId ?? null,
          permissionOverrides: input.permissionOverrides ?? null,
          mustChangePassword: input.mustChangePassword ?? false,
          temporaryPasswordExpiresAt: input.temporaryPasswordExpiresAt ?? null,
          location: input.location ?? null,
          preferences: input.preferences ?? null,
          passwordChangedAt: now,
          ...(input.signedIn ? { firstLoginAt: now, lastLoginAt: now } : {}),
        } as any,
      });
    },

    async load(id: number) {
      return users().findOne({ where: { id }, populate: ACCOUNT_POPULATE as any });
    },

    findByEmail(email: unknown) {
      const normalized = normalizeEmail(email);
      if (!normalized) return Promise.resolve(null);
      return users().findOne({ where: { emailNormalized: normalized }, populate: ACCOUNT_POPULATE as any });
    },

    /** The account as its owner sees it: no password, tokens or internal keys. */
    present(user: any) {
      if (!user) return null;
      return {
        documentId: user.documentId,
        email: user.email,
        firstName: user.firstName ?? null,
        lastName: user.lastName ?? null,
        language: user.language ?? DEFAULT_LANGUAGE,
        portalStatus: user.portalStatus,
        mustChangePassword: !!user.mustChangePassword,
        creationMethod: user.creationMethod ?? null,
        firstLoginAt: user.firstLoginAt ?? null,
        lastLoginAt: user.lastLoginAt ?? null,
        contact: user.contact?.documentId ?? null,
        portalRole: user.portalRole ? { key: user.portalRole.key, name: user.portalRole.name } : null,
        avatar: user.avatar ? getService(strapi, 'files').present(user.avatar, `account:${user.id}`) : null,
      };
    },

    /**
     * Removes an unverified self-registration of this address (and its codes), so the address's real owner — who
     * proves it by accepting an invitation or by an agent's account — is never blocked by it. False when the
     * address belongs to anything but such a draft.
     */
    async discardDraft(emailNormalized: string) {
      const holder = await users().findOne({ where: { emailNormalized }, select: ['id', 'portalStatus'], populate: { contact: { select: ['id'] } } });
      if (!holder) return true;
      if (holder.portalStatus !== 'draft' || holder.contact) return false;
      await service.deleteDraft(holder.id);
      return true;
    },

    /** Deletes a draft account with its codes and sessions (active accounts are kept for history). */
    async deleteDraft(id: number) {
      const codeIds = (await strapi.db.query(UID.verificationCode).findMany({ where: { account: { id } }, select: ['id'] })).map((row: any) => row.id);
      if (codeIds.length) await strapi.db.query(UID.verificationCode).deleteMany({ where: { id: { $in: codeIds } } });
      await strapi.db.query(UID.portalSession as any).deleteMany({ where: { accountId: id } });
      await users().delete({ where: { id } });
    },
  };
  return service;
};

export default accountStore;
export type AccountStore = ReturnType<typeof accountStore>;

declare module '../../utils' { interface PortalServices { 'account-store': AccountStore } }
