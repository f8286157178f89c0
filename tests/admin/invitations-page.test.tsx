/**
 * The Invitations page (pages/InvitationsPage.tsx): the list of every invite with its status (and the mail server's
 * answer when the email was not delivered), the filters and pagination as the query of GET /client-portal/invitations,
 * resend / revoke of one invitation or of the selected ones behind their RBAC actions and a confirmation, the details
 * modal, and the empty and error states.
 */
import { InvitationsPage } from '../../src/plugins/client-portal/admin/src/pages/InvitationsPage';
import { within } from '@testing-library/react';
import { fireEvent, http, HttpResponse, render, screen, server, waitFor } from './render';

const ENTRY = '/plugins/client-portal/invitations';
const SMTP_ERROR = '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown';

const invitation = (overrides: Record<string, unknown>) => ({
  documentId: 'inv-x',
  status: 'pending',
  displayStatus: 'invited',
  label: 'Invited',
  email: 'x@example.com',
  firstName: null,
  lastName: null,
  contact: null,
  property: null,
  portalRole: { documentId: 'role-buyer', key: 'buyer', name: 'Buyer' },
  expiresAt: '2026-02-15T10:00:00.000Z',
  sentAt: '2026-01-15T10:00:00.000Z',
  lastSentAt: '2026-01-15T10:00:00.000Z',
  sendCount: 1,
  acceptedAt: null,
  revokedAt: null,
  deliveryStatus: 'sent',
  deliveryError: null,
  deliveryAttempts: 1,
  message: null,
  language: 'en',
  permissions: null,
  invitedBy: { type: 'agent', name: 'Ann Agent' },
  createdAt: '2026-01-15T10:00:00.000Z',
  ...overrides,
});

const jane = invitation({
  documentId: 'inv-jane',
  email: 'jane@example.com',
  firstName: 'Jane',
  lastName: 'Doe',
  property: { documentId: 'prop-rosa', title: 'Villa Rosa' },
  message: 'Welcome to your portal, Jane!',
  permissions: { messageAgent: false, uploadPhotos: true },
  form: { documentId: 'form-1', title: 'Buyer intake', status: 'sent', completedAt: null },
});
const bob = invitation({
  documentId: 'inv-bob',
  status: 'pending',
  displayStatus: 'delivery_failed',
  label: 'Delivery failed',
  email: 'bob@example.com',
  contact: { documentId: 'contact-bob', firstName: 'Bob', lastName: 'Stone' },
  deliveryStatus: 'failed',
  deliveryError: SMTP_ERROR,
  deliveryAttempts: 3,
  sendCount: 2,
  invitedBy: { type: 'system', name: null },
});
const carol = invitation({
  documentId: 'inv-carol',
  status: 'accepted',
  displayStatus: 'accepted',
  label: 'Accepted',
  email: 'carol@example.com',
  acceptedAt: '2026-01-16T09:00:00.000Z',
  invitedBy: { type: 'client', name: 'Dan Client' },
  form: { documentId: 'form-1', title: 'Buyer intake', status: 'completed', completedAt: '2026-01-17T09:00:00.000Z' },
});
const ROWS = [jane, bob, carol];

const page = (rows: unknown[], pagination: Partial<{ page: number; pageSize: number; pageCount: number; total: number }> = {}) => ({
  data: rows,
  meta: { pagination: { page: 1, pageSize: 25, pageCount: rows.length ? 1 : 0, total: rows.length, ...pagination } },
});

const serverError = (status: number, message: string) =>
  HttpResponse.json({ data: null, error: { status, name: status === 400 ? 'ValidationError' : 'InternalServerError', message, details: {} } }, { status });

/**
 * Answers the page's requests: the list (its queries recorded), the agents and properties of the filters, and the
 * resend / revoke endpoints (each call recorded with its id or body).
 */
