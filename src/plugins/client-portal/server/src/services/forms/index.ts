import type { Core } from '@strapi/strapi';
import { UID } from '../../constants';
import { fieldError, fieldErrors, problem } from '../../errors';
import { personName } from '../../utils/people';
import { chunks, columnOf, joinTableOf, linkedOwners, newDocumentId, tableOf, tableQuery, toColumns } from '../../utils/db';
import { insertLinks } from '../../utils/bulk-insert';
import type { FormField } from '../../rules/forms';
import type { Actor } from '../activity';
import { formAnswers } from './answers';

export interface FormInput {
  title?: string;
  description?: string | null;
  fields?: FormField[];
}

/** A form sent to a contact with one of their invitations. */
export interface FormDelivery {
  contactId: number;
  contactDocumentId: string;
  /** The invitation that carries it; null when the form goes to someone already in the portal. */
  invitationId: number | null;
}

export const responseKey = (formDocumentId: string, contactDocumentId: string) => `${formDocumentId}:${contactDocumentId}`;

/**
 * Forms agents build and send with invitations (single, bulk, a group's *Invite all*, *Invite more*). Sending makes
 * one answer sheet (form-response) per form and contact, linked to each invitation that carried it; the client answers
 * it after accepting (./answers).
 */
const formsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const forms = () => strapi.db.query(UID.form);
  const responses = () => strapi.db.query(UID.formResponse);

  const find = async (documentId: string) => {
    const form = await forms().findOne({ where: { documentId } });
    if (!form) throw problem('FORM_NOT_FOUND');
    return form;
  };

  /** Sent and completed counts per form id. */
  const counts = async (formIds: number[]) => {
    const result = new Map<number, { sent: number; completed: number }>();
    if (!formIds.length) return result;
    // One grouped count over the form link, not a row per answer sheet.
    const link = joinTableOf(strapi, UID.formResponse, 'form');
    const schema = strapi.db.getSchemaName();
    const table = (name: string) => (schema ? `${schema}.${name}` : name);
    const status = columnOf(strapi, UID.formResponse, 'status');
    const rows = await strapi.db
      .connection(`${table(link.name)} as l`)
      .join(`${table(tableOf(strapi, UID.formResponse))} as r`, 'r.id', `l.${link.joinColumn.name}`)
      .whereIn(`l.${link.inverseJoinColumn.name}`, formIds)
      .groupBy(`l.${link.inverseJoinColumn.name}`, `r.${status}`)
      .select({ form: `l.${link.inverseJoinColumn.name}`, status: `r.${status}` })
      .count({ n: '*' });
    for (const row of rows as Array<{ form: number; status: string; n: number | string }>) {
      const entry = result.get(Number(row.form)) ?? { sent: 0, completed: 0 };
      entry.sent += Number(row.n);
      if (row.status === 'completed') entry.completed += Number(row.n);
      result.set(Number(row.form), entry);
    }
    return result;
  };

  const present = (form: any, count = { sent: 0, completed: 0 }) => ({
    documentId: form.documentId,
    title: form.title,
    description: form.description ?? null,
    fields: (form.fields ?? []) as FormField[],
    agent: form.agent ? { name: personName(form.agent), email: form.agent.email } : null,
    sentCount: count.sent,
    completedCount: count.completed,
    createdAt: form.createdAt,
    updatedAt: form.updatedAt,
  });

  const service = {
    find,

    async list(query: { q?: string; page: number; pageSize: number }) {
      const where = query.q ? { title: { $containsi: query.q } } : {};
      const [rows, total] = await Promise.all([
        forms().findMany({ where, populate: { agent: { select: ['firstname', 'lastname', 'email'] } }, orderBy: [{ title: 'asc' }, { id: 'asc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        forms().count({ where }),
      ]);
      const byForm = await counts(rows.map((row: any) => row.id));
      return {
        data: rows.map((row: any) => present(row, byForm.get(row.id))),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    async present(documentId: string) {
      const form = await forms().findOne({ where: { documentId }, populate: { agent: { select: ['firstname', 'lastname', 'email'] } } });
      if (!form) throw problem('FORM_NOT_FOUND');
      return present(form, (await counts([form.id])).get(form.id));
    },

    async create(input: Required<Pick<FormInput, 'title' | 'fields'>> & FormInput, actor: Actor) {
      const form = await strapi.documents(UID.form).create({
        data: { title: input.title, description: input.description ?? null, fields: input.fields, agent: actor.agentId ?? null } as any,
      });
      return service.present(form.documentId);
    },

    /**
     * Given fields replace the form's. Once sent, a field keeps its type (answers stored under its key were checked
     * against it): changing it is a 400 naming the field — add a field with a new key instead.
     */
    async update(documentId: string, input: FormInput) {
      const form = await find(documentId);
      if (input.fields && (await responses().count({ where: { form: { id: form.id } } }))) {
        const typeOf = new Map(((form.fields ?? []) as FormField[]).map((field) => [field.key, field.type]));
        const changed = input.fields.flatMap((field, index) => (typeOf.has(field.key) && typeOf.get(field.key) !== field.type ? [index] : []));
        if (changed.length) throw fieldErrors(changed.map((index) => ({ field: `fields.${index}.type`, message: `cannot change once the form was sent (was ${typeOf.get(input.fields![index].key)}): add a field with a new key instead` })));
      }
      const data = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      if (Object.keys(data).length) await strapi.documents(UID.form).update({ documentId, data: data as any });
      return service.present(documentId);
    },

    /** A form nobody was sent yet may be deleted; a sent one stays (its answers refer to it). */
    async delete(documentId: string) {
      const form = await find(documentId);
      if (await responses().count({ where: { form: { id: form.id } } })) throw problem('FORM_IN_USE');
      await strapi.documents(UID.form).delete({ documentId });
    },

    /** The form named in an invite body (`form`), or a 400 naming that field. */
    async forInvite(documentId: string | null | undefined) {
      if (!documentId) return null;
      const form = await forms().findOne({ where: { documentId }, select: ['id', 'documentId', 'title'] });
      if (!form) throw fieldError('form', 'no form with this documentId');
      return form as { id: number; documentId: string; title: string };
    },

    /**
     * Sends `form` with invitations, inside the invitation's transaction `trx`: one answer sheet per contact (an
     * existing one is kept, answered or not — reopening is the agent's choice), each invitation linked to it.
     * Batched: statements grow per 500 contacts, not per contact.
     */
    async deliver(trx: any, form: { id: number; documentId: string }, deliveries: FormDelivery[]) {
      if (!deliveries.length) return;
      const c = (attribute: string) => columnOf(strapi, UID.formResponse, attribute);
      const now = new Date();
      const keyOf = (delivery: FormDelivery) => responseKey(form.documentId, delivery.contactDocumentId);
      const created: Array<[number, number]> = [];
      const contactOfKey = new Map(deliveries.map((delivery) => [keyOf(delivery), delivery.contactId]));
      const size = strapi.db.dialect.getBatchInsertSize?.() ?? 500;
      for (const batch of chunks([...contactOfKey.keys()], size)) {
        const rows = await tableQuery(strapi, trx, UID.formResponse)
          .insert(batch.map((key) => toColumns(strapi, UID.formResponse, { documentId: newDocumentId(), status: 'sent', sentAt: now, responseKey: key, createdAt: now, updatedAt: now })))
          .onConflict(c('responseKey'))
          .ignore()
          .returning(['id', c('responseKey')]);
        for (const row of rows) created.push([Number(row.id), contactOfKey.get(row[c('responseKey')])!]);
      }
      await insertLinks(strapi, trx, UID.formResponse, 'form', created.map(([id]) => [id, form.id]));
      await insertLinks(strapi, trx, UID.formResponse, 'contact', created);

      const idOfKey = new Map<string, number>();
      for (const batch of chunks([...contactOfKey.keys()], 500)) {
        const rows = await tableQuery(strapi, trx, UID.formResponse).whereIn(c('responseKey'), batch).select('id', c('responseKey'));
        for (const row of rows) idOfKey.set(row[c('responseKey')], Number(row.id));
      }
      // An invitation carries one form: one already carrying a form (this one, or another sent before) keeps it.
      const carriers = deliveries.filter((delivery) => delivery.invitationId != null);
      const busy = await linkedOwners(strapi, trx, UID.invitation, 'formResponse', carriers.map((delivery) => delivery.invitationId!));
      const carried = carriers.filter((delivery) => !busy.has(delivery.invitationId!));
      await insertLinks(strapi, trx, UID.invitation, 'formResponse', carried.map((delivery) => [delivery.invitationId!, idOfKey.get(keyOf(delivery))!]));
    },

    /** Sends a form outside an invitation's transaction (to someone already in the portal, or with a pending invite). */
    async deliverNow(form: { id: number; documentId: string }, delivery: FormDelivery) {
      await strapi.db.transaction(({ trx }) => service.deliver(trx, form, [delivery]));
    },

    ...formAnswers(strapi, find),
  };
  return service;
};

export default formsService;
export type FormsService = ReturnType<typeof formsService>;

declare module '../../utils' { interface PortalServices { forms: FormsService } }
