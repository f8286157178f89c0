import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig, getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { portalLinks } from '../utils/portal-links';
import { columnOf, inTransaction, tableQuery } from '../utils/db';
import { securityEvent } from '../utils/security-log';

export type CodePurpose = 'verify_email' | 'reset_password';


/**
 * 6-digit codes: crypto.randomInt, zero-padded, stored as an HMAC bound to (account, purpose), valid
 * `codeLifetimeMinutes`, single use, burnt after `codeMaxAttempts` wrong tries, at most `codeMaxDailyFailures`
 * failures per account and day. Using a code is one conditional UPDATE, so parallel submissions succeed once.
 */
const codesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const key = () => {
    const keys = strapi.config.get('server.app.keys') as string[] | undefined;
    if (!keys?.length) throw new Error('APP_KEYS is not set');
    return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(keys[0], 'utf8'), Buffer.from('client-portal'), Buffer.from('codes'), 32));
  };
  const digest = (accountId: number, purpose: CodePurpose, code: string) =>
    crypto.createHmac('sha256', key()).update(`${accountId}:${purpose}:${code}`).digest('hex');
  const codes = () => strapi.db.query(UID.verificationCode);
  const today = () => new Date().toISOString().slice(0, 10);

  /** One of the account's failures for today, in one conditional UPDATE; false when none is left. */
  const takeDailySlot = (accountId: number, perDay: number) =>
    inTransaction(strapi, async (trx) => {
      const day = columnOf(strapi, UID.user, 'codeFailureDay');
      const used = columnOf(strapi, UID.user, 'codeFailures');
      const taken = await tableQuery(strapi, trx, UID.user)
        .where('id', accountId)
        .where((q: any) => q.whereNull(day).orWhere(day, '<>', today()).orWhereNull(used).orWhere(used, '<', perDay))
        .update({ [used]: trx.raw('CASE WHEN ?? = ? THEN COALESCE(??, 0) + 1 ELSE 1 END', [day, today(), used]), [day]: today() });
      return Number(taken) === 1;
    });

  const giveDailySlotBack = (accountId: number) =>
    inTransaction(strapi, async (trx) => {
      const day = columnOf(strapi, UID.user, 'codeFailureDay');
      const used = columnOf(strapi, UID.user, 'codeFailures');
      await tableQuery(strapi, trx, UID.user).where('id', accountId).where(day, today()).where(used, '>', 0).decrement(used, 1);
    });

  /** One attempt at this code, in one conditional UPDATE: the attempt's number, or null when the code is spent. */
  const takeAttempt = (codeId: number, max: number) =>
    inTransaction(strapi, async (trx) => {
      const attempts = columnOf(strapi, UID.verificationCode, 'attempts');
      const status = columnOf(strapi, UID.verificationCode, 'status');
      const [row] = await tableQuery(strapi, trx, UID.verificationCode)
        .where('id', codeId)
        .where(status, 'active')
        .where((q: any) => q.whereNull(attempts).orWhere(attempts, '<', max))
        .increment(attempts, 1)
        .returning([attempts]);
      return row ? Number(row[attempts] ?? row) : null;
    });

  const service = {
    /**
     * Queues the email of a code for whichever account has this address — a verification code for a draft account,
     * a reset code for an active one. The request queues every address alike; the worker finds the account and
     * issues the code when it sends (`resolveEmail`), so nothing tells addresses with an account from others.
     */
    async queueEmail(email: unknown, purpose: CodePurpose) {
      const address = normalizeEmail(email);
      if (!address) return;
      await getService(strapi, 'outbox').enqueue({ template: purpose === 'verify_email' ? 'verify-email' : 'password-reset', to: address, resolve: purpose });
    },

    /** In the outbox worker: the code email for the account with this address, with a fresh code; null without one. */
    async resolveEmail(address: string, purpose: CodePurpose) {
      const user = await getService(strapi, 'account-store').findByEmail(address);
      const wanted = purpose === 'verify_email' ? 'draft' : 'active';
      if (!user || user.portalStatus !== wanted || user.blocked) return null;
      const current = await getService(strapi, 'settings').get();
      const { code, expiresInMinutes } = await service.issue(Number(user.id), purpose);
      const links = portalLinks(current.portalUrl);
      return {
        to: user.email,
        language: user.language,
        payload: { firstName: user.firstName ?? '', expiresInMinutes, link: purpose === 'verify_email' ? links.verify : links.reset },
        secrets: { code },
        subjectUid: UID.user,
        subjectDocumentId: user.documentId,
      };
    },

    /** A new code for (account, purpose); earlier active codes for it stop working. Returns the code (to email). */
    async issue(accountId: number, purpose: CodePurpose) {
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const minutes = getConfig(strapi).codeLifetimeMinutes;
      await strapi.db.transaction(async () => {
        // (updateMany cannot filter through a relation: find the ids first.)
        const active = await codes().findMany({ where: { account: { id: accountId }, purpose, status: 'active' }, select: ['id'] });
        if (active.length) await codes().updateMany({ where: { id: { $in: active.map((row: any) => row.id) } }, data: { status: 'superseded' } });
        await codes().create({
          data: { account: accountId, purpose, codeHash: digest(accountId, purpose, code), expiresAt: new Date(Date.now() + minutes * 60_000), attempts: 0, status: 'active' },
        });
      });
      return { code, expiresInMinutes: minutes };
    },

    /**
     * True once for the right, unexpired, unused code. Every guess first takes, atomically, one of the account's
     * daily failures (`codeMaxDailyFailures`, UTC day) and one of the code's attempts (`codeMaxAttempts`); a right
     * guess gives the daily one back. So however many guesses arrive at once, no more are ever compared than the
     * limits allow.
     */
    async consume(accountId: number, purpose: CodePurpose, code: unknown): Promise<boolean> {
      const config = getConfig(strapi);
      if (!(await takeDailySlot(accountId, config.codeMaxDailyFailures))) {
        securityEvent(strapi, 'code_failed', { accountId, purpose, reason: 'daily_failure_limit' });
        return false;
      }
      const current = await codes().findOne({
        where: { account: { id: accountId }, purpose, status: 'active', expiresAt: { $gt: new Date() } },
        orderBy: { id: 'desc' },
      });
      const attempts = current ? await takeAttempt(current.id, config.codeMaxAttempts) : null;
      if (attempts === null) {
        // No usable code (none, expired, used or burnt): nothing was compared, the daily failure is given back.
        await giveDailySlotBack(accountId);
        return false;
      }

      const wellFormed = typeof code === 'string' && /^\d{6}$/.test(code);
      const expected = Buffer.from(current.codeHash, 'hex');
      const given = Buffer.from(wellFormed ? digest(accountId, purpose, code) : '0'.repeat(64), 'hex');
      const match = wellFormed && expected.length === given.length && crypto.timingSafeEqual(expected, given);

      if (!match) {
        if (attempts >= config.codeMaxAttempts) {
          const { count } = await codes().updateMany({ where: { id: current.id, status: 'active' }, data: { status: 'burnt' } });
          if (count === 1) securityEvent(strapi, 'code_burnt', { accountId, purpose, attempts });
        } else {
          securityEvent(strapi, 'code_failed', { accountId, purpose, attempts });
        }
        return false;
      }
      await giveDailySlotBack(accountId);
      const { count } = await codes().updateMany({ where: { id: current.id, status: 'active' }, data: { status: 'used', usedAt: new Date() } });
      return count === 1;
    },
  };
  return service;
};

export default codesService;
export type CodesService = ReturnType<typeof codesService>;

declare module '../utils' { interface PortalServices { codes: CodesService } }
