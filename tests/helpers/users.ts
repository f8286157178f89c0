import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { TestApp } from './strapi';
import { prehash } from '../../src/plugins/client-portal/server/src/utils/password';

const unique = () => crypto.randomBytes(4).toString('hex');

export interface AdminPermission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

export interface Agent {
  id: number;
  email: string;
  password: string;
  jwt: string;
  roleId: number;
}

/** Content-manager actions on one content type, e.g. `contentManager('api::contact.contact', ['read', 'create'])`. */
export const contentManager = (subject: string, verbs: Array<'read' | 'create' | 'update' | 'delete'>, fields?: string[]) =>
  verbs.map<AdminPermission>((verb) => ({
    action: `plugin::content-manager.explorer.${verb}`,
    subject,
    properties: verb === 'delete' || !fields ? {} : { fields },
  }));

/** All attribute names of a content type (for content-manager field permissions). */
export const allFields = (strapi: Core.Strapi, uid: string) =>
  Object.entries(strapi.contentType(uid as any).attributes)
    .filter(([, attribute]: [string, any]) => attribute.visible !== false && attribute.configurable !== false)
    .map(([name]) => name);

/**
 * Creates an admin user (an agent) in a new admin role holding exactly `permissions`,
 * logs in through the real `/admin/login` and returns the admin JWT.
 */
export const createAgent = async (app: TestApp, permissions: AdminPermission[], name = 'Agent'): Promise<Agent> => {
  const { strapi } = app;
  const id = unique();
  const role = await strapi.service('admin::role').create({ name: `${name} role ${id}`, description: 'test role' });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    permissions.map((p) => ({ action: p.action, subject: p.subject ?? null, properties: p.properties ?? {}, conditions: p.conditions ?? [] })),
  );
  const email = `agent-${id}@agency.test`;
  const password = `Agent-${id}-Password1`;
  const user = await strapi.service('admin::user').create({
    email,
    firstname: name,
    lastname: id,
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: user.id, email, password, jwt: res.body.data.token, roleId: role.id };
};

export interface PortalUser {
  id: number;
  documentId: string;
  email: string;
  password: string;
  jwt: string;
}

/**
 * Creates an active portal account (users-permissions user, Authenticated role) linked to `contactDocumentId`,
 * and returns a JWT for it.
 */
export const createPortalUser = async (
  app: TestApp,
  contactDocumentId: string | null,
  overrides: Record<string, unknown> = {},
): Promise<PortalUser> => {
  const { strapi } = app;
  const id = unique();
  const email = (overrides.email as string) ?? `client-${id}@client.test`;
  const password = (overrides.plainPassword as string) ?? `Client-${id}-Password1`;
  delete overrides.plainPassword;
  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: email,
    email,
    // Portal passwords are stored as bcrypt(prehash(password)), as the portal's own flows do.
    password: prehash(password),
    passwordChangedAt: new Date(),
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: authenticated.id,
    portalStatus: 'active',
    creationMethod: 'invitation',
    ...(contactDocumentId ? { contact: { connect: [{ documentId: contactDocumentId }] } } : {}),
    ...overrides,
  });
  const fresh = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: user.id } });
  const jwt = await strapi.plugin('client-portal').service('auth').issueJwt(fresh);
  return { id: user.id, documentId: user.documentId, email, password, jwt };
};

export const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
