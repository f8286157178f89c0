import { pluginType } from './define';
import { CODE_PURPOSES } from '../constants';

export default pluginType(
  { singular: 'verification-code', plural: 'verification-codes', display: 'Portal verification code' },
  '6-digit codes for email verification and password reset (stored hashed)',
  {
    account: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
    purpose: { type: 'enumeration', enum: [...CODE_PURPOSES], required: true },
    /** HMAC of the code, bound to account and purpose. */
    codeHash: { type: 'string', private: true, required: true, maxLength: 128 },
    expiresAt: { type: 'datetime', required: true },
    attempts: { type: 'integer', default: 0, min: 0 },
    status: { type: 'enumeration', enum: ['active', 'used', 'burnt', 'superseded'], default: 'active', required: true },
    usedAt: { type: 'datetime' },
  },
);
