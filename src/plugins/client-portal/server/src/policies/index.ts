import portalEnabled from './portal-enabled';

export default {
  'portal-enabled': portalEnabled,
};
