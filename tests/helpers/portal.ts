import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { TestApp } from './strapi';
import { createAgent, type AdminPermission } from './users';
import type { ReceivedMail } from './smtp-sink';

const unique = () => crypto.randomBytes(4).toString('hex');

export const PLUGIN_ACTIONS = [
  'read',
  'invitations.create',
  'invitations.resend',
  'invitations.revoke',
  'portal-users.create',
  'portal-users.export',
  'portal-users.remove',
  'groups.manage',
  'invitations.invite-more',
  'forms.manage',
  'forms.answers',
  'viewings.confirm',
  'messages.reply',
  'roles.manage',
  'settings.read',
  'settings.update',
] as const;

/** An agent holding the given client-portal actions (all by default). */
export const portalAgent = (app: TestApp, actions: readonly string[] = PLUGIN_ACTIONS, extra: AdminPermission[] = []) =>
  createAgent(app, [...actions.map((action) => ({ action: `plugin::client-portal.${action}` })), ...extra], 'PortalAgent');

export const createContact = async (app: TestApp, data: Record<string, unknown> = {}) =>
  app.strapi.documents('api::contact.contact').create({
    data: { firstName: 'Client', lastName: unique(), email: `client-${unique()}@client.test`, ...data } as any,
  }) as Promise<any>;

export const createProperty = async (app: TestApp, data: Record<string, unknown> = {}) =>
  app.strapi.documents('api::property.property').create({
    data: { title: `Property ${unique()}`, address: 'Main Street 1', city: 'Utrecht', ...data } as any,
  }) as Promise<any>;

export const roleOf = async (app: TestApp, key: string) =>
  (await app.strapi.documents('plugin::client-portal.portal-role').findFirst({ filters: { key } })) as any;

/** The invite token from an email's plain-text link (`…/accept#token=…`). */
export const tokenFrom = (mail: ReceivedMail): string => {
  const match = /accept#token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no invite link in email "${mail.subject}"`);
  return match[1];
};

/** Waits until `address` has received `count` emails and returns them. */
export const mailsTo = async (app: TestApp, address: string, count = 1, timeoutMs = 10_000) => {
  await app.smtp.waitFor(() => app.smtp.to(address).length >= count, timeoutMs);
  return app.smtp.to(address);
};

export const invitationRow = (app: TestApp, documentId: string) =>
  app.strapi.db.query('plugin::client-portal.invitation').findOne({ where: { documentId }, populate: { contact: true, property: true, portalRole: true } });

/** Waits for the outbox to be idle (no queued or sending rows). */
export const outboxIdle = async (app: TestApp, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await app.strapi.db.query('plugin::client-portal.outbox-message').count({ where: { status: { $in: ['queued', 'sending'] } } });
    if (busy === 0) return;
    if (Date.now() > deadline) {
      const rows = await app.strapi.db.query('plugin::client-portal.outbox-message').findMany({ where: { status: { $in: ['queued', 'sending'] } }, limit: 5 });
      const described = rows.map((row: any) => `#${row.id} ${row.template} ${row.status} attempts=${row.attempts} claimedBy=${row.claimedBy} next=${row.nextAttemptAt ?? '-'} error=${row.lastError ?? '-'}`);
      throw new Error(`outbox still has ${busy} messages in flight, e.g. ${described.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stores a file through Strapi's upload plugin (as an agent would in the media library); returns its id. */
export const uploadFile = async (app: TestApp, name: string, content: Buffer | string, mimetype: string, alternativeText?: string) => {
  const filepath = path.join(os.tmpdir(), `cp-test-${process.pid}-${crypto.randomBytes(4).toString('hex')}-${name}`);
  fs.writeFileSync(filepath, content);
  try {
    const [file] = await app.strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: alternativeText ? { alternativeText } : {} },
      files: { filepath, originalFilename: name, mimetype, size: Buffer.byteLength(content) },
    });
    return file.id as number;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};

export const clockOf = (app: TestApp) => app.strapi.plugin('client-portal').service('clock') as { now(): Date; set(date: Date | string | null): void };

/** A deal linking a contact to a property with a portal role (by key). */
export const dealOf = async (app: TestApp, contact: { documentId: string }, property: { documentId: string }, roleKey: string, data: Record<string, unknown> = {}) =>
  app.strapi.documents('api::deal.deal').create({
    data: { contact: contact.documentId, property: property.documentId, portalRole: (await roleOf(app, roleKey)).id, ...data } as any,
  }) as Promise<any>;

/** A viewing of `property` by `contact`, confirmed for `date`; the portal clock is moved to that day. */
export const viewingOnTheDay = async (app: TestApp, contact: { id: number }, property: { id: number }, date = '2027-03-05T09:00:00.000Z') => {
  const viewing = (await app.strapi.documents('api::viewing.viewing').create({
    data: { property: property.id, contact: contact.id, preferredDates: [date], status: 'confirmed', confirmedDate: date } as any,
  })) as any;
  clockOf(app).set(date);
  return viewing;
};

/** Polls `check` until it holds (generous timeout, no fixed sleeps). */
export const eventually = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Everything stored in these content types (every row, every column): to prove a refused request changed nothing. */
export const snapshotOf = async (app: TestApp, uids: string[]) =>
  JSON.stringify(await Promise.all(uids.map((uid) => app.strapi.db.query(uid as any).findMany({ orderBy: { id: 'asc' } }))));

/** The content types an invitation or account request may write. */
export const INVITE_TABLES = [
  'plugin::client-portal.invitation',
  'plugin::client-portal.outbox-message',
  'plugin::client-portal.activity',
  'plugin::users-permissions.user',
  'api::deal.deal',
];

/** Inserts `count` contacts in one batch (fixture speed, through the query engine) and returns their documentIds. */
export const manyContacts = async (app: TestApp, count: number, data: (i: number) => Record<string, unknown> = () => ({})) => {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => ({
    documentId: crypto.randomBytes(12).toString('hex'),
    firstName: 'Bulk',
    lastName: `Contact ${i}`,
    email: `bulk-${i}-${unique()}@client.test`,
    language: 'en',
    type: 'client',
    doNotContact: false,
    createdAt: now,
    updatedAt: now,
    ...data(i),
  }));
  await app.strapi.db.query('api::contact.contact').createMany({ data: rows });
  return rows.map((row) => row.documentId);
};

/**
 * A real fault in the database: a trigger refuses every activity entry whose summary names `email`. Answers the
 * function that removes the trigger again.
 */
export const refuseActivityOf = async (app: TestApp, email: string) => {
  const knex = app.strapi.db.connection;
  const schema = app.strapi.db.getSchemaName();
  const table = schema ? `"${schema}"."cp_activities"` : '"cp_activities"';
  if (app.strapi.db.dialect.client === 'postgres') {
    const fn = schema ? `"${schema}".cp_refuse_activity` : 'cp_refuse_activity';
    await knex.raw(`create function ${fn}() returns trigger as $$ begin if new.summary like '%${email}%' then raise exception 'injected failure'; end if; return new; end $$ language plpgsql`);
    await knex.raw(`create trigger cp_refuse_activity before insert on ${table} for each row execute function ${fn}()`);
    return async () => {
      await knex.raw(`drop trigger cp_refuse_activity on ${table}`);
      await knex.raw(`drop function ${fn}()`);
    };
  }
  await knex.raw(`create trigger cp_refuse_activity before insert on cp_activities when new.summary like '%${email}%' begin select raise(abort, 'injected failure'); end`);
  return async () => {
    await knex.raw('drop trigger cp_refuse_activity');
  };
};
