export const PLUGIN_ID = 'client-portal';

/** Translation id with the plugin prefix. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;
