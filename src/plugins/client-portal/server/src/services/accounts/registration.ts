import bcrypt from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, LANGUAGES, UID } from '../../constants';
import { getConfig, getService } from '../../utils';
import { normalizeEmail } from '../../utils/email';
import { fieldError, problem } from '../../errors';
import { isUniqueViolation } from '../../utils/db-errors';
import { passwordProblem, prehash } from '../../utils/password';
import { portalLinks } from '../../utils/portal-links';

export interface Registration {
  portalId: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  language?: string | null;
  location?: string | null;
  preferences?: Record<string, unknown> | null;
}

/**
 * Self-registration: a draft account (cannot log in) and a 6-digit code by email; the code makes it active and
 * links it to its contact (or a new lead). An unverified draft never captures an address: registering again replaces
 * it, and drafts not verified in time are deleted.
 */
const registrationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'account-store');
  const settings = () => getService(strapi, 'settings');
  const activity = () => getService(strapi, 'activity');
  const codes = () => getService(strapi, 'codes');
  const users = () => strapi.db.query(UID.user);

  const service = {
    /** 404 unless the portal is switched on and `portalId` is the office's public portal id. */
    async assertPortalOpen(portalId: unknown) {
      const current = await settings().get();
      if (!current.portalEnabled || typeof portalId !== 'string' || portalId !== current.publicPortalId) throw problem('PORTAL_NOT_FOUND');
    },

    /**
     * What a registration page needs before the client types anything: the portal's name and languages, or 404 (the
     * same as registering) when `portalId` is not the open portal.
     */
    async portalInfo(portalId: unknown) {
      await service.assertPortalOpen(portalId);
      const current = await settings().get();
      return { portalId: current.publicPortalId as string, name: current.agencyName, languages: [...LANGUAGES] };
    },

    /** A draft account and an emailed code; the same answer (and cost) whether the email is known or not. */
    async register(input: Registration) {
      await service.assertPortalOpen(input.portalId);
      const current = await settings().get();
      const weak = passwordProblem(input.password);
      if (weak) throw fieldError('password', weak);
      const email = normalizeEmail(input.email)!;
      const existing = await users().findOne({
        where: { emailNormalized: email },
        select: ['id', 'documentId', 'email', 'firstName', 'language', 'portalStatus', 'blocked'],
        populate: { contact: { select: ['id'] } },
      });
      const registration = {
        language: input.language ?? current.defaultLanguage,
        firstName: input.firstName,
        lastName: input.lastName,
        location: input.location ?? null,
        preferences: input.preferences ?? null,
      };

      if (existing && existing.portalStatus === 'draft' && !existing.contact && !existing.blocked) {
        // Registered again before verifying: the new registration replaces the old one (names, password), and the
        // new code (issued when the email is sent) supersedes the earlier ones.
        await strapi.db.transaction(async () => {
          await strapi.documents(UID.user).update({
            documentId: existing.documentId,
            data: { ...registration, password: prehash(input.password), passwordChangedAt: new Date() } as any,
          });
          await codes().queueEmail(email, 'verify_email');
        });
        return;
      }

      if (existing) {
        // Same cost as the other branch (a bcrypt hash), then a note to the real owner instead of a code.
        await bcrypt.hash(prehash(input.password), 10);
        const links = portalLinks(current.portalUrl);
        await getService(strapi, 'outbox').enqueue({
          template: 'registration-attempt',
          to: existing.email,
          language: existing.language ?? registration.language,
          payload: { firstName: existing.firstName ?? '', link: links.login, resetLink: links.forgot },
        });
        return;
      }

      try {
        await strapi.db.transaction(async () => {
          await store().create({ email, password: input.password, portalStatus: 'draft', creationMethod: 'self_registration', ...registration });
          await codes().queueEmail(email, 'verify_email');
        });
      } catch (error) {
        // Registered twice at the same moment: the first one stands; the answer stays the same.
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /** The emailed code makes a draft account active, linked to its contact (or to a new lead). */
    async verifyEmail(input: { email: unknown; code: unknown }) {
      const user = await store().findByEmail(input.email);
      if (!user || user.portalStatus !== 'draft' || user.blocked) throw problem('CODE_INVALID');
      if (!(await codes().consume(user.id, 'verify_email', input.code))) throw problem('CODE_INVALID');

      await strapi.db.transaction(async () => {
        const now = new Date();
        const { count } = await users().updateMany({
          where: { id: user.id, portalStatus: 'draft' },
          data: { portalStatus: 'active', confirmed: true, firstLoginAt: now, lastLoginAt: now },
        });
        if (count !== 1) throw problem('CODE_INVALID');
        const contact = await service.contactFor(user);
        const ownerId = contact.owner?.id ?? (await settings().officeAdministratorId());
        await strapi.documents(UID.user).update({ documentId: user.documentId, data: { contact: contact.id, owner: ownerId } as any });
        await activity().log({ type: 'email_verified', contactId: contact.id, actor: { accountId: user.id }, summary: `${user.email} verified the email address` });
        await activity().log({ type: 'account_created', contactId: contact.id, actor: { accountId: user.id }, summary: 'Portal account created by self-registration' });
      });
      const fresh = await store().load(user.id);
      return { jwt: await getService(strapi, 'auth').issueJwt(fresh), user: store().present(fresh) };
    },

    /** The contact with this email and no account yet, else a new lead (do not contact) for an agent to review. */
    async contactFor(user: any) {
      const match = await strapi.db.query(UID.contact).findOne({
        where: { emailNormalized: user.emailNormalized ?? normalizeEmail(user.email), portalAccount: { id: { $null: true } } },
        orderBy: { id: 'asc' },
        populate: { owner: { select: ['id'] } },
      });
      if (match) return match;
      const lead = await strapi.documents(UID.contact).create({
        data: {
          firstName: user.firstName ?? 'Portal',
          lastName: user.lastName ?? 'User',
          email: user.email,
          language: user.language ?? DEFAULT_LANGUAGE,
          type: 'prospect',
          leadSource: 'portal_registration',
          doNotContact: true,
          owner: await settings().officeAdministratorId(),
        } as any,
      });
      return strapi.db.query(UID.contact).findOne({ where: { id: lead.id }, populate: { owner: { select: ['id'] } } });
    },

    /** A new verification code for a draft account, nothing for anything else (queued alike for every address). */
    async resendCode(email: unknown) {
      await codes().queueEmail(email, 'verify_email');
    },

    /** Scheduled: deletes self-registrations not verified within `draftLifetimeHours`. */
    async purgeDrafts() {
      const before = new Date(Date.now() - getConfig(strapi).draftLifetimeHours * 60 * 60 * 1000);
      const drafts = await users().findMany({
        where: { portalStatus: 'draft', contact: { id: { $null: true } }, updatedAt: { $lt: before } },
        select: ['id'],
        limit: 1000,
      });
      for (const draft of drafts) await store().deleteDraft(draft.id);
      return drafts.length;
    },
  };
  return service;
};

export default registrationService;
export type RegistrationService = ReturnType<typeof registrationService>;

declare module '../../utils' { interface PortalServices { registration: RegistrationService } }
