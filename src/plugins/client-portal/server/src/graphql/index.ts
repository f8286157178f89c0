import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { getService } from '../utils';
import { normalizeEmail } from '../utils/email';
import { limitRequest } from '../utils/limit';
import type { RateLimitAction } from '../config';
import {
  changePasswordSchema,
  feedbackSchema,
  inviteOtherSchema,
  messageSchema,
  noteCreateSchema,
  noteUpdateSchema,
  parse,
  propertiesQuerySchema,
  registerSchema,
  updateMeSchema,
  viewingRequestSchema,
} from '../controllers/validation';

const PORTAL_ON = 'plugin::client-portal.portal-enabled';
const PORTAL_USER = 'plugin::client-portal.portal-user';
const OPEN = { auth: false, policies: [PORTAL_ON] };
const MEMBER = { auth: { scope: ['plugin::client-portal.portal-me.find'] }, policies: [PORTAL_ON, PORTAL_USER] };
const MEMBER_BEFORE_PASSWORD_CHANGE = {
  auth: { scope: ['plugin::client-portal.portal-me.find'] },
  policies: [PORTAL_ON, { name: PORTAL_USER, config: { allowPasswordChange: true } }],
};

/** Plugin-internal types never reachable through GraphQL shadow CRUD. */
const INTERNAL_TYPES = [UID.invitation, UID.activity, UID.verificationCode, UID.outboxMessage, UID.idempotencyRecord, UID.portalRole, UID.portalSession];

/** Every other portal resolver: a member with a changed password (the same policies as the REST routes). */
export const PORTAL_MEMBER_FIELDS = [
  'Query.portalViewings',
  'Query.portalViewing',
  'Query.portalNotes',
  'Query.portalMessages',
  'Query.portalTimeline',
  'Query.portalDocuments',
  'Query.portalContacts',
  'Mutation.requestViewing',
  'Mutation.cancelViewing',
  'Mutation.createPortalNote',
  'Mutation.updatePortalNote',
  'Mutation.deletePortalNote',
  'Mutation.sendPortalMessage',
  'Mutation.invitePortalMember',
];

const UP_AUTH_MUTATIONS = ['login', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'changePassword'];

/** The fields of a portal account as its owner sees it (accounts service `present`). */
const accountFields = (t: any) => {
  t.nonNull.string('documentId');
  t.nonNull.string('email');
  t.string('firstName');
  t.string('lastName');
  t.string('language');
  t.string('portalStatus');
  t.boolean('mustChangePassword');
  t.string('contact');
  t.field('portalRole', { type: 'PortalRoleSummary' });
  t.field('avatar', { type: 'PortalFile' });
};

/** GraphQL arguments left out arrive as null; REST bodies simply omit them. */
const withoutNulls = (args: Record<string, unknown>) => Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));

