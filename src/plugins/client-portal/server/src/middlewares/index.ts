import uploads from './uploads';
import rateLimit from './rate-limit';

export default {
  uploads,
  'rate-limit': rateLimit,
};
