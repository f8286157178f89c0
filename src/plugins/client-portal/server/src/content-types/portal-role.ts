import { LIMITS } from '../constants';

export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'cp_portal_roles',
    info: {
      singularName: 'portal-role',
      pluralName: 'portal-roles',
      displayName: 'Portal role',
      description: 'What a client with this role may see and do in the portal',
    },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: true },
      'content-type-builder': { visible: false },
    },
    attributes: {
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
  },
};