const mockApi = ({ list = () => HttpResponse.json(page(ROWS)) }: { list?: (query: URLSearchParams) => Response } = {}) => {
  const calls = {
    list: [] as URLSearchParams[],
    resend: [] as Array<{ id: string; body: unknown }>,
    revoke: [] as Array<{ id: string; body: unknown }>,
    bulkResend: [] as unknown[],
    bulkRevoke: [] as unknown[],
  };
  const answers = {
    single: (row: ReturnType<typeof invitation>) => HttpResponse.json({ data: row }) as Response,
    bulk: (ids: string[]) => HttpResponse.json({ data: { done: ROWS.filter((row) => ids.includes(row.documentId as string)), failed: [] } }) as Response,
  };
  server.use(
    http.get('/client-portal/invitations', ({ request }) => {
      const query = new URL(request.url).searchParams;
      calls.list.push(query);
      return list(query);
    }),
    http.get('/admin/users', () =>
      HttpResponse.json({ data: { results: [{ id: 7, firstname: 'Ann', lastname: 'Agent', email: 'ann@agency.test' }, { id: 8, firstname: null, lastname: null, email: 'ben@agency.test' }] } }),
    ),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () =>
      HttpResponse.json({ results: [{ documentId: 'prop-rosa', title: 'Villa Rosa' }, { documentId: 'prop-mill', title: 'Old Mill' }], pagination: { page: 1, pageSize: 100, pageCount: 1, total: 2 } }),
    ),
    http.post('/client-portal/invitations/bulk-resend', async ({ request }) => {
      const body = (await request.json()) as { invitations: string[] };
      calls.bulkResend.push(body);
      return answers.bulk(body.invitations);
    }),
    http.post('/client-portal/invitations/bulk-revoke', async ({ request }) => {
      const body = (await request.json()) as { invitations: string[] };
      calls.bulkRevoke.push(body);
      return answers.bulk(body.invitations);
    }),
    http.post('/client-portal/invitations/:documentId/resend', async ({ params, request }) => {
      calls.resend.push({ id: params.documentId as string, body: await request.json() });
      return answers.single(ROWS.find((row) => row.documentId === params.documentId)!);
    }),
    http.post('/client-portal/invitations/:documentId/revoke', async ({ params, request }) => {
      calls.revoke.push({ id: params.documentId as string, body: await request.json() });
      return answers.single(ROWS.find((row) => row.documentId === params.documentId)!);
    }),
  );
  return { calls, answers };
};

const lastQuery = (calls: { list: URLSearchParams[] }) => Object.fromEntries(calls.list[calls.list.length - 1]);

const renderPage = (permissions: string[], initialEntries = [ENTRY]) => render(<InvitationsPage />, { permissions, initialEntries });

/** The table row of an invitation, once the list has loaded. */
const row = async (documentId: string) => screen.findByTestId(`invitation-${documentId}`);

const ALL_ACTIONS = ['read', 'invitations.resend', 'invitations.revoke'];

/*
 * The page is large and role queries over it are slow (hundreds of ms each in jsdom), so controls are found by their
 * text or aria-label, scoped to a row, the bulk bar or a dialog, and checked to be buttons.
 */

