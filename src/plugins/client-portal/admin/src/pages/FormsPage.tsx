import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Dialog, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, Download, Pencil, Plus, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type FormSheet, type PortalForm } from '../api';
import { ListStates } from '../components/ListStates';
import { useSearchedList } from '../components/useSearchedList';
import { FormBuilder } from '../components/forms/FormBuilder';
import { SheetAnswers } from '../components/forms/SheetAnswers';
import { SheetStatus } from '../components/forms/SheetStatus';
import { downloadFile } from '../components/download';
import { formatDate } from '../format';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID, t } from '../pluginId';

const BASE = `/plugins/${PLUGIN_ID}/forms`;

const useLabel = () => {
  const { formatMessage } = useIntl();
  const label = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage }, values);
  return label;
};

/** Client Portal → Forms: every form with how many clients were sent it and answered it. */
const FormList = () => {
  const label = useLabel();
  const { locale } = useIntl();
  const api = usePortalApi();
  const { allowedActions: { canManage } } = useRBAC(PERMISSIONS.manageForms);
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const { rows, error } = useSearchedList(async (text) => (await api.forms({ q: text, pageSize: 100 })).data, q, reload);

  return (
    <Page.Main>
      <Page.Title>{label('forms.page.title', 'Forms')}</Page.Title>
      <Layouts.Header
        title={label('forms.page.title', 'Forms')}
        subtitle={label('forms.page.subtitle', 'Questionnaires clients fill in after accepting their invitation')}
        primaryAction={canManage ? <Button tag={RouterLink} to={`${BASE}/new`} startIcon={<Plus />}>{label('forms.new', 'New form')}</Button> : undefined}
      />
      <Layouts.Content>
        <Box paddingBottom={4} maxWidth="32rem">
          <Field.Root name="q">
            <Field.Label>{label('forms.search', 'Search')}</Field.Label>
            <TextInput type="search" value={q} placeholder={label('forms.search.placeholder', 'Form title')} onChange={(event: ChangeEvent<HTMLInputElement>) => setQ(event.target.value)} />
          </Field.Root>
        </Box>
        <ListStates
          error={error}
          loading={!rows}
          empty={!!rows && rows.length === 0}
          onRetry={() => setReload((count) => count + 1)}
          texts={{
            error: label('forms.error', 'The forms could not be loaded'),
            retry: label('forms.retry', 'Retry'),
            loading: label('forms.loading', 'Loading forms…'),
            empty: q ? label('forms.empty.filtered', 'No form has this title.') : label('forms.empty', 'No forms yet. Build one to send it with your invitations.'),
          }}
        >
          {() => (
            <Table colCount={5} rowCount={(rows?.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{label('forms.column.title', 'Form')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('forms.column.fields', 'Fields')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('forms.column.sent', 'Sent to')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('forms.column.completed', 'Completed')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('forms.column.updated', 'Last changed')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows!.map((row) => (
                  <Tr key={row.documentId} data-testid={`form-${row.documentId}`}>
                    <Td><Link tag={RouterLink} to={`${BASE}/${row.documentId}`}>{row.title}</Link></Td>
                    <Td><Typography>{row.fields.length}</Typography></Td>
                    <Td><Typography>{row.sentCount}</Typography></Td>
                    <Td><Typography>{row.completedCount}</Typography></Td>
                    <Td><Typography>{formatDate(row.updatedAt, locale)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </ListStates>
      </Layouts.Content>
    </Page.Main>
  );
};

/** A new form, or changes to one (fields reordered, added, removed), with a preview. */
const FormEditor = () => {
  const label = useLabel();
  const api = usePortalApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { documentId } = useParams();
  const [form, setForm] = useState<PortalForm | null | undefined>(documentId ? undefined : null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (documentId) api.form(documentId).then(setForm).catch((failure) => setError(errorMessage(failure)));
  }, [api, documentId]);
  if (error) return <Page.Error />;
  if (form === undefined) return <Page.Loading />;
  const heading = form ? label('forms.edit.title', 'Edit {title}', { title: form.title }) : label('forms.new.title', 'New form');
  return (
    <Page.Main>
      <Page.Title>{heading}</Page.Title>
      <Layouts.Header
        navigationAction={<Link tag={RouterLink} startIcon={<ArrowLeft />} to={form ? `${BASE}/${form.documentId}` : BASE}>{label('forms.back', 'Forms')}</Link>}
        title={heading}
        subtitle={form?.sentCount ? label('forms.edit.sent', 'Sent to {count, plural, one {# client} other {# clients}}: answers already given keep their fields.', { count: form.sentCount }) : undefined}
      />
      <Layouts.Content>
        <FormBuilder
          form={form}
          onCancel={() => navigate(form ? `${BASE}/${form.documentId}` : BASE)}
          onSave={async (body) => {
            const saved = form ? await api.updateForm(form.documentId, body) : await api.createForm(body);
            toggleNotification({ type: 'success', message: label('forms.saved', 'Form saved') });
            navigate(`${BASE}/${saved.documentId}`);
          }}
        />
      </Layouts.Content>
    </Page.Main>
  );
};

/** One form: its answers per client (with Reopen), the CSV, and Edit / Delete. */
const FormAnswersPage = () => {
  const label = useLabel();
  const { locale } = useIntl();
  const api = usePortalApi();
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { documentId = '' } = useParams();
  const { allowedActions: { canManage } } = useRBAC(PERMISSIONS.manageForms);
  const { isLoading: checkingAnswers, allowedActions: { canAnswers } } = useRBAC({ answers: PERMISSIONS.readFormAnswers });
  const [form, setForm] = useState<PortalForm | null>(null);
  const [sheets, setSheets] = useState<FormSheet[] | null>(null);
  const [status, setStatus] = useState<'' | 'sent' | 'completed'>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(() => {
    setError(null);
    api.form(documentId).then(setForm).catch((failure) => setError(errorMessage(failure)));
    if (canAnswers) api.formAnswers(documentId, { status: status || undefined, pageSize: 100 }).then((answer) => setSheets(answer.data)).catch((failure) => setError(errorMessage(failure)));
  }, [api, documentId, status, canAnswers]);
  useEffect(() => {
    if (!checkingAnswers) load();
  }, [load, checkingAnswers]);

  const act = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    try {
      await action();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };
  const download = () =>
    act('csv', () =>
      downloadFile(get, `/client-portal/forms/${documentId}/answers/export`, `form-${documentId}-answers.csv`, (code) => label('forms.export.failed', 'The CSV could not be downloaded (HTTP {status})', { status: code })),
    );
  const reopen = (contact: string) =>
    act(`reopen:${contact}`, async () => {
      await api.reopenForm(documentId, contact);
      toggleNotification({ type: 'success', message: label('forms.reopened', 'Reopened: the client can answer again') });
      load();
    });
  const remove = () =>
    act('delete', async () => {
      await api.deleteForm(documentId);
      toggleNotification({ type: 'success', message: label('forms.deleted', 'Form deleted') });
      navigate(BASE);
    });

  if (error) {
    return (
      <Page.Main>
        <Layouts.Content>
          <ListStates error={error} loading={false} empty={false} onRetry={load} texts={{ error: label('forms.detail.error', 'The form could not be loaded'), retry: label('forms.retry', 'Retry'), loading: '', empty: '' }}>
            {() => null}
          </ListStates>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!form) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{form.title}</Page.Title>
      <Layouts.Header
        navigationAction={<Link tag={RouterLink} startIcon={<ArrowLeft />} to={BASE}>{label('forms.back', 'Forms')}</Link>}
        title={form.title}
        subtitle={label('forms.detail.subtitle', 'Sent to {sent, plural, one {# client} other {# clients}}, {completed} completed', { sent: form.sentCount, completed: form.completedCount })}
        primaryAction={canAnswers ? <Button startIcon={<Download />} onClick={download} loading={busy === 'csv'}>{label('forms.export', 'Download CSV')}</Button> : undefined}
        secondaryAction={
          canManage ? (
            <Flex gap={2}>
              <Button variant="secondary" tag={RouterLink} to={`${BASE}/${form.documentId}/edit`} startIcon={<Pencil />}>{label('forms.edit', 'Edit form')}</Button>
              {form.sentCount === 0 ? <Button variant="danger-light" onClick={() => setDeleting(true)}>{label('forms.delete', 'Delete form')}</Button> : null}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {!canAnswers ? (
          <Typography tag="p" textColor="neutral600">{label('forms.answers.forbidden', 'You may not read the answers to forms.')}</Typography>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Box maxWidth="16rem">
              <Field.Root name="status">
                <Field.Label>{label('forms.filter.status', 'Status')}</Field.Label>
                <SingleSelect value={status || 'all'} onChange={(value: string | number) => setStatus(value === 'all' ? '' : (String(value) as 'sent' | 'completed'))}>
                  <SingleSelectOption value="all">{label('forms.filter.all', 'All')}</SingleSelectOption>
                  <SingleSelectOption value="completed">{label('forms.filter.completed', 'Completed')}</SingleSelectOption>
                  <SingleSelectOption value="sent">{label('forms.filter.sent', 'Not answered yet')}</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
            </Box>
            <ListStates
              error={null}
              loading={!sheets}
              empty={!!sheets && sheets.length === 0}
              onRetry={load}
              texts={{ error: '', retry: label('forms.retry', 'Retry'), loading: label('forms.answers.loading', 'Loading answers…'), empty: label('forms.answers.empty', 'Nobody has been sent this form yet: choose it when you invite a client.') }}
            >
              {() => (
                <Table colCount={5} rowCount={(sheets?.length ?? 0) + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{label('forms.column.contact', 'Client')}</Typography></Th>
                      <Th><Typography variant="sigma">{label('forms.column.status', 'Status')}</Typography></Th>
                      <Th><Typography variant="sigma">{label('forms.column.sentAt', 'Sent')}</Typography></Th>
                      <Th><Typography variant="sigma">{label('forms.column.answers', 'Answers')}</Typography></Th>
                      <Th><Typography variant="sigma">{label('forms.column.actions', 'Actions')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {sheets!.map((sheet) => (
                      <Tr key={sheet.documentId} data-testid={`sheet-${sheet.contact?.documentId}`}>
                        <Td>
                          <Typography fontWeight="bold" tag="p">{sheet.contact?.name ?? '—'}</Typography>
                          <Typography variant="pi" textColor="neutral600" tag="p">{sheet.contact?.email ?? ''}</Typography>
                        </Td>
                        <Td><SheetStatus sheet={sheet} /></Td>
                        <Td><Typography>{formatDate(sheet.sentAt, locale, false)}</Typography></Td>
                        <Td>{sheet.status === 'completed' || sheet.reopenedAt ? <SheetAnswers sheet={sheet} /> : <Typography textColor="neutral600">—</Typography>}</Td>
                        <Td>
                          {canManage && sheet.status === 'completed' && sheet.contact ? (
                            <Button size="S" variant="secondary" loading={busy === `reopen:${sheet.contact.documentId}`} onClick={() => reopen(sheet.contact!.documentId)}>
                              {label('forms.reopen', 'Reopen')}
                            </Button>
                          ) : null}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </ListStates>
          </Flex>
        )}
        <Dialog.Root open={deleting} onOpenChange={(open: boolean) => !open && busy !== 'delete' && setDeleting(false)}>
          <Dialog.Content>
            <Dialog.Header>{label('forms.delete.title', 'Delete {title}?', { title: form.title })}</Dialog.Header>
            <Dialog.Body icon={<WarningCircle fill="danger600" />}>
              <Typography tag="p" textAlign="center">{label('forms.delete.body', 'Nobody has been sent this form yet. It can’t be brought back.')}</Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel><Button fullWidth variant="tertiary">{label('forms.cancel', 'Cancel')}</Button></Dialog.Cancel>
              <Button fullWidth variant="danger" loading={busy === 'delete'} onClick={remove}>{label('forms.delete', 'Delete form')}</Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

/** Client Portal → Forms (list, builder, answers). */
export const FormsPage = () => (
  <Routes>
    <Route index element={<FormList />} />
    <Route path="new" element={<Page.Protect permissions={PERMISSIONS.manageForms}><FormEditor /></Page.Protect>} />
    <Route path=":documentId/edit" element={<Page.Protect permissions={PERMISSIONS.manageForms}><FormEditor /></Page.Protect>} />
    <Route path=":documentId" element={<FormAnswersPage />} />
  </Routes>
);

export default FormsPage;
