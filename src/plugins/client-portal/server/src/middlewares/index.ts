import uploads from './uploads';

export default {
  uploads,
};
