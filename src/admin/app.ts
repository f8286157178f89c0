/** Admin panel languages besides English: the languages the portal's emails speak. */
export default {
  config: {
    locales: ['nl', 'fr', 'de', 'es'],
  },
  bootstrap() {},
};
