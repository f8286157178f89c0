import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { parse, withoutNulls } from '../validation/common';
import { acceptSchema, previewSchema } from '../validation/invitations';
import { changePasswordSchema, registerSchema } from '../validation/auth';
import { updateMeSchema } from '../validation/me';
import { feedbackSchema } from '../validation/properties';
import { inviteOtherSchema, messageSchema, noteCreateSchema, noteUpdateSchema, viewingRequestSchema } from '../validation/activities';
import { id, OK, operation, required, withAccess, type PortalOperation } from './operation';

/** A mutation that answers `{ ok: true }` once `work` is done. */
const ok = (work: (args: any, ctx: any) => Promise<unknown>) => async (args: any, ctx: any) => {
  await work(args, ctx);
  return OK;
};

/** `email` in, `{ ok: true }` out whether or not the address has an account. */
const sentIfExists = (name: string, action: string, description: string, work: (email: unknown) => Promise<void>) =>
  operation(name, 'PortalOk', action, description, ok((args) => work(args.email)), required('email'));

const registrationArgs = (nexus: any) => ({
  ...required('portalId', 'firstName', 'lastName', 'email', 'password')(nexus),
  language: nexus.stringArg(),
  location: nexus.stringArg(),
  preferences: nexus.arg({ type: 'PortalRegistrationPreferencesInput' }),
});

const feedbackArgs = (nexus: any) => ({
  documentId: nexus.nonNull(nexus.idArg()),
  interest: nexus.stringArg(),
  rejectionReasons: nexus.list(nexus.nonNull(nexus.stringArg())),
  rating: nexus.intArg(),
  favourite: nexus.booleanArg(),
});

/** Typed answers (`{ key, text | number | checked | choices }`) as the `{ [key]: value }` the REST body carries. */
const answersFromInput = (list: Array<Record<string, unknown>> | null | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, ...value }) => [String(key), value.text ?? value.number ?? value.checked ?? value.choices ?? null]));

