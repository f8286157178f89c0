import { ACTIVITY_TYPES } from '../constants';

export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'cp_activities',
    info: {
      singularName: 'activity',
      pluralName: 'activities',
      displayName: 'Portal activity',
      description: 'Append-only log of portal events, shown on the contact',
    },
    options: { draftAndPublish: false },
    pluginOptions: {
      'content-manager': { visible: false },
      'content-type-builder': { visible: false },
    },
    attributes: {
      type: { type: 'enumeration', enum: [...ACTIVITY_TYPES], required: true },
      contact: { type: 'relation', relation: 'manyToOne', target: 'api::contact.contact', inversedBy: 'activities' },
      property: { type: 'relation', relation: 'manyToOne', target: 'api::property.property' },
      invitation: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.invitation' },
      actorType: { type: 'enumeration', enum: ['agent', 'client', 'system'], required: true, default: 'system' },
      actorAgent: { type: 'relation', relation: 'manyToOne', target: 'admin::user' },
      actorAccount: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      summary: { type: 'string', maxLength: 500 },
      details: { type: 'json' },
    },
  },
};
