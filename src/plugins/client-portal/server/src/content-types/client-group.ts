import { pluginType } from './define';

/**
 * A client group: a household, co-owners or a company's contacts sharing one portal — the group's properties, with
 * their documents and timeline. Each member keeps an own account and role (group-member); the properties reach the
 * members as deals marked with the group (services/groups/sync.ts).
 */
export default pluginType(
  { singular: 'client-group', plural: 'client-groups', display: 'Client group' },
  'Contacts sharing one portal: the group\'s properties, documents and timeline',
  {
    name: { type: 'string', required: true, minLength: 1, maxLength: 200 },
    description: { type: 'text', maxLength: 2000 },
    /** The responsible agent. */
    agent: { type: 'relation', relation: 'manyToOne', target: 'admin::user' },
    properties: { type: 'relation', relation: 'manyToMany', target: 'api::property.property' },
    members: { type: 'relation', relation: 'oneToMany', target: 'plugin::client-portal.group-member', mappedBy: 'group' },
  },
);
