import roles from './roles';
import invitations from './invitations';
import settings from './settings';
import portalInvitations from './portal-invitations';

export default {
  roles,
  invitations,
  settings,
  'portal-invitations': portalInvitations,
};