/** The portal's mutations; each mirrors a REST POST / PUT / DELETE of /api/client-portal. */
export const portalMutations = (strapi: Core.Strapi): PortalOperation[] => {
  const auth = () => getService(strapi, 'auth');
  const registration = () => getService(strapi, 'registration');
  const invitations = () => getService(strapi, 'invitations');
  const portal = () => getService(strapi, 'portal');
  const client = withAccess(strapi);
  const accountId = (ctx: any) => ctx.state.user.id as number;

  const accept = async (args: any) => {
    const { jwt, user } = await invitations().accept(parse(acceptSchema, withoutNulls(args)));
    return { jwt, user };
  };
  const register = ok(async (args) => {
    await registration().assertPortalOpen(args.portalId);
    await registration().register(parse(registerSchema, withoutNulls(args)));
  });
  const logout = ok(async (_, ctx) => auth().logout(accountId(ctx), await auth().sessionOf(ctx.koaContext)));

  return [
    // Open: no JWT (the invite link, registration, login and password reset)
    operation('previewPortalInvitation', 'PortalInvitationPreview', 'portal-invitations.preview', 'What an invite link is for; changes nothing', (args) => invitations().preview(parse(previewSchema, args).token), required('token')),
    operation('acceptPortalInvitation', 'PortalAuthPayload', 'portal-invitations.accept', 'Accepts an invitation: a new account, or new access for your existing one', accept, (nexus) => ({
      ...required('token', 'password')(nexus),
      firstName: nexus.stringArg(),
      lastName: nexus.stringArg(),
    })),
    operation('registerPortalAccount', 'PortalOk', 'portal-auth.register', 'Self-registration: a 6-digit code is emailed to verify the address', register, registrationArgs),
    operation('verifyPortalEmail', 'PortalAuthPayload', 'portal-auth.verifyEmail', 'Verifies a self-registration with its emailed code and signs in', (args) => registration().verifyEmail(args), required('email', 'code')),
    sentIfExists('resendPortalCode', 'portal-auth.resendCode', 'Sends a new verification code (the answer is the same for any address)', (email) => registration().resendCode(email)),
    operation('portalLogin', 'PortalLoginPayload', 'portal-auth.login', 'Signs in with email and password', (args) => auth().login(args), required('email', 'password')),
    sentIfExists('portalForgotPassword', 'portal-auth.forgotPassword', 'Emails a reset code (the answer is the same for any address)', (email) => auth().forgotPassword(email)),
    operation('portalResetPassword', 'PortalOk', 'portal-auth.resetPassword', 'Sets a new password with an emailed reset code', ok((args) => auth().resetPassword(args)), required('email', 'code', 'password')),

    // The signed-in client's account
    operation('portalLogout', 'PortalOk', 'portal-auth.logout', 'Ends this session at once', logout),
    operation('portalLogoutAll', 'PortalOk', 'portal-auth.logoutAll', 'Ends every session of your account', ok((_, ctx) => auth().logout(accountId(ctx), undefined, true))),
    operation('changePortalPassword', 'PortalJwt', 'portal-auth.changePassword', 'Changes your password; every other session ends', (args, ctx) =>
      auth().changePassword(accountId(ctx), parse(changePasswordSchema, args)), required('currentPassword', 'password')),
    operation('updatePortalMe', 'PortalProfile', 'portal-me.update', 'Changes your name or language', (args, ctx) =>
      getService(strapi, 'profile').update(accountId(ctx), parse(updateMeSchema, withoutNulls(args))), (nexus) => ({ firstName: nexus.stringArg(), lastName: nexus.stringArg(), language: nexus.stringArg() })),

    // What the client does on their properties
    client('setPropertyFeedback', 'PortalFeedback', 'portal-properties.feedback', 'Interested or not (with reasons), rating, favourite', (access, { documentId, ...rest }) =>
      getService(strapi, 'portal-properties').feedback(access, documentId, parse(feedbackSchema, withoutNulls(rest))), feedbackArgs),
    client('requestViewing', 'PortalViewing', 'portal-activities.requestViewing', 'Requests a viewing on 1 to 3 preferred dates', (access, args) =>
      portal().requestViewing(access, parse(viewingRequestSchema, withoutNulls(args))), (nexus) => ({
      property: nexus.nonNull(nexus.idArg()),
      preferredDates: nexus.nonNull(nexus.list(nexus.nonNull(nexus.stringArg()))),
      message: nexus.stringArg(),
    })),
    client('cancelViewing', 'PortalViewing', 'portal-activities.cancelViewing', 'Cancels a viewing (not once completed)', (access, args) => portal().cancelViewing(access, args.documentId), id),
    client('createPortalNote', 'PortalNote', 'portal-activities.createNote', 'Writes a note, on a property, on a viewing (from its day on), or general', (access, args) =>
      portal().createNote(access, parse(noteCreateSchema, withoutNulls(args))), (nexus) => ({ text: nexus.nonNull(nexus.stringArg()), property: nexus.idArg(), viewing: nexus.idArg() })),
    client('updatePortalNote', 'PortalNote', 'portal-activities.updateNote', 'Changes the text of one of your notes', (access, { documentId, ...rest }) =>
      portal().updateNote(access, documentId, parse(noteUpdateSchema, rest)), (nexus) => ({ ...id(nexus), ...required('text')(nexus) })),
    client('deletePortalNote', 'PortalDeleted', 'portal-activities.deleteNote', 'Deletes one of your notes', (access, args) => portal().deleteNote(access, args.documentId), id),
    client('sendPortalMessage', 'PortalMessage', 'portal-activities.sendMessage', 'Sends a message to your agent', (access, args) => portal().sendMessage(access, parse(messageSchema, args)), required('body')),
    client('invitePortalMember', 'PortalInviteResult', 'portal-activities.inviteOther', 'Invites a co-owner or adviser into your portal', (access, args) =>
      portal().inviteOther(access, parse(inviteOtherSchema, args)), required('email', 'firstName', 'lastName', 'role')),
    client('submitPortalForm', 'PortalForm', 'portal-forms.answer', 'Answers a form your agent sent you (file fields are answered over REST, multipart)', (access, args) =>
      getService(strapi, 'forms').submit(access, args.documentId, answersFromInput(args.answers), {}), (nexus) => ({
      ...id(nexus),
      answers: nexus.nonNull(nexus.list(nexus.nonNull(nexus.arg({ type: 'PortalFormAnswerInput' })))),
    })),
  ];
};
