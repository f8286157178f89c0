import roles from './roles';

const services = {
  roles,
};

export type Services = typeof services;
export default services;