/**
 * GraphQL: the same operations as the REST portal API, same rules and messages. Every resolver has an explicit
 * resolversConfig entry (REST route policies do not protect GraphQL).
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of INTERNAL_TYPES) extension.shadowCRUD(uid).disable();

  const limit = (ctx: any, action: RateLimitAction, email?: unknown) => limitRequest(strapi, ctx.koaContext, action, email);

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
        name: 'PortalFile',
        description: 'A private file: `url` is a signed link that expires and is checked against your access when fetched',
        definition(t: any) {
          t.nonNull.int('id');
          t.string('name');
          t.nonNull.string('mime');
          t.int('size');
          t.nonNull.string('url');
          t.int('width');
          t.int('height');
          t.string('alternativeText');
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
      nexus.objectType({ name: 'PortalAccount', definition: accountFields }),
      nexus.objectType({
        name: 'PortalOk',
        definition(t: any) {
          t.nonNull.boolean('ok');
        },
      }),
      nexus.objectType({
        name: 'PortalJwt',
        definition(t: any) {
          t.nonNull.string('jwt');
        },
      }),
      nexus.objectType({
        name: 'PortalPermission',
        definition(t: any) {
          t.nonNull.string('flag');
          t.nonNull.boolean('granted');
        },
      }),
      nexus.objectType({
        name: 'PortalAgent',
        definition(t: any) {
          t.string('name');
          t.string('email');
        },
      }),
      nexus.objectType({
        name: 'PortalContactDetails',
        definition(t: any) {
          t.string('email');
          t.string('phone');
          t.string('address');
          t.string('postalCode');
          t.string('city');
          t.string('country');
        },
      }),
      nexus.objectType({
        name: 'PortalProfile',
        definition(t: any) {
          accountFields(t);
          t.field('contactDetails', { type: 'PortalContactDetails', description: 'Only with the viewMyDetails permission' });
          t.list.field('permissions', {
            type: 'PortalPermission',
            resolve: (parent: any) => Object.entries(parent.permissions ?? {}).map(([flag, granted]) => ({ flag, granted })),
          });
          t.field('responsibleAgent', { type: 'PortalAgent' });
        },
      }),
      nexus.objectType({
        name: 'PortalLoginPayload',
        definition(t: any) {
          t.nonNull.string('jwt');
          t.nonNull.field('user', { type: 'PortalAccount' });
          t.nonNull.boolean('mustChangePassword');
        },
      }),
      nexus.inputObjectType({
        name: 'PortalRegistrationPreferencesInput',
        definition(t: any) {
          t.list.nonNull.string('propertyTypes');
          t.list.nonNull.string('cities');
          t.float('minPrice');
          t.float('maxPrice');
          t.int('minBedrooms');
        },
      }),
      nexus.objectType({
        name: 'PortalFeedback',
        definition(t: any) {
          t.string('interest');
          t.list.nonNull.string('rejectionReasons');
          t.int('rating');
          t.nonNull.boolean('favourite');
        },
      }),
      nexus.objectType({
        name: 'PortalProperty',
        definition(t: any) {
          t.nonNull.string('documentId');
          t.nonNull.string('title');
          t.string('address');
          t.string('postalCode');
          t.string('city');
          t.string('country');
          t.float('price');
          t.string('currency');
          t.string('status');
          t.string('description');
          t.list.nonNull.string('features');
          t.int('bedrooms');
          t.int('bathrooms');
          t.int('livingArea');
          t.string('energyLabel');
          t.field('location', { type: 'JSON' });
          t.field('photos', { type: 'JSON' });
          t.field('role', { type: 'PortalRoleSummary' });
          t.field('feedback', { type: 'PortalFeedback' });
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          t.field('portalMe', { type: 'PortalProfile', resolve: (_: unknown, __: unknown, ctx: any) => getService(strapi, 'accounts').me(ctx.state.user.id) });
          t.list.field('portalProperties', {
            type: 'PortalProperty',
            args: { page: nexus.intArg(), pageSize: nexus.intArg(), favourite: nexus.booleanArg(), interest: nexus.stringArg() },
            resolve: async (_: unknown, args: any, ctx: any) => {
              const query = parse(propertiesQuerySchema, withoutNulls({ ...args, favourite: args.favourite == null ? undefined : String(args.favourite) }));
              const context = await getService(strapi, 'access').context(ctx.state.user.id);
              return (await getService(strapi, 'portal-properties').list(context, query)).data;
            },
          });
          const portalQuery = (name: string, resolve: (context: any, args: any) => Promise<unknown>, args: Record<string, unknown> = {}) =>
            t.field(name, {
              type: 'JSON',
              args,
              resolve: async (_: unknown, input: any, ctx: any) => resolve(await getService(strapi, 'access').context(ctx.state.user.id), input),
            });
          portalQuery('portalViewings', (context) => getService(strapi, 'portal').listViewings(context));
          portalQuery('portalViewing', (context, args) => getService(strapi, 'portal').getViewing(context, args.documentId), { documentId: nexus.nonNull(nexus.idArg()) });
          portalQuery('portalNotes', (context) => getService(strapi, 'portal').listNotes(context));
          portalQuery('portalMessages', (context) => getService(strapi, 'portal').listMessages(context));
          portalQuery('portalTimeline', (context) => getService(strapi, 'portal').timeline(context));
          portalQuery('portalDocuments', (context) => getService(strapi, 'portal').documents(context));
          portalQuery('portalContacts', (context) => getService(strapi, 'portal').transactionContacts(context));
          t.field('portalProperty', {
            type: 'PortalProperty',
            args: { documentId: nexus.nonNull(nexus.idArg()) },
            resolve: async (_: unknown, args: any, ctx: any) =>
              getService(strapi, 'portal-properties').findOne(await getService(strapi, 'access').context(ctx.state.user.id), args.documentId),
          });
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
            resolve: async (_: unknown, args: { token: string }, ctx: any) => {
              await limit(ctx, 'invitation');
              return getService(strapi, 'invitations').preview(args.token);
            },
          });
          t.field('acceptPortalInvitation', {
            type: 'PortalAuthPayload',
            args: {
              token: nexus.nonNull(nexus.stringArg()),
              password: nexus.nonNull(nexus.stringArg()),
              firstName: nexus.stringArg(),
              lastName: nexus.stringArg(),
            },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'invitation');
              const { jwt, user } = await getService(strapi, 'invitations').accept(args);
              return { jwt, user };
            },
          });
          t.field('registerPortalAccount', {
            type: 'PortalOk',
            args: {
              portalId: nexus.nonNull(nexus.stringArg()),
              firstName: nexus.nonNull(nexus.stringArg()),
              lastName: nexus.nonNull(nexus.stringArg()),
              email: nexus.nonNull(nexus.stringArg()),
              password: nexus.nonNull(nexus.stringArg()),
              language: nexus.stringArg(),
              location: nexus.stringArg(),
              preferences: nexus.arg({ type: 'PortalRegistrationPreferencesInput' }),
            },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'register');
              await getService(strapi, 'accounts').assertPortalOpen(args.portalId);
              await getService(strapi, 'accounts').register(parse(registerSchema, withoutNulls(args)));
              return { ok: true };
            },
          });
          t.field('verifyPortalEmail', {
            type: 'PortalAuthPayload',
            args: { email: nexus.nonNull(nexus.stringArg()), code: nexus.nonNull(nexus.stringArg()) },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'verify');
              return getService(strapi, 'accounts').verifyEmail(args);
            },
          });
          t.field('resendPortalCode', {
            type: 'PortalOk',
            args: { email: nexus.nonNull(nexus.stringArg()) },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'resendCode', args.email);
              await getService(strapi, 'accounts').resendCode(args.email);
              return { ok: true };
            },
          });
          t.field('portalLogin', {
            type: 'PortalLoginPayload',
            args: { email: nexus.nonNull(nexus.stringArg()), password: nexus.nonNull(nexus.stringArg()) },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'login', args.email);
              const result = await getService(strapi, 'accounts').login(args);
              await getService(strapi, 'rate-limit').reset('login', normalizeEmail(args.email)!);
              return result;
            },
          });
          t.field('portalForgotPassword', {
            type: 'PortalOk',
            args: { email: nexus.nonNull(nexus.stringArg()) },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'forgotPassword', args.email);
              await getService(strapi, 'accounts').forgotPassword(args.email);
              return { ok: true };
            },
          });
          t.field('portalResetPassword', {
            type: 'PortalOk',
            args: { email: nexus.nonNull(nexus.stringArg()), code: nexus.nonNull(nexus.stringArg()), password: nexus.nonNull(nexus.stringArg()) },
            resolve: async (_: unknown, args: any, ctx: any) => {
              await limit(ctx, 'resetPassword');
              await getService(strapi, 'accounts').resetPassword(args);
              return { ok: true };
            },
          });
          t.field('portalLogout', {
            type: 'PortalOk',
            resolve: async (_: unknown, __: unknown, ctx: any) => {
              const claims = await strapi.plugin('users-permissions').service('jwt').getToken(ctx.koaContext);
              await getService(strapi, 'accounts').logout(ctx.state.user.id, claims?.sid);
              return { ok: true };
            },
          });
          t.field('portalLogoutAll', {
            type: 'PortalOk',
            resolve: async (_: unknown, __: unknown, ctx: any) => {
              await getService(strapi, 'accounts').logout(ctx.state.user.id, undefined, true);
              return { ok: true };
            },
          });
          t.field('changePortalPassword', {
            type: 'PortalJwt',
            args: { currentPassword: nexus.nonNull(nexus.stringArg()), password: nexus.nonNull(nexus.stringArg()) },
            resolve: (_: unknown, args: any, ctx: any) =>
              getService(strapi, 'accounts').changePassword(ctx.state.user.id, parse(changePasswordSchema, args)),
          });
          const portalMutation = (name: string, args: Record<string, unknown>, resolve: (context: any, args: any) => Promise<unknown>) =>
            t.field(name, {
              type: 'JSON',
              args,
              resolve: async (_: unknown, input: any, ctx: any) => resolve(await getService(strapi, 'access').context(ctx.state.user.id), withoutNulls(input)),
            });
          const portal = () => getService(strapi, 'portal');
          portalMutation(
            'requestViewing',
            { property: nexus.nonNull(nexus.idArg()), preferredDates: nexus.nonNull(nexus.list(nexus.nonNull(nexus.stringArg()))), message: nexus.stringArg() },
            (context, args) => portal().requestViewing(context, parse(viewingRequestSchema, args)),
          );
          portalMutation('cancelViewing', { documentId: nexus.nonNull(nexus.idArg()) }, (context, args) => portal().cancelViewing(context, args.documentId));
          portalMutation(
            'createPortalNote',
            { text: nexus.nonNull(nexus.stringArg()), property: nexus.idArg(), viewing: nexus.idArg() },
            (context, args) => portal().createNote(context, parse(noteCreateSchema, args)),
          );
          portalMutation(
            'updatePortalNote',
            { documentId: nexus.nonNull(nexus.idArg()), text: nexus.nonNull(nexus.stringArg()) },
            (context, { documentId, ...rest }) => portal().updateNote(context, documentId, parse(noteUpdateSchema, rest)),
          );
          portalMutation('deletePortalNote', { documentId: nexus.nonNull(nexus.idArg()) }, (context, args) => portal().deleteNote(context, args.documentId));
          portalMutation('sendPortalMessage', { body: nexus.nonNull(nexus.stringArg()) }, (context, args) => portal().sendMessage(context, parse(messageSchema, args)));
          portalMutation(
            'invitePortalMember',
            { email: nexus.nonNull(nexus.stringArg()), firstName: nexus.nonNull(nexus.stringArg()), lastName: nexus.nonNull(nexus.stringArg()), role: nexus.nonNull(nexus.stringArg()) },
            (context, args) => portal().inviteOther(context, parse(inviteOtherSchema, args)),
          );
          t.field('setPropertyFeedback', {
            type: 'PortalFeedback',
            args: {
              documentId: nexus.nonNull(nexus.idArg()),
              interest: nexus.stringArg(),
              rejectionReasons: nexus.list(nexus.nonNull(nexus.stringArg())),
              rating: nexus.intArg(),
              favourite: nexus.booleanArg(),
            },
            resolve: async (_: unknown, { documentId, ...rest }: any, ctx: any) => {
              const input = parse(feedbackSchema, withoutNulls(rest));
              return getService(strapi, 'portal-properties').feedback(await getService(strapi, 'access').context(ctx.state.user.id), documentId, input);
            },
          });
          t.field('updatePortalMe', {
            type: 'PortalProfile',
            args: { firstName: nexus.stringArg(), lastName: nexus.stringArg(), language: nexus.stringArg() },
            resolve: (_: unknown, args: any, ctx: any) =>
              getService(strapi, 'accounts').updateMe(ctx.state.user.id, parse(updateMeSchema, withoutNulls(args))),
          });
        },
      }),
    ],
    resolversConfig: {
      'Mutation.previewPortalInvitation': OPEN,
      'Mutation.acceptPortalInvitation': OPEN,
      'Mutation.registerPortalAccount': OPEN,
      'Mutation.verifyPortalEmail': OPEN,
      'Mutation.resendPortalCode': OPEN,
      'Mutation.portalLogin': OPEN,
      'Mutation.portalForgotPassword': OPEN,
      'Mutation.portalResetPassword': OPEN,
      'Mutation.changePortalPassword': MEMBER_BEFORE_PASSWORD_CHANGE,
      'Mutation.portalLogout': MEMBER_BEFORE_PASSWORD_CHANGE,
      'Mutation.portalLogoutAll': MEMBER_BEFORE_PASSWORD_CHANGE,
      'Query.portalMe': MEMBER_BEFORE_PASSWORD_CHANGE,
      'Mutation.updatePortalMe': MEMBER,
      'Query.portalProperties': MEMBER,
      'Query.portalProperty': MEMBER,
      'Mutation.setPropertyFeedback': MEMBER,
      ...Object.fromEntries(PORTAL_MEMBER_FIELDS.map((name) => [name, MEMBER])),
      // users-permissions' own auth mutations skip role permissions (auth: false): closed, like their REST routes.
      ...Object.fromEntries(UP_AUTH_MUTATIONS.map((name) => [`Mutation.${name}`, { policies: ['plugin::client-portal.closed'] }])),
    },
  }));
};
