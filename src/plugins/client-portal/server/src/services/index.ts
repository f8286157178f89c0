import roles from './roles';
import settings from './settings';
import activity from './activity';
import outbox from './outbox';
import invitations from './invitations';
import accounts from './accounts';
import autoInvite from './auto-invite';
import idempotency from './idempotency';
import codes from './codes';
import rateLimit from './rate-limit';
import access from './access';
import portalProperties from './portal-properties';
import portal from './portal';
import clock from './clock';
import portalUsers from './portal-users';
import files from './files';
import sessions from './sessions';

const services = {
  roles,
  settings,
  activity,
  outbox,
  invitations,
  accounts,
  'auto-invite': autoInvite,
  idempotency,
  codes,
  'rate-limit': rateLimit,
  access,
  'portal-properties': portalProperties,
  portal,
  clock,
  'portal-users': portalUsers,
  files,
  sessions,
};

export type Services = typeof services;
export default services;