/** The button whose (possibly visually hidden) label is `name`, inside `container`; null when there is none. */
const queryButton = (container: HTMLElement, name: string | RegExp) => within(container).queryByText(name)?.closest('button') ?? null;
const button = (container: HTMLElement, name: string) => {
  const found = queryButton(container, name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

/** A control of a row, by its label ('Resend invitation to jane@example.com'). */
const rowButton = async (documentId: string, name: string) => button(await row(documentId), name);
const queryRowButton = (documentId: string, name: string | RegExp) => queryButton(screen.getByTestId(`invitation-${documentId}`), name);
const rowCheckbox = async (documentId: string, email: string) => within(await row(documentId)).getByLabelText(`Select invitation of ${email}`);

/** The bar above the table shown while invitations are selected ('2 invitations selected', Resend, Revoke). */
const bulkBar = async (selected: string) => (await screen.findByText(selected)).parentElement!;

/** The open confirmation, found by its title. */
const confirmation = async (title: string) => {
  const dialog = (await screen.findByText(title)).closest<HTMLElement>('[role="alertdialog"]');
  expect(dialog).not.toBeNull();
  return dialog!;
};
const noConfirmation = () => waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());

/** Picks an option of one of the filter selects (by the select's label). */
const choose = async (user: { click: (element: Element) => Promise<void> }, label: string, option: string) => {
  await user.click(await screen.findByLabelText(label));
  const listbox = await waitFor(() => {
    const found = document.querySelector<HTMLElement>('[role="listbox"]');
    if (!found) throw new Error('the options are not open');
    return found;
  });
  await user.click(within(listbox).getByText(option));
};

describe('InvitationsPage', () => {
  describe('list', () => {
    it('shows each invitation with its status badge, the form sent with it (sent / completed on), and the mail server answer under a failed delivery', async () => {
      const { calls } = mockApi();
      renderPage(['read']);

      const janeRow = await row('inv-jane');
      expect(janeRow).toHaveTextContent('Jane Doe');
      expect(janeRow).toHaveTextContent('jane@example.com');
      expect(janeRow).toHaveTextContent('Villa Rosa');
      expect(janeRow).toHaveTextContent('Buyer');
      expect(janeRow).toHaveTextContent('Ann Agent');
      expect(within(janeRow).getByTestId('invitation-status')).toHaveAttribute('data-status', 'invited');
      expect(within(janeRow).getByTestId('invitation-status')).toHaveTextContent('Invited, waiting for member to accept');
      expect(within(janeRow).queryByTestId('delivery-error')).not.toBeInTheDocument();
      expect(within(janeRow).getByTestId('invitation-form')).toHaveTextContent('Buyer intake: form sent');

      const bobRow = await row('inv-bob');
      expect(bobRow).toHaveTextContent('Bob Stone'); // the contact's name when the invitation has none
      expect(bobRow).toHaveTextContent('Automatic');
      expect(within(bobRow).getByTestId('invitation-status')).toHaveAttribute('data-status', 'delivery_failed');
      expect(within(bobRow).getByTestId('invitation-status')).toHaveTextContent('Invitation email could not be delivered');
      expect(within(bobRow).getByTestId('delivery-error')).toHaveTextContent(SMTP_ERROR);

      const carolRow = await row('inv-carol');
      expect(within(carolRow).getByTestId('invitation-status')).toHaveAttribute('data-status', 'accepted');
      expect(carolRow).toHaveTextContent('Dan Client (client)');
      expect(within(carolRow).getByTestId('invitation-form')).toHaveTextContent('Buyer intake: completed on Jan 17, 2026');
      expect(within(await row('inv-bob')).queryByTestId('invitation-form')).not.toBeInTheDocument();

      expect(screen.getByText('3 invitations')).toBeInTheDocument();
      expect(calls.list).toHaveLength(1);
      expect(lastQuery(calls)).toEqual({ page: '1', pageSize: '25' });
    });

    it('shows the empty state when there are no invitations', async () => {
      mockApi({ list: () => HttpResponse.json(page([])) });
      renderPage(ALL_ACTIONS);

      expect(await screen.findByText(/No invitations yet\./)).toBeInTheDocument();
      expect(screen.getByText('No invitations')).toBeInTheDocument();
      expect(document.querySelector('table')).toBeNull();
      expect(screen.queryByText('Clear filters')).not.toBeInTheDocument();
    });

    it('shows the server error of a failed list and loads again on Retry', async () => {
      let fail = true;
      const { calls } = mockApi({ list: () => (fail ? serverError(500, 'Database unavailable') : HttpResponse.json(page(ROWS))) });
      const { user } = renderPage(['read']);

      expect(await screen.findByText('The invitations could not be loaded: Database unavailable')).toBeInTheDocument();
      expect(document.querySelector('table')).toBeNull();

      fail = false;
      await user.click(button(document.body, 'Retry'));
      expect(await row('inv-jane')).toBeInTheDocument();
      expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
      expect(calls.list).toHaveLength(2);
    });

    it('shows the validation message of a rejected query (400)', async () => {
      mockApi({ list: () => serverError(400, 'to: must not be before from') });
      renderPage(['read'], [`${ENTRY}?from=2026-02-01&to=2026-01-01`]);

      expect(await screen.findByText('The invitations could not be loaded: to: must not be before from')).toBeInTheDocument();
      expect(button(document.body, 'Retry')).toBeEnabled();
    });
  });

  describe('filters and pagination', () => {
    it('sends the chosen status, agent and property as the list query, back on page 1', async () => {
      const { calls } = mockApi({ list: () => HttpResponse.json(page(ROWS, { pageCount: 3, total: 60 })) });
      const { user } = renderPage(['read'], [`${ENTRY}?page=3`]);
      await row('inv-jane');
      expect(lastQuery(calls)).toEqual({ page: '3', pageSize: '25' });

      await choose(user, 'Status', 'Email not delivered');
      await waitFor(() => expect(lastQuery(calls)).toEqual({ status: 'delivery_failed', page: '1', pageSize: '25' }));

      await choose(user, 'Invited by', 'Ann Agent');
      await waitFor(() => expect(lastQuery(calls)).toEqual({ status: 'delivery_failed', agent: '7', page: '1', pageSize: '25' }));

      await choose(user, 'Property', 'Old Mill');
      await waitFor(() =>
        expect(lastQuery(calls)).toEqual({ status: 'delivery_failed', agent: '7', property: 'prop-mill', page: '1', pageSize: '25' }),
      );
    });

    it('sends the search box text as q after the typing pause, once', async () => {
      const { calls } = mockApi();
      const { user } = renderPage(['read']);
      await row('inv-jane');

      await user.type(screen.getByPlaceholderText('Name or email'), 'jane doe');
      await waitFor(() => expect(lastQuery(calls)).toEqual({ q: 'jane doe', page: '1', pageSize: '25' }), { timeout: 3000 });
      expect(calls.list).toHaveLength(2);
    });

    it('sends the from and to days of the date filters', async () => {
      const { calls } = mockApi();
      renderPage(['read']);
      await row('inv-jane');

      fireEvent.change(screen.getByLabelText('Sent from'), { target: { value: '2026-01-01' } });
      await waitFor(() => expect(lastQuery(calls)).toEqual({ from: '2026-01-01', page: '1', pageSize: '25' }));
      fireEvent.change(screen.getByLabelText('Sent until'), { target: { value: '2026-01-31' } });
      await waitFor(() => expect(lastQuery(calls)).toEqual({ from: '2026-01-01', to: '2026-01-31', page: '1', pageSize: '25' }));
    });

    it('says no invitation matches the filters, and Clear filters lists all again', async () => {
      const { calls } = mockApi({ list: (query) => HttpResponse.json(page(query.has('status') ? [] : ROWS)) });
      const { user } = renderPage(['read'], [`${ENTRY}?status=revoked&_q=nobody`]);

      expect(await screen.findByText('No invitations match these filters. Change or clear the filters to see more.')).toBeInTheDocument();
      expect(lastQuery(calls)).toEqual({ status: 'revoked', q: 'nobody', page: '1', pageSize: '25' });
      expect(screen.getByPlaceholderText('Name or email')).toHaveValue('nobody');

      await user.click(button(document.body, 'Clear filters'));
      expect(await row('inv-jane')).toBeInTheDocument();
      expect(lastQuery(calls)).toEqual({ page: '1', pageSize: '25' });
      expect(screen.getByPlaceholderText('Name or email')).toHaveValue('');
    });

    it('asks for the page chosen in the pagination, keeping the filters', async () => {
      const { calls } = mockApi({ list: (query) => HttpResponse.json(page(ROWS, { page: Number(query.get('page')), pageCount: 3, total: 60 })) });
      const { user } = renderPage(['read'], [`${ENTRY}?status=invited`]);
      await row('inv-jane');
      expect(screen.getByText('60 invitations')).toBeInTheDocument();

      await user.click(screen.getByText('Go to page 2').closest('a')!);
      await waitFor(() => expect(lastQuery(calls)).toEqual({ status: 'invited', page: '2', pageSize: '25' }));
    });
  });

  describe('permissions', () => {
    it('offers resend, revoke and selection of the invitations that can still change to an agent with both actions', async () => {
      mockApi();
      renderPage(ALL_ACTIONS);

      for (const [id, email] of [['inv-jane', 'jane@example.com'], ['inv-bob', 'bob@example.com']]) {
        expect(await rowButton(id, `Resend invitation to ${email}`)).toBeInTheDocument();
        expect(await rowButton(id, `Revoke invitation of ${email}`)).toBeInTheDocument();
      }
      // an accepted invitation cannot be resent or revoked, but can be selected
      expect(queryRowButton('inv-carol', 'Resend invitation to carol@example.com')).not.toBeInTheDocument();
      expect(queryRowButton('inv-carol', 'Revoke invitation of carol@example.com')).not.toBeInTheDocument();
      expect(await rowCheckbox('inv-carol', 'carol@example.com')).toBeInTheDocument();
      expect(screen.getByLabelText('Select all invitations on this page')).toBeInTheDocument();
    });

    it('has resend but no revoke (row or bulk) with invitations.resend alone', async () => {
      mockApi();
      const { user } = renderPage(['read', 'invitations.resend']);

      expect(await rowButton('inv-jane', 'Resend invitation to jane@example.com')).toBeInTheDocument();
      expect(queryRowButton('inv-jane', 'Revoke invitation of jane@example.com')).not.toBeInTheDocument();

      await user.click(await rowCheckbox('inv-jane', 'jane@example.com'));
      const bar = await bulkBar('1 invitation selected');
      expect(button(bar, 'Resend')).toBeInTheDocument();
      expect(queryButton(bar, 'Revoke')).not.toBeInTheDocument();
    });

    it('has revoke but no resend (row or bulk) with invitations.revoke alone', async () => {
      mockApi();
      const { user } = renderPage(['read', 'invitations.revoke']);

      expect(await rowButton('inv-bob', 'Revoke invitation of bob@example.com')).toBeInTheDocument();
      expect(queryRowButton('inv-bob', 'Resend invitation to bob@example.com')).not.toBeInTheDocument();

      await user.click(await rowCheckbox('inv-bob', 'bob@example.com'));
      const bar = await bulkBar('1 invitation selected');
      expect(button(bar, 'Revoke')).toBeInTheDocument();
      expect(queryButton(bar, 'Resend')).not.toBeInTheDocument();
    });

    it('has no resend, revoke or selection without either action', async () => {
      mockApi();
      renderPage(['read', 'invitations.create', 'portal-users.export']);

      expect(await rowButton('inv-jane', 'Details of jane@example.com')).toBeInTheDocument();
      for (const id of ['inv-jane', 'inv-bob']) {
        expect(queryRowButton(id, /^Resend invitation to/)).not.toBeInTheDocument();
        expect(queryRowButton(id, /^Revoke invitation of/)).not.toBeInTheDocument();
      }
      expect(document.querySelector('[role="checkbox"], input[type="checkbox"]')).toBeNull();
    });
  });

  describe('resend and revoke one invitation', () => {
    it('resends only after confirmation, then says so and reloads the list', async () => {
      const { calls } = mockApi();
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowButton('inv-bob', 'Resend invitation to bob@example.com'));
      const dialog = await confirmation('Resend the invitation to bob@example.com?');
      expect(dialog).toHaveTextContent('A new email with a fresh link is sent');
      expect(calls.resend).toHaveLength(0);

      await user.click(button(dialog, 'Resend'));
      expect(await screen.findByText('Invitation resent to bob@example.com')).toBeInTheDocument();
      expect(calls.resend).toEqual([{ id: 'inv-bob', body: {} }]);
      expect(calls.revoke).toHaveLength(0);
      await noConfirmation();
      await waitFor(() => expect(calls.list).toHaveLength(2));
    });

    it('revokes only after confirmation', async () => {
      const { calls } = mockApi();
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowButton('inv-jane', 'Revoke invitation of jane@example.com'));
      const dialog = await confirmation('Revoke the invitation of jane@example.com?');
      expect(dialog).toHaveTextContent('This cannot be undone');
      expect(calls.revoke).toHaveLength(0);

      await user.click(button(dialog, 'Revoke'));
      expect(await screen.findByText('Invitation of jane@example.com revoked')).toBeInTheDocument();
      expect(calls.revoke).toEqual([{ id: 'inv-jane', body: {} }]);
      expect(calls.resend).toHaveLength(0);
      await waitFor(() => expect(calls.list).toHaveLength(2));
    });

    it('sends nothing when the confirmation is cancelled', async () => {
      const { calls } = mockApi();
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowButton('inv-jane', 'Revoke invitation of jane@example.com'));
      await user.click(button(await confirmation('Revoke the invitation of jane@example.com?'), 'Cancel'));
      await noConfirmation();

      await user.click(await rowButton('inv-jane', 'Resend invitation to jane@example.com'));
      await user.click(button(await confirmation('Resend the invitation to jane@example.com?'), 'Cancel'));
      await noConfirmation();

      expect(calls.revoke).toHaveLength(0);
      expect(calls.resend).toHaveLength(0);
      expect(calls.list).toHaveLength(1);
    });

    it('shows the server message when a revoke is refused', async () => {
      const { calls, answers } = mockApi();
      answers.single = () => serverError(400, 'The invitation was already accepted') as Response;
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowButton('inv-jane', 'Revoke invitation of jane@example.com'));
      await user.click(button(await confirmation('Revoke the invitation of jane@example.com?'), 'Revoke'));

      expect(await screen.findByText('The invitation was already accepted')).toBeInTheDocument();
      expect(calls.revoke).toHaveLength(1);
      expect(screen.queryByText('Invitation of jane@example.com revoked')).not.toBeInTheDocument();
    });
  });

  describe('bulk resend and revoke', () => {
    it('resends the selected invitations after confirmation and reports each one that failed', async () => {
      const { calls, answers } = mockApi();
      answers.bulk = () =>
        HttpResponse.json({
          data: {
            done: [bob],
            failed: [{ invitation: 'inv-jane', code: 'DELIVERY_FAILED', message: 'the mail server refused the message' }],
          },
        }) as Response;
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowCheckbox('inv-jane', 'jane@example.com'));
      await user.click(await rowCheckbox('inv-bob', 'bob@example.com'));
      await user.click(button(await bulkBar('2 invitations selected'), 'Resend'));
      const dialog = await confirmation('Resend 2 invitations?');
      expect(calls.bulkResend).toHaveLength(0);

      await user.click(button(dialog, 'Resend'));
      expect(await screen.findByText('1 invitation resent')).toBeInTheDocument();
      expect(calls.bulkResend).toEqual([{ invitations: ['inv-jane', 'inv-bob'] }]);
      expect(await screen.findByText('1 invitation was not resent')).toBeInTheDocument();
      expect(screen.getByText('Jane Doe <jane@example.com>: the mail server refused the message')).toBeInTheDocument();
      expect(calls.resend).toHaveLength(0);
      // the list is loaded again and the selection cleared
      await waitFor(() => expect(calls.list).toHaveLength(2));
      await waitFor(() => expect(screen.queryByText(/invitations? selected/)).not.toBeInTheDocument());
    });

    it('revokes every invitation of the page chosen with Select all, only after confirmation; Cancel sends nothing', async () => {
      const { calls, answers } = mockApi();
      answers.bulk = () =>
        HttpResponse.json({
          data: {
            done: [jane, bob],
            failed: [{ invitation: 'inv-carol', code: 'NOT_REVOCABLE', message: 'an accepted invitation cannot be revoked' }],
          },
        }) as Response;
      const { user } = renderPage(ALL_ACTIONS);
      await row('inv-jane');

      await user.click(screen.getByLabelText('Select all invitations on this page'));
      await user.click(button(await bulkBar('3 invitations selected'), 'Revoke'));
      await user.click(button(await confirmation('Revoke 3 invitations?'), 'Cancel'));
      await noConfirmation();
      expect(calls.bulkRevoke).toHaveLength(0);

      await user.click(button(await bulkBar('3 invitations selected'), 'Revoke'));
      const dialog = await confirmation('Revoke 3 invitations?');
      expect(calls.bulkRevoke).toHaveLength(0);
      await user.click(button(dialog, 'Revoke'));

      expect(await screen.findByText('2 invitations revoked')).toBeInTheDocument();
      expect(calls.bulkRevoke).toEqual([{ invitations: ['inv-jane', 'inv-bob', 'inv-carol'] }]);
      expect(await screen.findByText('1 invitation was not revoked')).toBeInTheDocument();
      // no name on the invitation or its contact: the email alone
      expect(screen.getByText('carol@example.com: an accepted invitation cannot be revoked')).toBeInTheDocument();
      expect(calls.revoke).toHaveLength(0);
    });
  });

  describe('details', () => {
    it('shows everything about a failed invitation, including the mail server answer', async () => {
      mockApi();
      const { user } = renderPage(['read']);

      await user.click(await rowButton('inv-bob', 'Details of bob@example.com'));
      const title = await screen.findByText('Invitation of Bob Stone <bob@example.com>');
      const dialog = title.closest<HTMLElement>('[role="dialog"]')!;
      expect(dialog).not.toBeNull();
      expect(within(dialog).getByTestId('invitation-details-status')).toHaveAttribute('data-status', 'delivery_failed');
      expect(within(dialog).getByTestId('details-delivery-error')).toHaveTextContent(SMTP_ERROR);
      expect(dialog).toHaveTextContent('Email deliveryFailed');
      expect(dialog).toHaveTextContent('Delivery attempts3');
      expect(dialog).toHaveTextContent('Sends2');
      expect(dialog).toHaveTextContent('No property (account-wide)');
      expect(dialog).toHaveTextContent('No personal message');
      expect(dialog).toHaveTextContent('None: the role’s permissions apply');

      const closes = within(dialog).getAllByText('Close').map((label) => label.closest('button')!);
      await user.click(closes[closes.length - 1]);
      await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    });

    it('opens from a click on the row, with the message and the permission changes', async () => {
      mockApi();
      const { user } = renderPage(['read']);

      await user.click(within(await row('inv-jane')).getByText('Villa Rosa'));
      const dialog = (await screen.findByText('Invitation of Jane Doe <jane@example.com>')).closest<HTMLElement>('[role="dialog"]')!;
      expect(dialog).toHaveTextContent('Welcome to your portal, Jane!');
      expect(dialog).toHaveTextContent('Message agent: not allowed');
      expect(dialog).toHaveTextContent('Upload photos: allowed');
      expect(dialog).toHaveTextContent('Villa Rosa');
      expect(within(dialog).queryByTestId('details-delivery-error')).not.toBeInTheDocument();
    });

    it('does not open the details for a click on a row checkbox or action button', async () => {
      const { calls } = mockApi();
      const { user } = renderPage(ALL_ACTIONS);

      await user.click(await rowCheckbox('inv-jane', 'jane@example.com'));
      expect(await screen.findByText('1 invitation selected')).toBeInTheDocument();
      expect(document.querySelector('[role="dialog"]')).toBeNull();

      await user.click(await rowButton('inv-jane', 'Resend invitation to jane@example.com'));
      await confirmation('Resend the invitation to jane@example.com?');
      expect(document.querySelector('[role="dialog"]')).toBeNull();
      expect(calls.resend).toHaveLength(0);
    });
  });
});
