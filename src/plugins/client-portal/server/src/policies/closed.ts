import { errors } from '@strapi/utils';

export const USE_PORTAL_API = 'Not allowed: use the client portal API (/api/client-portal/auth/...)';

/** Closes an operation that would bypass the portal's account rules (users-permissions' own auth mutations). */
const closed = () => {
  throw new errors.PolicyError(USE_PORTAL_API);
};

export default closed;
