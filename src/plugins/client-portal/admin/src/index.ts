import { PLUGIN_ID, t } from './pluginId';
import { PERMISSIONS } from './permissions';
import { PluginIcon } from './components/PluginIcon';
import { ContactPortalPanel } from './components/ContactPortalPanel';
import { BulkInviteAction } from './components/BulkInviteAction';

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
    app.registerPlugin({ id: PLUGIN_ID, name: 'Client Portal' });
  },

  bootstrap(app: any) {
    const contentManager = app.getPlugin('content-manager');
    contentManager.apis.addEditViewSidePanel([ContactPortalPanel]);
    contentManager.apis.addBulkAction([BulkInviteAction]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefix(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
