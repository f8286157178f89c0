import { pluginType } from './define';
export default pluginType(
  { singular: 'idempotency-record', plural: 'idempotency-records', display: 'Portal idempotency record' },
  'First answer to a request sent with an Idempotency-Key, replayed for repeats',
  {
    /** SHA-256 of scope + key. */
    uniqueKey: { type: 'string', required: true, maxLength: 64, column: { unique: true } },
    requestHash: { type: 'string', required: true, maxLength: 64 },
    status: { type: 'enumeration', enum: ['in_progress', 'done'], default: 'in_progress', required: true },
    responseStatus: { type: 'integer' },
    responseBody: { type: 'json' },
    expiresAt: { type: 'datetime', required: true },
  },
);
