import type { PermissionFlag } from '../constants';

export interface RoleDefinition {
  key: string;
  name: string;
  description?: string;
  permissions: Record<string, boolean>;
}

const grant = (...flags: PermissionFlag[]) => Object.fromEntries(flags.map((flag) => [flag, true]));

/** The roles every office starts with. Flags not listed are false. */
export const DEFAULT_ROLES: RoleDefinition[] = [
  {
    key: 'buyer',
    name: 'Buyer',
    description: 'Sees the properties offered, gives feedback, books viewings, writes notes and invites a co-buyer.',
    permissions: grant(
      'viewProperties', 'giveFeedback', 'requestViewings', 'writeNotes', 'uploadPhotos', 'recordVoiceNotes',
      'messageAgent', 'viewTimeline', 'viewDocuments', 'viewTransactionContacts', 'viewMyDetails', 'editMyDetails',
      'inviteOthers',
    ),
  },
  {
    key: 'seller',
    name: 'Seller',
    description: 'Follows the sale of their property: timeline, documents, other parties and messages.',
    permissions: grant(
      'viewProperties', 'writeNotes', 'messageAgent', 'viewTimeline', 'viewDocuments', 'viewTransactionContacts',
      'viewMyDetails', 'editMyDetails', 'inviteOthers',
    ),
  },
  {
    key: 'co-owner',
    name: 'Co-owner',
    description: 'A spouse or co-buyer invited into a client portal; the same view as the buyer, without inviting.',
    permissions: grant(
      'viewProperties', 'giveFeedback', 'requestViewings', 'writeNotes', 'uploadPhotos', 'recordVoiceNotes',
      'messageAgent', 'viewTimeline', 'viewDocuments', 'viewTransactionContacts', 'viewMyDetails', 'editMyDetails',
    ),
  },
  {
    key: 'lender',
    name: 'Lender',
    description: 'Follows the financing: property, timeline and documents.',
    permissions: grant('viewProperties', 'messageAgent', 'viewTimeline', 'viewDocuments', 'viewMyDetails', 'editMyDetails'),
  },
  {
    key: 'inspector',
    name: 'Inspector',
    description: 'Visits the property: viewings, photos, voice notes and notes.',
    permissions: grant(
      'viewProperties', 'requestViewings', 'writeNotes', 'uploadPhotos', 'recordVoiceNotes', 'messageAgent',
      'viewTimeline', 'viewMyDetails', 'editMyDetails',
    ),
  },
  {
    key: 'read-only-guest',
    name: 'Read-only guest',
    description: 'Sees the property and its timeline, changes nothing.',
    permissions: grant('viewProperties', 'viewTimeline', 'viewMyDetails'),
  },
];
