import portalEnabled from './portal-enabled';
import portalUser from './portal-user';
import closed from './closed';

export default {
  'portal-enabled': portalEnabled,
  'portal-user': portalUser,
  closed,
};
