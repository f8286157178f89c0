import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import type { Services } from '../services';

/** Typed accessor for this plugin's services. */
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): ReturnType<Services[K]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[K]>;

/** The plugin's validated config (config/plugins.ts merged over the defaults). */
export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
