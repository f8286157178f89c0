import { useTestApp } from '../helpers/strapi';
import { configureContentManager } from '../../src/plugins/client-portal/server/src/content-manager/configure';
import { COMPONENT_LABELS, CONTENT_TYPE_LABELS } from '../../src/plugins/client-portal/server/src/content-manager/labels';

/** The content manager shows every domain and plugin attribute with a human label and description; internal keys are hidden. */
const app = useTestApp();

const contentTypes = () => app.strapi.plugin('content-manager').service('content-types');
const configOf = (uid: string) => contentTypes().findConfiguration(app.strapi.contentTypes[uid as keyof typeof app.strapi.contentTypes]);
const editFields = (config: any) => config.layouts.edit.flat().map((field: any) => field.name);

/** The types agents see in the content manager, with the attributes this product defines on them. */
const DOMAIN_TYPES = ['api::contact.contact', 'api::property.property', 'api::deal.deal', 'api::document.document', 'api::message.message', 'api::note.note', 'api::viewing.viewing', 'plugin::client-portal.portal-role'];
const PORTAL_ACCOUNT_FIELDS = Object.keys(CONTENT_TYPE_LABELS['plugin::users-permissions.user']);

describe('content-manager configuration', () => {
  it('labels and describes every attribute of the domain types in the edit and list views', async () => {
    for (const uid of DOMAIN_TYPES) {
      const config = await configOf(uid);
      for (const name of Object.keys(app.strapi.contentTypes[uid as keyof typeof app.strapi.contentTypes].attributes)) {
        const meta = config.metadatas[name];
        if (!meta?.edit || ['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'documentId', 'id'].includes(name)) continue;
        expect({ uid, name, label: meta.edit.label }).not.toEqual({ uid, name, label: name });
        expect({ uid, name, described: meta.edit.description.length > 0 }).toEqual({ uid, name, described: true });
        expect({ uid, name, listLabel: meta.list.label }).toEqual({ uid, name, listLabel: meta.edit.label });
      }
    }
  });

  it('labels the portal fields of accounts and the timeline component', async () => {
    const user = await configOf('plugin::users-permissions.user');
    for (const name of PORTAL_ACCOUNT_FIELDS) expect({ name, label: user.metadatas[name].edit.label }).toEqual({ name, label: CONTENT_TYPE_LABELS['plugin::users-permissions.user'][name][0] });
    const component = await app.strapi.plugin('content-manager').service('components').findConfiguration(app.strapi.components['portal.timeline-item' as keyof typeof app.strapi.components]);
    for (const [name, [label, description]] of Object.entries(COMPONENT_LABELS['portal.timeline-item'])) {
      expect(component.metadatas[name].edit).toMatchObject({ label, description });
    }
  });

  it('never shows the keys and counters the plugin keeps itself (pairKey, contactKey, emailNormalized …)', async () => {
    const internal = {
      'api::deal.deal': ['pairKey'],
      'api::contact.contact': ['emailNormalized'],
      'plugin::users-permissions.user': ['contactKey', 'emailNormalized', 'inviteQuotaDay', 'inviteQuotaUsed', 'codeFailureDay', 'codeFailures'],
    } as const;
    for (const [uid, fields] of Object.entries(internal)) {
      const config = await configOf(uid);
      const model = contentTypes().findContentType(uid);
      for (const name of fields) {
        // Hidden in the schema: the content manager's model leaves it out, so no view, layout or filter shows it.
        expect({ uid, name, visible: (app.strapi.contentTypes as any)[uid].attributes[name].visible }).toEqual({ uid, name, visible: false });
        expect(Object.keys(model.attributes)).not.toContain(name);
        expect({ uid, name, edit: config.metadatas[name]?.edit?.visible ?? false }).toEqual({ uid, name, edit: false });
        expect(editFields(config)).not.toContain(name);
        expect(config.layouts.list).not.toContain(name);
      }
    }
  });

  it('keeps a label an administrator changed in "Configure the view" across boots, and applies the plugin\'s own again', async () => {
    const uid = 'api::contact.contact';
    const config = await configOf(uid);
    config.metadatas.phone.edit.label = 'Mobile number';
    config.metadatas.city.edit.label = 'city';
    await contentTypes().updateConfiguration(app.strapi.contentTypes[uid], config);
    await configureContentManager(app.strapi);
    const after = await configOf(uid);
    expect(after.metadatas.phone.edit.label).toBe('Mobile number');
    expect(after.metadatas.city.edit.label).toBe(CONTENT_TYPE_LABELS[uid].city[0]);
  });
});
