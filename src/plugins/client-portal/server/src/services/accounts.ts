import type { Core } from '@strapi/strapi';

/** Portal accounts (users-permissions users with the portal fields). */
const accountsService = (_: { strapi: Core.Strapi }) => ({
  /** The account as its owner sees it: no password, tokens or internal keys. */
  present(user: any) {
    if (!user) return null;
    return {
      documentId: user.documentId,
      email: user.email,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      language: user.language ?? 'en',
      portalStatus: user.portalStatus,
      mustChangePassword: !!user.mustChangePassword,
      creationMethod: user.creationMethod ?? null,
      firstLoginAt: user.firstLoginAt ?? null,
      lastLoginAt: user.lastLoginAt ?? null,
      contact: user.contact?.documentId ?? null,
      portalRole: user.portalRole ? { key: user.portalRole.key, name: user.portalRole.name } : null,
    };
  },
});

export default accountsService;
export type AccountsService = ReturnType<typeof accountsService>;
