/**
 * Forms (pages/FormsPage.tsx, components/forms): the list, the builder (fields added, typed, reordered, previewed,
 * server errors under their field), one form's answers with Reopen and the CSV; building behind forms.manage, answers
 * behind forms.answers.
 */
import { within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { FormsPage } from '../../src/plugins/client-portal/admin/src/pages/FormsPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const BASE = '/plugins/client-portal/forms';

const intake = {
  documentId: 'form-1',
  title: 'Buyer intake',
  description: 'What are you looking for?',
  fields: [
    { key: 'budget', label: 'Budget', type: 'number', required: true, min: 1000 },
    { key: 'kind', label: 'Kind of home', type: 'choice', options: ['House', 'Flat'] },
    { key: 'passport', label: 'Copy of ID', type: 'file' },
  ],
  agent: { name: 'Ann Agent', email: 'ann@agency.test' },
  sentCount: 2,
  completedCount: 1,
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: '2026-01-11T09:00:00.000Z',
};

const sheet = (contact: string, name: string, completed: boolean) => ({
  documentId: `sheet-${contact}`,
  form: { documentId: 'form-1', title: 'Buyer intake' },
  contact: { documentId: contact, name, email: `${contact}@example.com` },
  status: completed ? 'completed' : 'sent',
  sentAt: '2026-01-10T09:00:00.000Z',
  completedAt: completed ? '2026-01-12T09:00:00.000Z' : null,
  reopenedAt: null,
  answers: completed
    ? [
        { key: 'budget', label: 'Budget', type: 'number', value: 350000, text: '350000', file: null },
        { key: 'kind', label: 'Kind of home', type: 'choice', value: 'Flat', text: 'Flat', file: null },
        { key: 'passport', label: 'Copy of ID', type: 'file', value: null, text: 'form-file.pdf', file: { id: 9, name: 'form-file.pdf', mime: 'application/pdf', size: 10, url: 'http://localhost:1337/api/client-portal/files/signed' } },
      ]
    : [],
});

const renderForms = (permissions: string[], path = BASE) =>
  render(
    <Routes>
      <Route path={`${BASE}/*`} element={<FormsPage />} />
    </Routes>,
    { permissions, initialEntries: [path] },
  );

const mockApi = () => {
  const calls = { created: [] as any[], reopened: [] as string[], exported: 0 };
  server.use(
    http.get('/client-portal/forms', () => HttpResponse.json({ data: [intake], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } })),
    http.get('/client-portal/forms/:id', () => HttpResponse.json({ data: intake })),
    http.post('/client-portal/forms', async ({ request }) => {
      const body = (await request.json()) as any;
      calls.created.push(body);
      if (body.fields.some((field: any) => field.label === 'Broken')) {
        return HttpResponse.json(
          { data: null, error: { status: 400, name: 'ValidationError', message: 'fields.1.max: must not be less than min', details: { errors: [{ path: ['fields', '1', 'max'], message: 'must not be less than min' }] } } },
          { status: 400 },
        );
      }
      return HttpResponse.json({ data: { ...intake, documentId: 'form-new', title: body.title, fields: body.fields, sentCount: 0, completedCount: 0 } }, { status: 201 });
    }),
    http.get('/client-portal/forms/:id/answers', () =>
      HttpResponse.json({ data: [sheet('c-anna', 'Anna Jansen', true), sheet('c-bert', 'Bert Jansen', false)], meta: { form: intake, pagination: { page: 1, pageSize: 100, pageCount: 1, total: 2 } } }),
    ),
    http.get('/client-portal/forms/:id/answers/export', () => {
      calls.exported += 1;
      return new HttpResponse('Contact,Email\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="form-1-answers.csv"' } });
    }),
    http.post('/client-portal/forms/:id/answers/:contact/reopen', ({ params }) => {
      calls.reopened.push(String(params.contact));
      return HttpResponse.json({ data: { ...sheet(String(params.contact), 'Anna Jansen', true), status: 'sent', reopenedAt: '2026-01-13T09:00:00.000Z' } });
    }),
  );
  return calls;
};

