/**
 * Admin texts live in `translations/<locale>/<area>.json` (one file per page or panel, so they stay readable);
 * `registerTrads` merges the areas of a locale and prefixes each key with the plugin id.
 */
export const AREAS = ['common', 'invitations', 'portal-users', 'roles', 'activity', 'messages', 'settings', 'contacts', 'properties', 'groups', 'forms'] as const;
export const LOCALES = ['en', 'nl', 'fr', 'de', 'es'] as const;
