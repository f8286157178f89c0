import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../constants';
import { fieldError, problem } from '../errors';
import { isUniqueViolation } from '../utils/db-errors';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;
const WAIT_MS = 15_000;

const sha256 = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest('hex');

export interface Answer {
  status: number;
  body: unknown;
}

/** The standard error envelope for an error a client caused (4xx), so it can be replayed. */
const clientErrorAnswer = (error: any): Answer | null => {
  const status = error instanceof errors.ApplicationError
    ? error instanceof errors.NotFoundError ? 404 : error instanceof errors.ForbiddenError ? 403 : error instanceof errors.RateLimitError ? 429 : 400
    : Number(error?.status);
  if (!Number.isInteger(status) || status < 400 || status >= 500 || status === 429) return null;
  return { status, body: { data: null, error: { status, name: error.name, message: error.message, details: error.details ?? {} } } };
};

/**
 * `Idempotency-Key`: the first answer to (scope, key) is stored and replayed for every repeat; parallel repeats
 * wait for the first to finish. Server errors are not stored, so a retry runs again.
 */
const idempotencyService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(scope: string, key: string | undefined, request: unknown, handler: () => Promise<Answer>): Promise<Answer & { replayed: boolean }> {
    if (key === undefined) return { ...(await handler()), replayed: false };
    if (!KEY_PATTERN.test(key)) throw fieldError('Idempotency-Key', 'must be 1–200 visible ASCII characters');
    const uniqueKey = sha256(`${scope}\n${key}`);
    const requestHash = sha256(JSON.stringify(request ?? null));
    const records = strapi.db.query(UID.idempotencyRecord);

    try {
      await records.create({ data: { uniqueKey, requestHash, status: 'in_progress', expiresAt: new Date(Date.now() + KEEP_MS) } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const record = await records.findOne({ where: { uniqueKey } });
        if (!record) return this.run(scope, key, request, handler);
        if (record.requestHash !== requestHash) throw problem('IDEMPOTENCY_KEY_REUSED');
        if (record.status === 'done') return { status: record.responseStatus, body: record.responseBody, replayed: true };
        if (Date.now() > deadline) throw problem('IDEMPOTENCY_KEY_BUSY');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    try {
      const answer = await handler();
      await records.update({ where: { uniqueKey }, data: { status: 'done', responseStatus: answer.status, responseBody: answer.body as any } });
      return { ...answer, replayed: false };
    } catch (error) {
      const answer = clientErrorAnswer(error);
      if (answer) await records.update({ where: { uniqueKey }, data: { status: 'done', responseStatus: answer.status, responseBody: answer.body as any } });
      else await records.delete({ where: { uniqueKey } });
      throw error;
    }
  },

  /** Forgets answers older than a day (run by the scheduled job). */
  async purge() {
    return strapi.db.query(UID.idempotencyRecord).deleteMany({ where: { expiresAt: { $lt: new Date() } } });
  },
});

export default idempotencyService;
export type IdempotencyService = ReturnType<typeof idempotencyService>;

declare module '../utils' { interface PortalServices { idempotency: IdempotencyService } }
