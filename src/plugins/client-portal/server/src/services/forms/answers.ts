import type { Core } from '@strapi/strapi';
import { csvStream } from '../../utils/csv';
import { EVENTS, UID } from '../../constants';
import { getService } from '../../utils';
import { fieldErrors, problem } from '../../errors';
import { personName } from '../../utils/people';
import { columnOf, tableQuery } from '../../utils/db';
import { principalOf, type Principal } from '../../files/links';
import { answerText, checkAnswers, storedAnswer, type AnswerValue, type FileAnswer, type FormField } from '../../rules/forms';
import type { PortalContext } from '../access/context';
import type { FileRow, IncomingFile } from '../files';
import type { Actor } from '../activity';

const keyOf = (formDocumentId: string, contactDocumentId: string) => `${formDocumentId}:${contactDocumentId}`;
const isFileAnswer = (value: unknown): value is FileAnswer => !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as FileAnswer).fileId === 'number';
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : '');

const RESPONSE_POPULATE = {
  form: { select: ['id', 'documentId', 'title', 'description', 'fields'] },
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email'] },
  files: true,
} as const;

/**
 * Answering forms (clients) and reading the answers (agents): one answer sheet per form and contact, `sent` until the
 * client answers it (once: a second answer waits for an agent to reopen it), files stored as private client files.
 */
