import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';

/**
 * The plugin's services by name. Each service file adds its own entry (`declare module '…/utils'`), so this module
 * imports none of them and typed look-ups tie no service to another's file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PortalServices {}

/** Typed accessor for this plugin's services. */
export const getService = <K extends keyof PortalServices>(strapi: Core.Strapi, name: K): PortalServices[K] =>
  strapi.plugin(PLUGIN_ID).service(name) as PortalServices[K];

/** The plugin's validated config (config/plugins.ts merged over the defaults). */
export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
