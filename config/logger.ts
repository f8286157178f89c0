import { winston, formats } from '@strapi/logger';

/** `LOG_LEVEL` (error, warn, info, http, verbose, debug); default http. Tests run at error. */
const level = process.env.LOG_LEVEL || 'http';

export default {
  level,
  format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
  transports: [new winston.transports.Console({ level })],
};