export const formAnswers = (strapi: Core.Strapi, findForm: (documentId: string) => Promise<any>) => {
  const responses = () => strapi.db.query(UID.formResponse);
  const files = () => getService(strapi, 'files');
  const now = () => getService(strapi, 'clock').now();

  /** Each field with its answer: the stored value, a text for lists and exports, and a signed link for files. */
  const answerList = (fields: FormField[], response: any, principal: Principal) => {
    const stored = (response.answers ?? {}) as Record<string, AnswerValue>;
    const fileById = new Map<number, FileRow>((response.files ?? []).map((file: FileRow) => [file.id, file]));
    return fields.map((field) => {
      const value = storedAnswer(stored, field.key);
      const file = isFileAnswer(value) ? fileById.get(value.fileId) : undefined;
      return {
        key: field.key,
        label: field.label,
        type: field.type,
        value: isFileAnswer(value) ? null : value,
        text: answerText(field, value, (id) => fileById.get(id)?.name ?? null),
        file: file ? files().present(file, principal) : null,
      };
    });
  };

  /** A form as its client sees it: the fields, the status and their answers so far. */
  const presentForClient = (response: any, access: PortalContext) => {
    const fields = (response.form?.fields ?? []) as FormField[];
    const answers = answerList(fields, response, `account:${access.accountId}`);
    return {
      documentId: response.form.documentId,
      title: response.form.title,
      description: response.form.description ?? null,
      status: response.status as 'sent' | 'completed',
      sentAt: response.sentAt ?? null,
      completedAt: response.completedAt ?? null,
      reopenedAt: response.reopenedAt ?? null,
      fields,
      answers: Object.fromEntries(answers.map((answer) => [answer.key, answer.file ?? answer.value])),
    };
  };

  /** An answer sheet's status as agents see it, without the answers. */
  const sheetOf = (response: any) => ({
    documentId: response.documentId,
    form: response.form ? { documentId: response.form.documentId, title: response.form.title } : null,
    contact: response.contact ? { documentId: response.contact.documentId, name: personName(response.contact), email: response.contact.email ?? null } : null,
    status: response.status as 'sent' | 'completed',
    sentAt: response.sentAt ?? null,
    completedAt: response.completedAt ?? null,
    reopenedAt: response.reopenedAt ?? null,
  });

  /** An answer sheet as agents see it. */
  const presentForAgent = (response: any, fields: FormField[], principal: Principal) => ({ ...sheetOf(response), answers: answerList(fields, response, principal) });

  const clientResponse = async (access: PortalContext, formDocumentId: string) => {
    const response = await responses().findOne({ where: { responseKey: keyOf(formDocumentId, access.contactDocumentId) }, populate: RESPONSE_POPULATE as any });
    // Another client's form is a 404, exactly like a missing one.
    if (!response?.form) throw problem('FORM_NOT_FOUND');
    return response;
  };

  /** The forms sent to a contact, with their answers (the contact's panel). */
  const ofContact = async (contactDocumentId: string) => {
    const rows = await responses().findMany({ where: { contact: { documentId: contactDocumentId } }, populate: RESPONSE_POPULATE as any, orderBy: [{ sentAt: 'desc' }, { id: 'desc' }] });
    const principal = principalOf(strapi.requestContext.get());
    return rows.filter((row: any) => row.form).map((row: any) => presentForAgent(row, row.form.fields ?? [], principal));
  };

  return {
    ofContact,

    /** GET /api/client-portal/forms: the forms the client was sent, oldest first. */
    async clientList(access: PortalContext) {
      const rows = await responses().findMany({ where: { contact: { id: access.contactId } }, populate: RESPONSE_POPULATE as any, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
      return rows.filter((row: any) => row.form).map((row: any) => presentForClient(row, access));
    },

    async clientGet(access: PortalContext, formDocumentId: string) {
      return presentForClient(await clientResponse(access, formDocumentId), access);
    },

    /** `me`'s next step: the oldest form still to answer. */
    async nextStep(contactId: number | null | undefined) {
      if (!contactId) return null;
      const next = await responses().findOne({ where: { contact: { id: contactId }, status: 'sent' }, populate: { form: { select: ['documentId', 'title'] } }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
      return next?.form ? { type: 'form' as const, form: { documentId: next.form.documentId, title: next.form.title } } : null;
    },

    /**
     * POST /api/client-portal/forms/:documentId/answers. Every field is checked first (a 400 naming each bad one, files
     * judged by their bytes); then the files are stored and the sheet is claimed with one conditional UPDATE, in the
     * transaction that links its files, so of two parallel answers one wins and the other gets 409 (its files removed).
     * Files of an earlier (reopened) answer that were not replaced are kept; replaced ones go after the commit.
     */
    async submit(access: PortalContext, formDocumentId: string, input: Record<string, unknown>, uploads: Record<string, IncomingFile[]>) {
      const response = await clientResponse(access, formDocumentId);
      if (response.status === 'completed') throw problem('FORM_ANSWERED');
      const fields = (response.form.fields ?? []) as FormField[];
      const previous = (response.answers ?? {}) as Record<string, AnswerValue>;
      const fileKeys = new Set(Object.keys(uploads));
      const kept = new Set(fields.filter((field) => field.type === 'file' && !fileKeys.has(field.key) && isFileAnswer(storedAnswer(previous, field.key))).map((field) => field.key));

      const { values, errors } = checkAnswers(fields, input, new Set([...fileKeys, ...kept]));
      for (const key of kept) if (!fileKeys.has(key)) values[key] = storedAnswer(previous, key);
      for (const [key, list] of Object.entries(uploads)) {
        if (list.length > 1) errors.push({ key, message: 'send one file' });
        else if (fields.some((field) => field.key === key && field.type === 'file')) {
          const problemText = await files().check(list[0], 'formFile');
          if (problemText) errors.push({ key, message: problemText });
        }
      }
      if (errors.length) throw fieldErrors(errors.map((error) => ({ field: `answers.${error.key}`, message: error.message })));

      const saved: FileRow[] = [];
      const keptIds = new Set<number>();
      try {
        for (const [key, [upload]] of Object.entries(uploads)) {
          const file = await files().save(upload, 'formFile', {}, `answers.${key}`);
          saved.push(file);
          values[key] = { fileId: file.id };
        }
        const at = now();
        const c = (attribute: string) => columnOf(strapi, UID.formResponse, attribute);
        for (const value of Object.values(values)) if (isFileAnswer(value)) keptIds.add(value.fileId);
        // The claim and the sheet's file links commit together, or neither does (the new files are then removed).
        await strapi.db.transaction(async ({ trx }) => {
          const claimed = await tableQuery(strapi, trx, UID.formResponse)
            .where('id', response.id)
            .where(c('status'), 'sent')
            .update({ [c('status')]: 'completed', [c('completedAt')]: at, [c('answers')]: JSON.stringify(values), [c('updatedAt')]: at });
          if (Number(claimed) !== 1) throw problem('FORM_ANSWERED');
          await responses().update({ where: { id: response.id }, data: { account: access.accountId, files: [...keptIds] } });
        });
      } catch (error) {
        for (const file of saved) await files().remove(file);
        throw error;
      }
      // Files this answer replaced go once it is stored.
      for (const old of response.files ?? []) if (!keptIds.has(old.id)) await files().remove(old);

      await getService(strapi, 'activity').log({ type: 'form_completed', contactId: access.contactId, actor: { accountId: access.accountId }, summary: `Completed the form ${response.form.title}` });
      strapi.eventHub.emit(EVENTS.formCompleted, { form: response.form.documentId, contact: access.contactDocumentId });
      return presentForClient(await clientResponse(access, formDocumentId), access);
    },

    /** GET /client-portal/forms/:documentId/answers: one sheet per contact the form was sent to. */
    async answersOf(formDocumentId: string, query: { status?: 'sent' | 'completed'; page: number; pageSize: number }) {
      const form = await findForm(formDocumentId);
      const where = { form: { id: form.id }, ...(query.status ? { status: query.status } : {}) };
      const [rows, total] = await Promise.all([
        responses().findMany({ where, populate: RESPONSE_POPULATE as any, orderBy: [{ status: 'asc' }, { completedAt: 'desc' }, { id: 'asc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        responses().count({ where }),
      ]);
      const principal = principalOf(strapi.requestContext.get());
      return {
        data: rows.map((row: any) => presentForAgent(row, form.fields ?? [], principal)),
        meta: { form: { documentId: form.documentId, title: form.title, fields: form.fields ?? [] }, pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /**
     * GET /client-portal/forms/:documentId/answers/export: a CSV with a row per contact and a column per field, streamed
     * in batches, formula-safe (utils/csv).
     */
    async exportCsv(formDocumentId: string) {
      const form = await findForm(formDocumentId);
      const fields = (form.fields ?? []) as FormField[];
      const out = csvStream(
        [
          { key: 'contact', header: 'Contact' },
          { key: 'email', header: 'Email' },
          { key: 'status', header: 'Status' },
          { key: 'sentAt', header: 'Sent at' },
          { key: 'completedAt', header: 'Completed at' },
          ...fields.map((field, index) => ({ key: `f${index}`, header: field.label })),
        ],
        (offset, size) => responses().findMany({ where: { form: { id: form.id } }, populate: RESPONSE_POPULATE as any, orderBy: { id: 'asc' }, offset, limit: size }),
        (row: any) => {
          const names = new Map<number, string>((row.files ?? []).map((file: FileRow) => [file.id, file.name]));
          return {
            contact: row.contact ? (personName(row.contact) ?? '') : '',
            email: row.contact?.email ?? '',
            status: row.status === 'completed' ? 'Completed' : 'Sent',
            sentAt: iso(row.sentAt),
            completedAt: iso(row.completedAt),
            ...Object.fromEntries(fields.map((field, index) => [`f${index}`, answerText(field, storedAnswer(row.answers, field.key), (id) => names.get(id) ?? null)])),
          };
        },
      );
      return { stream: out, filename: `form-${form.documentId}-answers.csv` };
    },

    /** Lets the client answer again (their earlier answers stay shown until they send new ones). */
    async reopen(formDocumentId: string, contactDocumentId: string, actor: Actor) {
      const form = await findForm(formDocumentId);
      const response = await responses().findOne({ where: { responseKey: keyOf(form.documentId, contactDocumentId) }, populate: { contact: { select: ['id'] } } });
      if (!response) throw problem('FORM_NOT_SENT');
      if (response.status !== 'completed') throw problem('FORM_NOT_ANSWERED');
      await responses().update({ where: { id: response.id }, data: { status: 'sent', reopenedAt: now() } });
      await getService(strapi, 'activity').log({ type: 'form_reopened', contactId: response.contact?.id, actor, summary: `Reopened the form ${form.title}` });
      // Reopening is managing the form, not reading it: the answer is the sheet's status, without the answers.
      return sheetOf(await responses().findOne({ where: { id: response.id }, populate: { form: RESPONSE_POPULATE.form, contact: RESPONSE_POPULATE.contact } as any }));
    },
  };
};
