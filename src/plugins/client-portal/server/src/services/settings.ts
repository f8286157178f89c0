import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { LANGUAGES, LIMITS, PLUGIN_ID } from '../constants';
import { getConfig } from '../utils';
import { expiryDaysSchema } from '../config';
import { fromZod, fieldError } from '../errors';
import { TEMPLATE_KEYS, validateTemplate, type TemplateKey, type TemplateOverrides } from '../emails';

const templatePart = z.strictObject({
  subject: z.string().max(500).optional(),
  text: z.string().max(50_000).optional(),
  html: z.string().max(200_000).optional(),
});

/** What an agent may change in the admin (PUT /client-portal/settings); every field optional. */
export const settingsUpdateSchema = z.strictObject({
  portalEnabled: z.boolean().optional(),
  publicPortalId: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, 'must be 3–64 letters, digits, "_" or "-"').optional(),
  portalUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  agencyName: z.string().trim().min(1).max(200).optional(),
  invitationExpiryDays: expiryDaysSchema.optional(),
  clientsCanInviteOthers: z.boolean().optional(),
  defaultAutoInviteRole: z.string().regex(new RegExp(LIMITS.roleKeyPattern), 'must be a portal role key').optional(),
  autoInviteGuestRoles: z.array(z.string().regex(new RegExp(LIMITS.roleKeyPattern), 'must be a portal role key')).max(50).optional(),
  officeAdministrator: z.number().int().positive().nullable().optional(),
  defaultLanguage: z.enum(LANGUAGES).optional(),
  senderName: z.string().trim().max(200).nullable().optional(),
  senderEmail: z.email('must be a valid email address').nullable().optional(),
  resendLimitPerHour: z.number().int().min(1).max(100).optional(),
  /** Per template and language; `null` for a language resets it to the built-in copy. */
  emailTemplates: z.record(z.string(), z.record(z.string(), templatePart.nullable())).optional(),
});

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export interface PortalSettings {
  portalEnabled: boolean;
  publicPortalId: string;
  portalUrl: string;
  agencyName: string;
  invitationExpiryDays: number;
  clientsCanInviteOthers: boolean;
  defaultAutoInviteRole: string;
  /** Roles whose holders are invited automatically when added to a property (guests, co-owners). */
  autoInviteGuestRoles: string[];
  /** Admin user id owning self-registered leads and accounts without a responsible agent. */
  officeAdministrator: number | null;
  defaultLanguage: string;
  senderName: string | null;
  senderEmail: string | null;
  resendLimitPerHour: number;
  emailTemplates: TemplateOverrides;
}

const STORE_KEY = 'settings';

/** The row key of the saved settings in Strapi's core store (`<type>_<name>_<key>`). */
export const SETTINGS_STORE_KEY = `plugin_${PLUGIN_ID}_${STORE_KEY}`;

/** The From of the portal's emails: the sender in the settings, else the email plugin's default. */
export const senderOf = (settings: Pick<PortalSettings, 'senderName' | 'senderEmail'>) =>
  settings.senderEmail ? (settings.senderName ? `${settings.senderName} <${settings.senderEmail}>` : settings.senderEmail) : undefined;

/**
 * Portal settings: config values are the defaults, what an agent saves in the admin overrides them.
 * Read from the database on each call so every instance sees a change at once.
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: STORE_KEY });

  const defaults = (): PortalSettings => {
    const config = getConfig(strapi);
    return {
      portalEnabled: config.portalEnabled,
      publicPortalId: config.publicPortalId,
      portalUrl: config.portalUrl,
      agencyName: config.agencyName,
      invitationExpiryDays: config.invitationExpiryDays,
      clientsCanInviteOthers: config.clientsCanInviteOthers,
      defaultAutoInviteRole: config.defaultAutoInviteRole,
      autoInviteGuestRoles: ['co-owner', 'read-only-guest'],
      officeAdministrator: null,
      defaultLanguage: config.defaultLanguage,
      senderName: null,
      senderEmail: null,
      resendLimitPerHour: config.resendLimitPerHour,
      emailTemplates: {},
    };
  };

  const service = {
    defaults,

    async get(): Promise<PortalSettings> {
      return service.fromStored(await store().get({}));
    },

    /** The settings from the saved value (as the store answers it), over the defaults. */
    fromStored(saved: unknown): PortalSettings {
      return { ...defaults(), ...((saved ?? {}) as Partial<PortalSettings>) };
    },

    /** Validates and saves a partial update; answers 400 naming the first bad field. */
    async update(input: unknown): Promise<PortalSettings> {
      const parsed = settingsUpdateSchema.safeParse(input);
      if (!parsed.success) throw fromZod(parsed.error);
      const update = parsed.data;

      if (update.emailTemplates) {
        for (const [key, languages] of Object.entries(update.emailTemplates)) {
          if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) {
            throw fieldError(`emailTemplates.${key}`, `unknown template (one of ${TEMPLATE_KEYS.join(', ')})`);
          }
          for (const [language, template] of Object.entries(languages)) {
            if (!(LANGUAGES as readonly string[]).includes(language)) {
              throw fieldError(`emailTemplates.${key}.${language}`, `unknown language (one of ${LANGUAGES.join(', ')})`);
            }
            if (template === null) continue;
            const problems = validateTemplate(key as TemplateKey, template);
            if (problems.length) throw fieldError(`emailTemplates.${key}.${language}`, problems.join('; '));
          }
        }
      }

      const roleKeys = [update.defaultAutoInviteRole, ...(update.autoInviteGuestRoles ?? [])].filter(Boolean) as string[];
      for (const key of roleKeys) {
        const role = await strapi.db.query('plugin::client-portal.portal-role').findOne({ where: { key }, select: ['id'] });
        if (!role) throw fieldError(update.defaultAutoInviteRole === key ? 'defaultAutoInviteRole' : 'autoInviteGuestRoles', `no portal role with key "${key}"`);
      }
      if (update.officeAdministrator) {
        const admin = await strapi.db.query('admin::user').findOne({ where: { id: update.officeAdministrator }, select: ['id'] });
        if (!admin) throw fieldError('officeAdministrator', 'no admin user with this id');
      }

      const current = ((await store().get({})) ?? {}) as Partial<PortalSettings>;
      const next: Partial<PortalSettings> = { ...current, ...update } as Partial<PortalSettings>;
      if (update.emailTemplates) {
        const merged: TemplateOverrides = { ...(current.emailTemplates ?? {}) };
        for (const [key, languages] of Object.entries(update.emailTemplates)) {
          const entry = { ...(merged[key] ?? {}) };
          for (const [language, template] of Object.entries(languages)) {
            if (template === null) delete entry[language];
            else entry[language] = template;
          }
          if (Object.keys(entry).length) merged[key] = entry;
          else delete merged[key];
        }
        next.emailTemplates = merged;
      }
      await store().set({ value: next });
      return { ...defaults(), ...next };
    },

    /** The admin user who owns unassigned accounts and leads: the setting, else the first super admin. */
    async officeAdministratorId(): Promise<number | null> {
      const { officeAdministrator } = await this.get();
      if (officeAdministrator) return officeAdministrator;
      const superAdmin = await strapi.service('admin::role').getSuperAdmin();
      if (!superAdmin) return null;
      const admin = await strapi.db.query('admin::user').findOne({
        where: { roles: { id: superAdmin.id }, isActive: true },
        orderBy: { id: 'asc' },
        select: ['id'],
      });
      return admin?.id ?? null;
    },
  };
  return service;
};

export default settingsService;
export type SettingsService = ReturnType<typeof settingsService>;

declare module '../utils' { interface PortalServices { settings: SettingsService } }
