import type { Core } from '@strapi/strapi';
import { COMPONENT_LABELS, CONTENT_TYPE_LABELS, type Labels } from './labels';

type Configuration = {
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  [key: string]: unknown;
};

/**
 * A label (or description) is the plugin's to set while it is Strapi's default (the attribute name, or empty) or
 * the plugin's own earlier text; once an administrator changed it in "Configure the view", it is theirs.
 */
const ours = (current: unknown, name: string, previous: string | undefined) => current == null || current === '' || current === name || current === previous;

/** The configuration with labels and descriptions applied; null when nothing changes. */
export const labelled = (config: Configuration, labels: Labels, previous: Labels = {}): Configuration | null => {
  const next: Configuration = JSON.parse(JSON.stringify(config));
  for (const [name, [label, description]] of Object.entries(labels)) {
    const meta = next.metadatas[name];
    if (!meta) continue;
    const [oldLabel, oldDescription] = previous[name] ?? [];
    if (meta.edit && ours(meta.edit.label, name, oldLabel)) meta.edit.label = label;
    if (meta.edit && ours(meta.edit.description, '', oldDescription)) meta.edit.description = description;
    if (meta.list && ours(meta.list.label, name, oldLabel)) meta.list.label = label;
  }
  return JSON.stringify(next) === JSON.stringify(config) ? null : next;
};

/**
 * Gives every domain and plugin attribute its human label and description in the content manager's edit and list
 * views. Runs at each bootstrap (after the content manager synced its configurations); what was applied is
 * remembered, so later wording changes reach existing installs.
 */
export const configureContentManager = async (strapi: Core.Strapi) => {
  const cm = strapi.plugin('content-manager');
  if (!cm) return;
  const record = strapi.store({ type: 'plugin', name: 'client-portal', key: 'content-manager-labels' });
  const previous = ((await record.get({})) ?? {}) as Record<string, Labels>;

  const apply = async (service: any, model: any, key: string, labels: Labels) => {
    if (!model) return;
    const config = (await service.findConfiguration(model)) as Configuration;
    const next = labelled(config, labels, previous[key]);
    if (next) await service.updateConfiguration(model, next);
  };

  for (const [uid, labels] of Object.entries(CONTENT_TYPE_LABELS)) {
    await apply(cm.service('content-types'), strapi.contentTypes[uid as keyof typeof strapi.contentTypes], uid, labels);
  }
  for (const [uid, labels] of Object.entries(COMPONENT_LABELS)) {
    await apply(cm.service('components'), strapi.components[uid as keyof typeof strapi.components], uid, labels);
  }
  await record.set({ value: { ...CONTENT_TYPE_LABELS, ...COMPONENT_LABELS } });
};
