import roles from './roles';
import settings from './settings';
import activity from './activity';
import outbox from './outbox';
import invitations from './invitations';
import accountStore from './accounts/build';
import auth from './accounts/auth';
import registration from './accounts/registration';
import profile from './accounts/profile';
import autoInvite from './auto-invite';
import idempotency from './idempotency';
import codes from './codes';
import rateLimit from './rate-limit';
import access from './access/context';
import deals from './access/deals';
import portalProperties from './portal-properties';
import portal from './portal';
import clock from './clock';
import portalUsers from './portal-users';
import files from './files';
import sessions from './sessions';
import templates from './templates';
import desk from './desk';
import removal from './removal';
import groups from './groups';
import forms from './forms';
import health from './health';

const services = {
  roles,
  settings,
  activity,
  outbox,
  invitations,
  'account-store': accountStore,
  auth,
  registration,
  profile,
  'auto-invite': autoInvite,
  idempotency,
  codes,
  'rate-limit': rateLimit,
  access,
  deals,
  'portal-properties': portalProperties,
  portal,
  clock,
  'portal-users': portalUsers,
  files,
  sessions,
  templates,
  desk,
  removal,
  groups,
  forms,
  health,
};

export default services;
