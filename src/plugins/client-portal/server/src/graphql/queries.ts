import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse, withoutNulls } from '../validation/common';
import { propertiesQuerySchema } from '../validation/properties';
import { id, withAccess, type PortalOperation } from './operation';
import type { PortalContext } from '../services/access/context';

const propertyFilters = (nexus: any) => ({ page: nexus.intArg(), pageSize: nexus.intArg(), favourite: nexus.booleanArg(), interest: nexus.stringArg() });

/** The portal's queries; each mirrors a REST GET of /api/client-portal. */
export const portalQueries = (strapi: Core.Strapi): PortalOperation[] => {
  const portal = () => getService(strapi, 'portal');
  const properties = () => getService(strapi, 'portal-properties');
  const client = withAccess(strapi);
  const listProperties = (access: PortalContext, args: any) =>
    properties().list(access, parse(propertiesQuerySchema, withoutNulls({ ...args, favourite: args.favourite == null ? undefined : String(args.favourite) })));
  const connection = async (access: PortalContext, args: any) => {
    const { data, meta } = await listProperties(access, args);
    return { nodes: data, pageInfo: meta.pagination };
  };

  return [
    {
      name: 'portalMe',
      type: 'PortalProfile',
      description: 'Your account, permissions, contact details and agent',
      action: 'portal-me.find',
      resolve: (_, ctx) => getService(strapi, 'profile').me(ctx.state.user.id),
    },
    {
      name: 'portalRegistration',
      type: 'PortalRegistrationInfo',
      description: 'The portal a registration link names (its name and languages); "not found" when it is not open',
      action: 'portal-auth.portal',
      args: (nexus) => ({ portalId: nexus.nonNull(nexus.stringArg()) }),
      resolve: (args) => getService(strapi, 'registration').portalInfo(args.portalId),
    },
    client('portalProperties', '[PortalProperty]', 'portal-properties.find', 'The properties offered to you (one page)', async (access, args) => (await listProperties(access, args)).data, propertyFilters),
    client('portalProperties_connection', 'PortalPropertyConnection', 'portal-properties.find', 'The properties offered to you, with pagination', connection, propertyFilters),
    client('portalProperty', 'PortalProperty', 'portal-properties.findOne', 'One property offered to you', (access, args) => properties().findOne(access, args.documentId), id),
    client('portalViewings', '[PortalViewing]', 'portal-activities.listViewings', 'Your viewings, newest first', (access) => portal().listViewings(access)),
    client('portalViewing', 'PortalViewing', 'portal-activities.getViewing', 'One of your viewings', (access, args) => portal().getViewing(access, args.documentId), id),
    client('portalNotes', '[PortalNote]', 'portal-activities.listNotes', 'Your notes, newest first', (access) => portal().listNotes(access)),
    client('portalMessages', '[PortalMessage]', 'portal-activities.listMessages', 'Messages between you and your agent, oldest first', (access) => portal().listMessages(access)),
    client('portalTimeline', '[PortalTimelineItem]', 'portal-activities.timeline', 'The steps of your transactions', (access) => portal().timeline(access)),
    client('portalDocuments', '[PortalDocument]', 'portal-activities.documents', 'Documents shared with you', (access) => portal().documents(access)),
    client('portalForms', '[PortalForm]', 'portal-forms.find', 'The forms your agent sent you, with your answers', (access) => getService(strapi, 'forms').clientList(access)),
    client('portalForm', 'PortalForm', 'portal-forms.findOne', 'One form your agent sent you', (access, args) => getService(strapi, 'forms').clientGet(access, args.documentId), id),
    client('portalContacts', '[PortalTransactionContact]', 'portal-activities.contacts', 'The other parties on your properties', (access) => portal().transactionContacts(access)),
  ];
};
