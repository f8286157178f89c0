import roles from './roles';

export default {
  roles,
};
