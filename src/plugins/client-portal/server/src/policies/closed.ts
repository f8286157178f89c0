import { problem } from '../errors';

/** Closes an operation that would bypass the portal's account rules (users-permissions' own auth mutations). */
const closed = () => {
  throw problem('USE_PORTAL_API');
};

export default closed;
