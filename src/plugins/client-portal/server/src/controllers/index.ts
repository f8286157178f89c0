import roles from './roles';
import invitations from './invitations';
import settings from './settings';
import portalInvitations from './portal-invitations';
import portalAuth from './portal-auth';
import portalMe from './portal-me';
import portalUsers from './portal-users';
import portalProperties from './portal-properties';
import portalActivities from './portal-activities';
import viewings from './viewings';
import files from './files';
import desk from './desk';
import groups from './groups';
import forms from './forms';
import portalForms from './portal-forms';
import health from './health';

export default {
  roles,
  invitations,
  settings,
  'portal-invitations': portalInvitations,
  'portal-auth': portalAuth,
  'portal-me': portalMe,
  'portal-users': portalUsers,
  'portal-properties': portalProperties,
  'portal-activities': portalActivities,
  viewings,
  files,
  desk,
  groups,
  forms,
  'portal-forms': portalForms,
  health,
};
