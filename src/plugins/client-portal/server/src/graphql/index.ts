import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getService } from '../utils';

const PORTAL_ON = 'plugin::client-portal.portal-enabled';

/** Plugin-internal types never reachable through GraphQL shadow CRUD. */
const INTERNAL_TYPES = [UID.invitation, UID.activity, UID.verificationCode, UID.outboxMessage, UID.idempotencyRecord, UID.portalRole];

/**
 * GraphQL: the same operations as the REST portal API, same rules and messages. Every resolver has an explicit
 * resolversConfig entry (REST route policies do not protect GraphQL).
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of INTERNAL_TYPES) extension.shadowCRUD(uid).disable();

  extension.use(({ nexus }: any) => ({
    types: [
      nexus.objectType({
        name: 'PortalRoleSummary',
        definition(t: any) {
          t.string('key');
          t.string('name');
        },
      }),
      nexus.objectType({
        name: 'PortalPropertySummary',
        definition(t: any) {
          t.string('title');
          t.string('city');
        },
      }),
      nexus.objectType({
        name: 'PortalInvitationPreview',
        definition(t: any) {
          t.nonNull.string('email');
          t.string('invitedBy');
          t.field('role', { type: 'PortalRoleSummary' });
          t.field('property', { type: 'PortalPropertySummary' });
          t.nonNull.string('expiresAt', { resolve: (parent: any) => new Date(parent.expiresAt).toISOString() });
          t.string('portalName');
        },
      }),
      nexus.objectType({
        name: 'PortalAccount',
        definition(t: any) {
          t.nonNull.string('documentId');
          t.nonNull.string('email');
          t.string('firstName');
          t.string('lastName');
          t.string('language');
          t.string('portalStatus');
          t.boolean('mustChangePassword');
          t.string('contact');
          t.field('portalRole', { type: 'PortalRoleSummary' });
        },
      }),
      nexus.objectType({
        name: 'PortalAuthPayload',
        definition(t: any) {
          t.nonNull.string('jwt');
          t.nonNull.field('user', { type: 'PortalAccount' });
        },
      }),
      nexus.extendType({
        type: 'Mutation',
        definition(t: any) {
          t.field('previewPortalInvitation', {
            type: 'PortalInvitationPreview',
            args: { token: nexus.nonNull(nexus.stringArg()) },
            resolve: (_: unknown, args: { token: string }) => getService(strapi, 'invitations').preview(args.token),
          });
          t.field('acceptPortalInvitation', {
            type: 'PortalAuthPayload',
            args: {
              token: nexus.nonNull(nexus.stringArg()),
              password: nexus.nonNull(nexus.stringArg()),
              firstName: nexus.stringArg(),
              lastName: nexus.stringArg(),
            },
            resolve: async (_: unknown, args: any) => {
              const { jwt, user } = await getService(strapi, 'invitations').accept(args);
              return { jwt, user };
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Mutation.previewPortalInvitation': { auth: false, policies: [PORTAL_ON] },
      'Mutation.acceptPortalInvitation': { auth: false, policies: [PORTAL_ON] },
    },
  }));
};
