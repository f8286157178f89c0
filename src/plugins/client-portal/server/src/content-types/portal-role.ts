import { pluginType } from './define';
import { LIMITS } from '../constants';

export default pluginType(
  { singular: 'portal-role', plural: 'portal-roles', display: 'Portal role' },
  'What a client with this role may see and do in the portal',
  {
    name: { type: 'string', required: true, minLength: 1, maxLength: 100 },
    key: {
      type: 'string',
      required: true,
      unique: true,
      regex: LIMITS.roleKeyPattern,
      maxLength: 50,
      column: { unique: true },
    },
    description: { type: 'text', maxLength: 1000 },
    /** `{ [flag]: boolean }`; flags not listed are false (deny by default). */
    permissions: { type: 'json', required: true },
    /** Shipped with the product or registered from code/config (not deletable from the admin). */
    builtIn: { type: 'boolean', default: false },
  },
  { visible: true },
);
