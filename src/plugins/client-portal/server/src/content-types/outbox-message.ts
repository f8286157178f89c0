import { pluginType } from './define';
import { DELIVERY_STATUSES } from '../constants';

export default pluginType(
  { singular: 'outbox-message', plural: 'outbox-messages', display: 'Portal outbox message' },
  'Emails waiting to be sent by the outbox worker',
  {
    /** Template key, e.g. "invitation". */
    template: { type: 'string', required: true, maxLength: 100 },
    to: { type: 'email', required: true },
    language: { type: 'string', maxLength: 10 },
    /** Template variables that are not secret. */
    payload: { type: 'json' },
    /** Secret variables (links with tokens, codes) encrypted with the app key; wiped once sent. */
    sealed: { type: 'text', private: true },
    status: { type: 'enumeration', enum: [...DELIVERY_STATUSES], default: 'queued', required: true },
    attempts: { type: 'integer', default: 0, min: 0 },
    nextAttemptAt: { type: 'datetime' },
    claimedAt: { type: 'datetime' },
    claimedBy: { type: 'string', maxLength: 100 },
    sentAt: { type: 'datetime' },
    /** The claim (worker and batch) that sent it. */
    sentBy: { type: 'string', maxLength: 100 },
    lastError: { type: 'text' },
    /** What the message is about, e.g. an invitation's documentId. */
    subjectUid: { type: 'string', maxLength: 100 },
    subjectDocumentId: { type: 'string', maxLength: 100 },
    /**
     * Set when the worker decides at send time whether and to whom the email goes (e.g. `reset_password`: the
     * active account with the address in `to`, if any), so the request that queued it did the same work for
     * every address.
     */
    resolve: { type: 'string', maxLength: 50 },
    /** Optional key making an enqueue idempotent. */
    dedupeKey: { type: 'string', maxLength: 200, column: { unique: true } },
  },
  {
    indexes: [
      { name: 'cp_outbox_messages_status_next_idx', columns: ['status', 'next_attempt_at'] },
      // SQLite's claim walks the queued messages oldest first, never the sent history before them.
      { name: 'cp_outbox_messages_status_id_idx', columns: ['status', 'id'] },
    ],
  },
);
