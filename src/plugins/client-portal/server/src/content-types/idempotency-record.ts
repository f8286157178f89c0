export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'cp_idempotency_records',
    info: {
      singularName: 'idempotency-record',
      pluralName: 'idempotency-records',
      displayName: 'Portal idempotency record',
      description: 'First answer to a request sent with an Idempotency-Key, replayed for repeats',
    },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: false },
      'content-type-builder': { visible: false },
    },
    attributes: {
      /** SHA-256 of scope + key. */
      uniqueKey: { type: 'string', required: true, maxLength: 64, column: { unique: true } },
      requestHash: { type: 'string', required: true, maxLength: 64 },
      status: { type: 'enumeration', enum: ['in_progress', 'done'], default: 'in_progress', required: true },
      responseStatus: { type: 'integer' },
      responseBody: { type: 'json' },
      expiresAt: { type: 'datetime', required: true },
    },
  },
};
