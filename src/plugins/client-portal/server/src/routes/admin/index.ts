import { actionId } from '../../constants';

/** Every admin route: an authenticated admin holding the route's RBAC action. */
const guard = (action: Parameters<typeof actionId>[0]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }],
});

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/roles',
      handler: 'roles.find',
      config: guard('read'),
    },
  ],
};
