import portalEnabled from './portal-enabled';
import portalUser from './portal-user';

export default {
  'portal-enabled': portalEnabled,
  'portal-user': portalUser,
};
