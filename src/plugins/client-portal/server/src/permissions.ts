import { ACTIONS, PLUGIN_ID } from './constants';

/** Admin RBAC actions, so an office decides which agents may invite, resend, revoke, export or change settings. */
export const RBAC_ACTIONS = [
  { uid: ACTIONS.read, displayName: 'Read invitations and portal users' },
  { uid: ACTIONS.invite, displayName: 'Send portal invitations' },
  { uid: ACTIONS.resend, displayName: 'Resend portal invitations' },
  { uid: ACTIONS.revoke, displayName: 'Revoke portal invitations' },
  { uid: ACTIONS.createPortalUser, displayName: 'Create portal users' },
  { uid: ACTIONS.export, displayName: 'Export portal users' },
  { uid: ACTIONS.removePortalAccess, displayName: 'Remove contacts from the portal' },
  { uid: ACTIONS.manageGroups, displayName: 'Manage client groups (members, properties, invite all)' },
  { uid: ACTIONS.inviteMore, displayName: 'Invite more people to a client\'s portal' },
  { uid: ACTIONS.manageForms, displayName: 'Build forms and reopen answered forms' },
  { uid: ACTIONS.readFormAnswers, displayName: 'Read and export form answers' },
  { uid: ACTIONS.confirmViewings, displayName: 'Confirm viewings' },
  { uid: ACTIONS.replyMessages, displayName: 'Reply to client messages' },
  { uid: ACTIONS.manageRoles, displayName: 'Create, edit and delete portal roles', subCategory: 'settings' },
  { uid: ACTIONS.settingsRead, displayName: 'Read portal settings', subCategory: 'settings' },
  { uid: ACTIONS.settingsUpdate, displayName: 'Change portal settings', subCategory: 'settings' },
].map((action) => ({ section: 'plugins' as const, pluginName: PLUGIN_ID, subCategory: 'general', ...action }));
