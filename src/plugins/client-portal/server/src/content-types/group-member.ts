import { pluginType } from './define';

/** A contact in a client group, with the portal role they hold on the group's properties. */
export default pluginType(
  { singular: 'group-member', plural: 'group-members', display: 'Client group member' },
  'A contact in a client group, with their portal role on the group\'s properties',
  {
    group: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.client-group', inversedBy: 'members' },
    contact: { type: 'relation', relation: 'manyToOne', target: 'api::contact.contact' },
    portalRole: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.portal-role' },
    /** `<group documentId>:<contact documentId>`, unique: a contact is in a group once, whatever the race. */
    memberKey: { type: 'string', private: true, maxLength: 120, column: { unique: true } },
  },
);