describe('Forms page', () => {
  it('lists the forms with how many were sent and answered; New form only with forms.manage', async () => {
    mockApi();
    const { unmount } = renderForms(['read']);
    const row = await screen.findByTestId('form-form-1');
    expect(row).toHaveTextContent('Buyer intake');
    expect([...row.querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 4)).toEqual(['Buyer intake', '3', '2', '1']);
    expect(screen.queryByRole('link', { name: 'New form' })).not.toBeInTheDocument();
    unmount();
    renderForms(['read', 'forms.manage']);
    expect(await screen.findByRole('link', { name: 'New form' })).toBeInTheDocument();
  });

  it('builds a form: fields typed, reordered and previewed; keys made from labels', async () => {
    const calls = mockApi();
    const { user } = renderForms(['read', 'forms.manage'], `${BASE}/new`);
    await user.type(await screen.findByLabelText(/^Title/), 'Seller check');
    const first = screen.getByTestId('field-0');
    await user.type(within(first).getByLabelText(/^Label/), 'Asking price');
    await user.click(within(first).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Number' }));
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const second = await screen.findByTestId('field-1');
    await user.type(within(second).getByLabelText(/^Label/), 'Move-in date');
    await user.click(within(second).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Date' }));
    await user.click(screen.getByRole('button', { name: 'Move Move-in date up' }));
    await waitFor(() => expect(within(screen.getByTestId('field-0')).getByLabelText(/^Label/)).toHaveValue('Move-in date'));

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).getByRole('heading', { name: 'Seller check' })).toBeInTheDocument();
    expect([...preview.querySelectorAll('label')].map((label) => label.textContent)).toEqual([expect.stringContaining('Move-in date'), expect.stringContaining('Asking price')]);

    await user.click(screen.getByRole('button', { name: 'Save form' }));
    await waitFor(() => expect(calls.created).toHaveLength(1));
    expect(calls.created[0]).toEqual({
      title: 'Seller check',
      description: null,
      fields: [
        { key: 'moveInDate', label: 'Move-in date', help: null, type: 'date', required: false, min: null, max: null, options: null },
        { key: 'askingPrice', label: 'Asking price', help: null, type: 'number', required: false, min: null, max: null, options: null },
      ],
    });
  });

  it('shows the server\'s 400 under the field it names', async () => {
    const calls = mockApi();
    const { user } = renderForms(['read', 'forms.manage'], `${BASE}/new`);
    await user.type(await screen.findByLabelText(/^Title/), 'Broken form');
    await user.type(within(screen.getByTestId('field-0')).getByLabelText(/^Label/), 'Fine');
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    await user.type(within(await screen.findByTestId('field-1')).getByLabelText(/^Label/), 'Broken');
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    await waitFor(() => expect(calls.created).toHaveLength(1));
    expect(await within(screen.getByTestId('field-1')).findByText('must not be less than min')).toBeInTheDocument();
  });

  it('asks for a label and options before saving', async () => {
    const calls = mockApi();
    const { user } = renderForms(['read', 'forms.manage'], `${BASE}/new`);
    await user.type(await screen.findByLabelText(/^Title/), 'Half done');
    await user.click(within(screen.getByTestId('field-0')).getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Single choice' }));
    await user.click(screen.getByRole('button', { name: 'Save form' }));
    expect(await screen.findByText('Give the field a label')).toBeInTheDocument();
    expect(screen.getByText('List at least one option')).toBeInTheDocument();
    expect(calls.created).toHaveLength(0);
  });

  it('shows each client\'s answers, reopens one and downloads the CSV', async () => {
    const calls = mockApi();
    const { user } = renderForms(['read', 'forms.manage', 'forms.answers'], `${BASE}/form-1`);
    const anna = await screen.findByTestId('sheet-c-anna');
    expect(anna).toHaveTextContent(/Completed on/);
    expect(anna).toHaveTextContent('Budget:350000');
    expect(within(anna).getByRole('link', { name: 'form-file.pdf' })).toHaveAttribute('href', 'http://localhost:1337/api/client-portal/files/signed');
    expect(screen.getByTestId('sheet-c-bert')).toHaveTextContent('Sent');
    expect(within(screen.getByTestId('sheet-c-bert')).queryByRole('button', { name: 'Reopen' })).not.toBeInTheDocument();

    await user.click(within(anna).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(calls.reopened).toEqual(['c-anna']));
    expect(await screen.findByText('Reopened: the client can answer again')).toBeInTheDocument();

    const created = jest.fn(() => 'blob:answers');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(calls.exported).toBe(1));
    await waitFor(() => expect(created).toHaveBeenCalled());
  });

  it('hides the answers, Reopen and CSV from an agent without forms.answers, and Edit without forms.manage', async () => {
    mockApi();
    renderForms(['read'], `${BASE}/form-1`);
    expect(await screen.findByText('You may not read the answers to forms.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Buyer intake' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download CSV' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit form' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('sheet-c-anna')).not.toBeInTheDocument();
  });
});
