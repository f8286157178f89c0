import { PLUGIN_ID, t } from './pluginId';
import { PERMISSIONS } from './permissions';
import { PluginIcon } from './components/PluginIcon';
import { ContactPortalPanel } from './components/contacts/ContactPortalPanel';
import { BulkInviteAction } from './components/contacts/BulkInviteAction';
import { RowInviteAction } from './components/contacts/RowInviteAction';
import { injectPortalStatusColumn } from './components/contacts/PortalStatusColumn';
import { PropertyPortalPanel } from './components/properties/PropertyPortalPanel';
import { AREAS } from './translations/index';

type Translations = Record<string, string>;

const prefix = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: t('plugin.name'), defaultMessage: 'Client Portal' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App'),
    });
    app.createSettingSection({ id: PLUGIN_ID, intlLabel: { id: t('settings.section'), defaultMessage: 'Client Portal' } }, [
      {
        intlLabel: { id: t('settings.general.link'), defaultMessage: 'Portal settings' },
        id: 'client-portal-general',
        to: `${PLUGIN_ID}/general`,
        Component: () => import('./pages/settings/GeneralSettingsPage'),
        permissions: PERMISSIONS.settingsRead,
      },
      {
        intlLabel: { id: t('settings.templates.link'), defaultMessage: 'Email templates' },
        id: 'client-portal-templates',
        to: `${PLUGIN_ID}/email-templates`,
        Component: () => import('./pages/settings/EmailTemplatesPage'),
        permissions: PERMISSIONS.settingsRead,
      },
    ]);
    app.registerPlugin({ id: PLUGIN_ID, name: 'Client Portal' });
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', injectPortalStatusColumn);
  },

  bootstrap(app: any) {
    const contentManager = app.getPlugin('content-manager');
    contentManager.apis.addEditViewSidePanel([ContactPortalPanel, PropertyPortalPanel]);
    contentManager.apis.addBulkAction([BulkInviteAction]);
    contentManager.apis.addDocumentAction((actions: unknown[]) => [...actions, RowInviteAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const parts = await Promise.all(
          AREAS.map(async (area) => {
            try {
              return (await import(`./translations/${locale}/${area}.json`)).default as Translations;
            } catch {
              return {};
            }
          }),
        );
        return { data: prefix(Object.assign({}, ...parts)), locale };
      }),
    );
  },
};
