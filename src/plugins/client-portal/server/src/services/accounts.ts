import crypto from 'crypto';
import bcrypt from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, LANGUAGES, UID } from '../constants';
import { getConfig, getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { conflict, fieldError, NotFoundError, ValidationError } from '../utils/errors';
import { isUniqueViolation } from '../utils/db-errors';
import { passwordProblem, prehash, verifyPassword } from '../utils/password';
import { formatEmailDate } from '../emails';
import { personName } from '../utils/people';
import { securityEvent } from '../utils/security-log';
import type { Actor } from './activity';
import type { IncomingFile } from './files';
import type { CodePurpose } from './codes';
import { notAllowed } from './access';

export const LOGIN_INVALID = 'Invalid email or password';
export const CODE_INVALID = 'Invalid or expired code';
export const PASSWORD_CHANGE_REQUIRED = 'Password change required';
export const NOT_ALLOWED = 'Not allowed';
export const PORTAL_NOT_FOUND = 'This portal does not exist or is not open for registration';
export const EMAIL_REQUIRED_FOR_ACCOUNT = 'An email address is required to create a portal user';
export const PORTAL_USER_EXISTS = 'portal user already exists';

const DAY = 24 * 60 * 60 * 1000;
/** Letters and digits without look-alikes (0/O, 1/l/I), plus a few symbols: 8 characters ≈ 48 bits. */
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%&*?';

export const temporaryPassword = (length = 8) =>
  Array.from({ length }, () => TEMP_ALPHABET[crypto.randomInt(0, TEMP_ALPHABET.length)]).join('');

const ACCOUNT_POPULATE = {
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'phone', 'address', 'postalCode', 'city', 'country', 'language'] },
  portalRole: true,
  owner: { select: ['id', 'firstname', 'lastname', 'email'] },
  avatar: true,
} as const;

/**
 * Portal accounts: users-permissions users with the portal fields. Created by an agent (temporary password),
 * by accepting an invitation, or by self-registration (draft until the emailed code is entered).
 */
const accountsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  const codes = () => getService(strapi, 'codes');
  const outbox = () => getService(strapi, 'outbox');
  const activity = () => getService(strapi, 'activity');
  const sessions = () => getService(strapi, 'sessions');
  const files = () => getService(strapi, 'files');
  const users = () => strapi.db.query(UID.user);

  // Compared against when the email is unknown, so a miss costs as much as a hit.
  const dummyHash = bcrypt.hashSync(prehash(crypto.randomBytes(16).toString('hex')), 10);

  const authenticatedRoleId = async () =>
    (await strapi.db.query(UID.upRole).findOne({ where: { type: 'authenticated' }, select: ['id'] }))?.id;

  const findByEmail = (email: unknown) => {
    const normalized = normalizeEmail(email);
    if (!normalized) return Promise.resolve(null);
    return users().findOne({ where: { emailNormalized: normalized }, populate: ACCOUNT_POPULATE as any });
  };

  const links = (portalUrl: string) => {
    const base = portalUrl.replace(/\/+$/, '');
    return { login: `${base}/login`, verify: `${base}/verify`, reset: `${base}/reset-password`, forgot: `${base}/forgot-password` };
  };

  /** Issues a 6-digit code for (account, purpose) and queues its email; call inside the caller's transaction. */
  const emailCode = async (user: any, purpose: 'verify_email' | 'reset_password', portalUrl: string) => {
    const { code, expiresInMinutes } = await codes().issue(Number(user.id), purpose);
    const verify = purpose === 'verify_email';
    await outbox().enqueue({
      template: verify ? 'verify-email' : 'password-reset',
      to: user.email,
      language: user.language,
      payload: { firstName: user.firstName ?? '', expiresInMinutes, link: verify ? links(portalUrl).verify : links(portalUrl).reset },
      secrets: { code },
      subjectUid: UID.user,
      subjectDocumentId: user.documentId,
    });
  };

  const service = {
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
        avatar: user.avatar ? files().present(user.avatar, `account:${user.id}`) : null,
      };
    },

    /** Opens a server-side session and answers its JWT (logout, logout-all and password changes end it). */
    async issueJwt(user: { id: number }) {
      return (await sessions().issue(Number(user.id))).jwt;
    },

    /** Checked on every authenticated request: the JWT's session must still be open. */
    async tokenIsCurrent(payload: { id?: number; sid?: string }) {
      const open = await sessions().isOpen(payload);
      if (!open) securityEvent(strapi, 'session_rejected', { accountId: payload?.id ?? null });
      return open;
    },

    /**
     * Removes an unverified self-registration of this address (and its codes), so the address's real owner — who
     * proves it by accepting an invitation or by an agent's account — is never blocked by it. False when the
     * address belongs to anything but such a draft.
     */
    async discardDraft(emailNormalized: string) {
      const holder = await users().findOne({ where: { emailNormalized }, select: ['id', 'portalStatus', 'creationMethod'], populate: { contact: { select: ['id'] } } });
      if (!holder) return true;
      if (holder.portalStatus !== 'draft' || holder.contact) return false;
      await service.deleteAccount(holder.id);
      return true;
    },

    /** Deletes an account row with its codes and sessions (drafts only: active accounts are kept for history). */
    async deleteAccount(id: number) {
      const codeIds = (await strapi.db.query(UID.verificationCode).findMany({ where: { account: { id } }, select: ['id'] })).map((row: any) => row.id);
      if (codeIds.length) await strapi.db.query(UID.verificationCode).deleteMany({ where: { id: { $in: codeIds } } });
      await strapi.db.query(UID.portalSession as any).deleteMany({ where: { accountId: id } });
      await users().delete({ where: { id } });
    },

    /** Scheduled: deletes self-registrations not verified within `draftLifetimeHours`. */
    async purgeDrafts() {
      const before = new Date(Date.now() - getConfig(strapi).draftLifetimeHours * 60 * 60 * 1000);
      const drafts = await users().findMany({
        where: { portalStatus: 'draft', contact: { id: { $null: true } }, updatedAt: { $lt: before } },
        select: ['id'],
        limit: 1000,
      });
      for (const draft of drafts) await service.deleteAccount(draft.id);
      return drafts.length;
    },

    async load(id: number) {
      return users().findOne({ where: { id }, populate: ACCOUNT_POPULATE as any });
    },

    /** Agent-created account: a temporary 8-character password is emailed; it must be changed at first login. */
    async createByAgent(input: { contact: string; portalRole?: string | null }, actor: Actor) {
      const current = await settings().get();
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: input.contact },
        populate: { portalAccount: { select: ['id', 'documentId'] }, owner: { select: ['id'] }, autoInviteRole: true },
      });
      if (!contact) throw fieldError('contact', 'no contact with this documentId');
      if (contact.portalAccount) throw conflict(PORTAL_USER_EXISTS, { portalUser: { documentId: contact.portalAccount.documentId } });
      const roleRef = input.portalRole ?? contact.autoInviteRole?.documentId ?? current.defaultAutoInviteRole;
      const role = await getService(strapi, 'roles').resolve(roleRef);
      const email = normalizeEmail(contact.email);
      if (!email) {
        throw new ValidationError(EMAIL_REQUIRED_FOR_ACCOUNT, { errors: [{ path: ['email'], message: EMAIL_REQUIRED_FOR_ACCOUNT, name: 'ValidationError' }] });
      }

      const password = temporaryPassword();
      const now = new Date();
      const lifetimeDays = getConfig(strapi).temporaryPasswordLifetimeDays;
      const expiresAt = new Date(now.getTime() + lifetimeDays * DAY);
      const language = (LANGUAGES as readonly string[]).includes(contact.language) ? contact.language : DEFAULT_LANGUAGE;
      const ownerId = contact.owner?.id ?? (await settings().officeAdministratorId());
      const inviter = actor.agentId
        ? await strapi.db.query(UID.adminUser).findOne({ where: { id: actor.agentId }, select: ['firstname', 'lastname'] })
        : null;

      let created: any;
      try {
        created = await strapi.db.transaction(async () => {
          // An unverified self-registration of this address does not block the agent: it is replaced.
          if (!(await service.discardDraft(email))) throw conflict('An account with this email address already exists');
          const user = await strapi.documents(UID.user).create({
            data: {
              username: email,
              email,
              password: prehash(password),
              provider: 'local',
              confirmed: true,
              blocked: false,
              role: await authenticatedRoleId(),
              portalStatus: 'active',
              contact: contact.id,
              owner: ownerId,
              portalRole: role.id,
              language,
              firstName: contact.firstName ?? null,
              lastName: contact.lastName ?? null,
              creationMethod: 'agent_created',
              mustChangePassword: true,
              temporaryPasswordExpiresAt: expiresAt,
              passwordChangedAt: now,
            } as any,
          });
          await outbox().enqueue({
            template: 'account-created',
            to: email,
            language,
            payload: {
              inviterName: personName(inviter) ?? '',
              firstName: contact.firstName ?? '',
              contactName: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
              email,
              expiresAt: formatEmailDate(expiresAt, language),
            },
            secrets: { temporaryPassword: password, link: links(current.portalUrl).login },
            subjectUid: UID.user,
            subjectDocumentId: user.documentId,
          });
          await activity().log({ type: 'account_created', contactId: contact.id, actor, summary: `Portal user created by an agent (${email})` });
          return user;
        });
      } catch (error) {
        if (isUniqueViolation(error) || (error as any)?.message === PORTAL_USER_EXISTS) throw conflict(PORTAL_USER_EXISTS);
        throw error;
      }
      return service.present(await service.load(created.id));
    },

    /** 404 unless the portal is switched on and `portalId` is the office's public portal id. */
    async assertPortalOpen(portalId: unknown) {
      const current = await settings().get();
      if (!current.portalEnabled || typeof portalId !== 'string' || portalId !== current.publicPortalId) throw new NotFoundError(PORTAL_NOT_FOUND);
    },

    /** Self-registration: a draft account and an emailed code; the same answer whether the email is known or not. */
    async register(input: {
      portalId: string;
      firstName: string;
      lastName: string;
      email: string;
      password: string;
      language?: string | null;
      location?: string | null;
      preferences?: Record<string, unknown> | null;
    }) {
      await service.assertPortalOpen(input.portalId);
      const current = await settings().get();
      const problem = passwordProblem(input.password);
      if (problem) throw fieldError('password', problem);
      const email = normalizeEmail(input.email)!;
      const existing = await users().findOne({
        where: { emailNormalized: email },
        select: ['id', 'documentId', 'email', 'firstName', 'language', 'portalStatus', 'blocked'],
        populate: { contact: { select: ['id'] } },
      });
      const language = input.language ?? current.defaultLanguage;
      const registration = {
        language,
        firstName: input.firstName,
        lastName: input.lastName,
        location: input.location ?? null,
        preferences: input.preferences ?? null,
      };

      if (existing && existing.portalStatus === 'draft' && !existing.contact && !existing.blocked) {
        // Registered again before verifying: the new registration replaces the old one (names, password), and the
        // new code supersedes the earlier ones. An unverified draft never captures an address.
        await strapi.db.transaction(async () => {
          const user = await strapi.documents(UID.user).update({
            documentId: existing.documentId,
            data: { ...registration, password: prehash(input.password), passwordChangedAt: new Date() } as any,
          });
          await emailCode({ ...user, email: existing.email }, 'verify_email', current.portalUrl);
        });
        return;
      }

      if (existing) {
        // Same cost as the other branch (a bcrypt hash), then a note to the real owner instead of a code.
        await bcrypt.hash(prehash(input.password), 10);
        await outbox().enqueue({
          template: 'registration-attempt',
          to: existing.email,
          language: existing.language ?? language,
          payload: { firstName: existing.firstName ?? '', link: links(current.portalUrl).login, resetLink: links(current.portalUrl).forgot },
        });
        return;
      }

      try {
        await strapi.db.transaction(async () => {
          const user = await strapi.documents(UID.user).create({
            data: {
              username: email,
              email,
              password: prehash(input.password),
              provider: 'local',
              confirmed: false,
              blocked: false,
              role: await authenticatedRoleId(),
              portalStatus: 'draft',
              ...registration,
              creationMethod: 'self_registration',
              passwordChangedAt: new Date(),
            } as any,
          });
          await emailCode(user, 'verify_email', current.portalUrl);
        });
      } catch (error) {
        // Registered twice at the same moment: the first one stands; the answer stays the same.
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /** The emailed code makes a draft account active, linked to its contact (or to a new lead). */
    async verifyEmail(input: { email: unknown; code: unknown }) {
      const user = await findByEmail(input.email);
      if (!user || user.portalStatus !== 'draft' || user.blocked) throw new ValidationError(CODE_INVALID);
      if (!(await codes().consume(user.id, 'verify_email', input.code))) throw new ValidationError(CODE_INVALID);

      await strapi.db.transaction(async () => {
        const now = new Date();
        const { count } = await users().updateMany({
          where: { id: user.id, portalStatus: 'draft' },
          data: { portalStatus: 'active', confirmed: true, firstLoginAt: now, lastLoginAt: now },
        });
        if (count !== 1) throw new ValidationError(CODE_INVALID);
        const contact = await service.contactForRegistration(user);
        const ownerId = contact.owner?.id ?? (await settings().officeAdministratorId());
        await strapi.documents(UID.user).update({ documentId: user.documentId, data: { contact: contact.id, owner: ownerId } as any });
        await activity().log({ type: 'email_verified', contactId: contact.id, actor: { accountId: user.id }, summary: `${user.email} verified the email address` });
        await activity().log({ type: 'account_created', contactId: contact.id, actor: { accountId: user.id }, summary: 'Portal account created by self-registration' });
      });
      const fresh = await service.load(user.id);
      return { jwt: await service.issueJwt(fresh), user: service.present(fresh) };
    },

    /** The contact with this email and no account yet, else a new lead for an agent to review. */
    async contactForRegistration(user: any) {
      const match = await strapi.db.query(UID.contact).findOne({
        where: { emailNormalized: user.emailNormalized ?? normalizeEmail(user.email), portalAccount: { id: { $null: true } } },
        orderBy: { id: 'asc' },
        populate: { owner: { select: ['id'] } },
      });
      if (match) return match;
      const ownerId = await settings().officeAdministratorId();
      const lead = await strapi.documents(UID.contact).create({
        data: {
          firstName: user.firstName ?? 'Portal',
          lastName: user.lastName ?? 'User',
          email: user.email,
          language: user.language ?? DEFAULT_LANGUAGE,
          type: 'prospect',
          leadSource: 'portal_registration',
          doNotContact: true,
          owner: ownerId,
        } as any,
      });
      return strapi.db.query(UID.contact).findOne({ where: { id: lead.id }, populate: { owner: { select: ['id'] } } });
    },

    /**
     * A new verification code for a draft account, nothing for anything else. The request only queues the address;
     * the worker looks the account up and issues the code (`resolveCodeEmail`), so every address costs the same.
     */
    async resendCode(email: unknown) {
      await service.queueCodeEmail(email, 'verify_email');
    },

    async queueCodeEmail(email: unknown, purpose: CodePurpose) {
      const address = normalizeEmail(email);
      if (!address) return;
      await outbox().enqueue({ template: purpose === 'verify_email' ? 'verify-email' : 'password-reset', to: address, resolve: purpose });
    },

    /**
     * In the outbox worker: the email of a queued code request — for a draft account (verification) or an active one
     * (reset), with a fresh code — or null when the address has no such account.
     */
    async resolveCodeEmail(address: string, purpose: CodePurpose) {
      const user = await findByEmail(address);
      const wanted = purpose === 'verify_email' ? 'draft' : 'active';
      if (!user || user.portalStatus !== wanted || user.blocked) return null;
      const current = await settings().get();
      const { code, expiresInMinutes } = await codes().issue(Number(user.id), purpose);
      const page = purpose === 'verify_email' ? links(current.portalUrl).verify : links(current.portalUrl).reset;
      return {
        to: user.email,
        language: user.language,
        payload: { firstName: user.firstName ?? '', expiresInMinutes, link: page },
        secrets: { code },
        subjectUid: UID.user,
        subjectDocumentId: user.documentId,
      };
    },

    /** One answer for unknown email, wrong password, draft and blocked accounts. Records first and last login. */
    async login(input: { email: unknown; password: unknown }) {
      const user = await findByEmail(input.email);
      const valid = await verifyPassword(input.password, user?.password ?? dummyHash);
      const now = new Date();
      const tempExpired = user?.mustChangePassword && user.temporaryPasswordExpiresAt && new Date(user.temporaryPasswordExpiresAt) <= now;
      if (!user || !valid || user.blocked || user.portalStatus !== 'active' || tempExpired) {
        const reason = !user ? 'unknown_email' : !valid ? 'wrong_password' : user.blocked ? 'blocked' : user.portalStatus !== 'active' ? 'not_verified' : 'temporary_password_expired';
        securityEvent(strapi, 'login_failed', { accountId: user?.id ?? null, reason });
        throw new ValidationError(LOGIN_INVALID);
      }
      await users().update({ where: { id: user.id }, data: { lastLoginAt: now, ...(user.firstLoginAt ? {} : { firstLoginAt: now }) } });
      if (user.contact) await activity().log({ type: 'logged_in', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Logged in to the portal' });
      const fresh = await service.load(user.id);
      return { jwt: await service.issueJwt(fresh), user: service.present(fresh), mustChangePassword: !!fresh.mustChangePassword };
    },

    /** A reset code for an active account; nothing (and the same answer, at the same cost) otherwise. */
    async forgotPassword(email: unknown) {
      await service.queueCodeEmail(email, 'reset_password');
    },

    /** Email + code + new password. Does not log in; every older session ends. */
    async resetPassword(input: { email: unknown; code: unknown; password: unknown }) {
      const problem = passwordProblem(input.password);
      if (problem) throw fieldError('password', problem);
      const user = await findByEmail(input.email);
      if (!user || user.portalStatus !== 'active' || user.blocked) throw new ValidationError(CODE_INVALID);
      if (!(await codes().consume(user.id, 'reset_password', input.code))) throw new ValidationError(CODE_INVALID);
      await service.setPassword(user, input.password as string);
      securityEvent(strapi, 'password_reset', { accountId: user.id });
      if (user.contact) await activity().log({ type: 'password_reset', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Password reset with an emailed code' });
    },

    /** Needs the current password; answers a new JWT and ends every older session. */
    async changePassword(userId: number, input: { currentPassword?: unknown; password?: unknown }) {
      const user = await service.load(userId);
      if (!(await verifyPassword(input.currentPassword, user?.password))) throw fieldError('currentPassword', 'is not correct');
      const problem = passwordProblem(input.password);
      if (problem) throw fieldError('password', problem);
      if (await verifyPassword(input.password, user.password)) throw fieldError('password', 'must be different from the current password');
      await service.setPassword(user, input.password as string);
      securityEvent(strapi, 'password_changed', { accountId: user.id });
      if (user.contact) await activity().log({ type: 'password_changed', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Password changed' });
      return { jwt: await service.issueJwt(user) };
    },

    /**
     * Sets a new password — every session of the account ends (a new one is opened by the caller when it answers a
     * JWT) — and emails the account a "your password was changed" notice, in its language.
     */
    async setPassword(user: any, password: string) {
      const changedAt = new Date();
      const current = await settings().get();
      const language = (LANGUAGES as readonly string[]).includes(user.language) ? user.language : current.defaultLanguage;
      await strapi.db.transaction(async () => {
        await strapi.documents(UID.user).update({
          documentId: user.documentId,
          data: { password: prehash(password), passwordChangedAt: changedAt, mustChangePassword: false, temporaryPasswordExpiresAt: null } as any,
        });
        // (The document middleware ends every session of the account with this update.)
        await outbox().enqueue({
          template: 'password-changed',
          to: user.email,
          language,
          payload: { firstName: user.firstName ?? '', changedAt: formatEmailDate(changedAt, language), link: links(current.portalUrl).forgot },
          subjectUid: UID.user,
          subjectDocumentId: user.documentId,
        });
      });
    },

    /** Ends the session of this JWT (logout) or every session of the account (`everywhere`). */
    async logout(userId: number, sid: string | undefined, everywhere = false) {
      if (everywhere) await sessions().endAll(userId, 'logout_all');
      else if (sid) await sessions().end(userId, sid, 'logout');
      securityEvent(strapi, everywhere ? 'logout_all' : 'logout', { accountId: userId });
    },

    /** GET /me: profile, role, effective permissions, responsible agent. */
    async me(userId: number) {
      const user = await service.load(userId);
      const permissions = service.permissionsOf(user);
      const contact = user.contact;
      return {
        ...service.present(user),
        // The contact's details, only with viewMyDetails.
        ...(permissions.viewMyDetails && contact
          ? { contactDetails: { email: contact.email ?? null, phone: contact.phone ?? null, address: contact.address ?? null, postalCode: contact.postalCode ?? null, city: contact.city ?? null, country: contact.country ?? null } }
          : {}),
        permissions,
        responsibleAgent: user.owner ? { name: personName(user.owner), email: user.owner.email } : null,
      };
    },

    /** The account's own flags (its role and overrides), which decide about its own details. */
    permissionsOf(user: any) {
      return getService(strapi, 'roles').effective(user.portalRole?.permissions, user.permissionOverrides);
    },

    /** The account, when its role lets it edit its own details (name, language, picture); else 403. */
    async loadEditable(userId: number) {
      const user = await service.load(userId);
      if (!service.permissionsOf(user).editMyDetails) throw notAllowed(strapi, 'editMyDetails');
      return user;
    },

    /** PUT /me: first name, last name and language only. */
    async updateMe(userId: number, input: { firstName?: string; lastName?: string; language?: string }) {
      const user = await service.loadEditable(userId);
      await strapi.documents(UID.user).update({ documentId: user.documentId, data: input as any });
      if (user.contact) await activity().log({ type: 'profile_updated', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Profile updated' });
      return service.me(userId);
    },

    /** Stores a new picture (judged by its bytes, without metadata, private); the previous one is deleted. */
    async setAvatar(userId: number, file: IncomingFile) {
      const user = await service.loadEditable(userId);
      const uploaded = await files().save(file, 'avatar', { alternativeText: 'Profile picture' });
      await strapi.documents(UID.user).update({ documentId: user.documentId, data: { avatar: uploaded.id } as any });
      await files().remove(user.avatar);
      return service.me(userId);
    },

    async deleteAvatar(userId: number) {
      const user = await service.loadEditable(userId);
      if (user.avatar) {
        await strapi.documents(UID.user).update({ documentId: user.documentId, data: { avatar: null } as any });
        await files().remove(user.avatar);
      }
      return service.me(userId);
    },

    /** "Why can't this client log in?": every cause the agent can check, per contact. */
    async loginCheck(contactDocumentId: string) {
      const current = await settings().get();
      const contact = await strapi.db.query(UID.contact).findOne({
        where: { documentId: contactDocumentId },
        populate: { portalAccount: { select: ['id', 'documentId', 'email', 'portalStatus', 'blocked', 'confirmed', 'mustChangePassword', 'temporaryPasswordExpiresAt', 'firstLoginAt', 'lastLoginAt'] } },
      });
      if (!contact) throw new NotFoundError('Contact not found');
      const account = contact.portalAccount;
      const now = new Date();
      const tempExpired = !!(account?.mustChangePassword && account.temporaryPasswordExpiresAt && new Date(account.temporaryPasswordExpiresAt) <= now);
      const pending = await getService(strapi, 'invitations').pendingFor(contactDocumentId);
      const checks = [
        { key: 'portal_enabled', ok: current.portalEnabled, message: current.portalEnabled ? 'The client portal is switched on' : 'The client portal is switched off in the settings' },
        { key: 'account', ok: !!account, message: account ? `Has a portal account (${account.email})` : pending.length ? 'No portal account yet: an invitation is waiting to be accepted' : 'No portal account yet: invite the contact or create a portal user' },
        ...(account
          ? [
              { key: 'email_verified', ok: account.portalStatus === 'active', message: account.portalStatus === 'active' ? 'Email address verified' : 'Email address not verified yet: the client must enter the emailed code (they can ask for a new one)' },
              { key: 'not_blocked', ok: !account.blocked, message: account.blocked ? 'The account is blocked' : 'The account is not blocked' },
              { key: 'temporary_password', ok: !tempExpired, message: tempExpired ? 'The temporary password has expired: the client can use "forgot password"' : account.mustChangePassword ? 'Must choose a new password at the next login' : 'Uses their own password' },
            ]
          : []),
      ];
      return {
        contact: contactDocumentId,
        canLogIn: checks.every((check) => check.ok),
        checks,
        publicPortalId: current.publicPortalId,
        mustChangePassword: !!account?.mustChangePassword,
        firstLoginAt: account?.firstLoginAt ?? null,
        lastLoginAt: account?.lastLoginAt ?? null,
        pendingInvitation: pending[0] ? { documentId: pending[0].documentId, expiresAt: pending[0].expiresAt, sentAt: pending[0].sentAt ?? null } : null,
      };
    },
  };
  return service;
};

export default accountsService;
export type AccountsService = ReturnType<typeof accountsService>;
