import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { getService } from '../../utils';
import { personName } from '../../utils/people';
import { effectivePermissions } from '../../rules/permissions';
import { notAllowed } from '../access/context';
import type { IncomingFile } from '../files';

/**
 * The client's own profile (`/me`): what it shows (the contact's details only with `viewMyDetails`) and what the
 * client may change (names, language and picture, only with `editMyDetails`).
 */
const profileService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'account-store');
  const files = () => getService(strapi, 'files');

  /** The account's own flags (its role and overrides), which decide about its own details. */
  const permissionsOf = (user: any) => effectivePermissions(getService(strapi, 'roles').flags(), user.portalRole?.permissions, user.permissionOverrides);

  /** The account, when its role lets it edit its own details (name, language, picture); else 403. */
  const loadEditable = async (userId: number) => {
    const user = await store().load(userId);
    if (!permissionsOf(user).editMyDetails) throw notAllowed(strapi, 'editMyDetails');
    return user;
  };

  const service = {
    /** GET /me: profile, role, effective permissions, responsible agent. */
    async me(userId: number) {
      const user = await store().load(userId);
      // What the client may do: inviting others also needs the portal to allow it (the menu hides what is closed).
      const permissions = permissionsOf(user);
      if (permissions.inviteOthers && !(await getService(strapi, 'settings').get()).clientsCanInviteOthers) permissions.inviteOthers = false;
      const contact = user.contact;
      return {
        ...store().present(user),
        ...(permissions.viewMyDetails && contact
          ? { contactDetails: { email: contact.email ?? null, phone: contact.phone ?? null, address: contact.address ?? null, postalCode: contact.postalCode ?? null, city: contact.city ?? null, country: contact.country ?? null } }
          : {}),
        permissions,
        responsibleAgent: user.owner ? { name: personName(user.owner), email: user.owner.email } : null,
        /** What the client should do first: a form their agent sent with the invitation, still to answer. */
        nextStep: await getService(strapi, 'forms').nextStep(contact?.id),
        /** The agent's messages not read yet (the portal's "new message" state). */
        unreadMessages: await getService(strapi, 'portal').unreadCount(contact?.id),
      };
    },

    /** PUT /me: first name, last name and language only. */
    async update(userId: number, input: { firstName?: string; lastName?: string; language?: string }) {
      const user = await loadEditable(userId);
      await strapi.documents(UID.user).update({ documentId: user.documentId, data: input as any });
      if (user.contact) await getService(strapi, 'activity').log({ type: 'profile_updated', contactId: user.contact.id, actor: { accountId: user.id }, summary: 'Profile updated' });
      return service.me(userId);
    },

    /** Stores a new picture (judged by its bytes, without metadata, private); the previous one is deleted. */
    async setAvatar(userId: number, file: IncomingFile) {
      const user = await loadEditable(userId);
      const uploaded = await files().save(file, 'avatar', { alternativeText: 'Profile picture' });
      await strapi.documents(UID.user).update({ documentId: user.documentId, data: { avatar: uploaded.id } as any });
      await files().remove(user.avatar);
      return service.me(userId);
    },

    async deleteAvatar(userId: number) {
      const user = await loadEditable(userId);
      if (user.avatar) {
        await strapi.documents(UID.user).update({ documentId: user.documentId, data: { avatar: null } as any });
        await files().remove(user.avatar);
      }
      return service.me(userId);
    },
  };
  return service;
};

export default profileService;
export type ProfileService = ReturnType<typeof profileService>;

declare module '../../utils' { interface PortalServices { profile: ProfileService } }
