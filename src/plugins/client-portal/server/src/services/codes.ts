import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getConfig } from '../utils';
import { columnOf, inTransaction, tableQuery } from '../utils/db';
import { securityEvent } from '../utils/security-log';

export type CodePurpose = 'verify_email' | 'reset_password';

const DAY = 24 * 60 * 60 * 1000;

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

  return {
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

    /** True once for the right, unexpired, unused code; every failure is counted. */
    async consume(accountId: number, purpose: CodePurpose, code: unknown): Promise<boolean> {
      const config = getConfig(strapi);
      const since = new Date(Date.now() - DAY);
      const recent = await codes().findMany({ where: { account: { id: accountId }, createdAt: { $gt: since } }, select: ['attempts'] });
      const failures = recent.reduce((sum: number, row: any) => sum + (row.attempts ?? 0), 0);
      if (failures >= config.codeMaxDailyFailures) {
        securityEvent(strapi, 'code_failed', { accountId, purpose, reason: 'daily_failure_limit' });
        return false;
      }

      const current = await codes().findOne({
        where: { account: { id: accountId }, purpose, status: 'active', expiresAt: { $gt: new Date() } },
        orderBy: { id: 'desc' },
      });
      if (!current) return false;

      const wellFormed = typeof code === 'string' && /^\d{6}$/.test(code);
      const expected = Buffer.from(current.codeHash, 'hex');
      const given = Buffer.from(wellFormed ? digest(accountId, purpose, code) : '0'.repeat(64), 'hex');
      const match = wellFormed && expected.length === given.length && crypto.timingSafeEqual(expected, given);

      if (!match) {
        // Atomic increment: parallel wrong guesses are all counted.
        await inTransaction(strapi, async (trx) => {
          const c = (attribute: string) => columnOf(strapi, UID.verificationCode, attribute);
          const [row] = await tableQuery(strapi, trx, UID.verificationCode)
            .where('id', current.id)
            .increment(c('attempts'), 1)
            .returning([c('attempts')]);
          const attempts = Number(row?.[c('attempts')] ?? row ?? 0);
          if (attempts >= config.codeMaxAttempts) {
            const burnt = await tableQuery(strapi, trx, UID.verificationCode).where('id', current.id).where(c('status'), 'active').update({ [c('status')]: 'burnt' });
            if (Number(burnt) === 1) securityEvent(strapi, 'code_burnt', { accountId, purpose, attempts });
          } else {
            securityEvent(strapi, 'code_failed', { accountId, purpose, attempts });
          }
        });
        return false;
      }
      const { count } = await codes().updateMany({ where: { id: current.id, status: 'active' }, data: { status: 'used', usedAt: new Date() } });
      return count === 1;
    },
  };
};

export default codesService;
export type CodesService = ReturnType<typeof codesService>;
