import labels from './labels.json';

/**
 * What agents read in the content manager (`labels.json`): a label and a description for every attribute of the
 * domain types, of the plugin's visible types and of the portal fields added to users-permissions users, as
 * `[label, description]`. (The keys and counters the plugin keeps itself are `visible: false` in their schemas.)
 */
export type Labels = Record<string, readonly [string, string]>;

export const CONTENT_TYPE_LABELS = labels.contentTypes as unknown as Record<string, Labels>;
export const COMPONENT_LABELS = labels.components as unknown as Record<string, Labels>;
