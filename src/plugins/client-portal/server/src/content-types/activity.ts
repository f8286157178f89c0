import { pluginType } from './define';
import { ACTIVITY_TYPES } from '../constants';

export default pluginType(
  { singular: 'activity', plural: 'activities', display: 'Portal activity' },
  'Append-only log of portal events, shown on the contact',
  {
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
);
