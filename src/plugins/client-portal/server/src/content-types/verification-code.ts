import { CODE_PURPOSES } from '../constants';

export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'cp_verification_codes',
    info: {
      singularName: 'verification-code',
      pluralName: 'verification-codes',
      displayName: 'Portal verification code',
      description: '6-digit codes for email verification and password reset (stored hashed)',
    },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: false },
      'content-type-builder': { visible: false },
    },
    attributes: {
      account: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      purpose: { type: 'enumeration', enum: [...CODE_PURPOSES], required: true },
      /** HMAC of the code, bound to account and purpose. */
      codeHash: { type: 'string', private: true, required: true, maxLength: 128 },
      expiresAt: { type: 'datetime', required: true },
      attempts: { type: 'integer', default: 0, min: 0 },
      status: { type: 'enumeration', enum: ['active', 'used', 'burnt', 'superseded'], default: 'active', required: true },
      usedAt: { type: 'datetime' },
    },
  },
};
