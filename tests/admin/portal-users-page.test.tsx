/**
 * The Portal users page (pages/PortalUsersPage.tsx): every client account with its activation status, the filters as
 * the query of GET /client-portal/portal-users, the CSV download (GET /client-portal/portal-users/export with the
 * current filters) behind portal-users.export, and the empty and error states.
 */
import { within } from '@testing-library/react';
import { PortalUsersPage } from '../../src/plugins/client-portal/admin/src/pages/PortalUsersPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const ENTRY = '/plugins/client-portal/portal-users';
const CSV = 'email,firstName,lastName,status\nalice@example.com,Alice,Green,active\n';

const user = (overrides: Record<string, unknown>) => ({
  documentId: 'pu-x',
  email: 'x@example.com',
  firstName: null,
  lastName: null,
  activationStatus: 'active',
  mustChangePassword: false,
  creationMethod: 'invitation',
  contact: null,
  role: { key: 'buyer', name: 'Buyer' },
  responsibleAgent: null,
  invitedAt: '2026-01-10T09:00:00.000Z',
  firstLoginAt: null,
  lastLoginAt: null,
  createdAt: '2026-01-10T09:00:00.000Z',
  ...overrides,
});

const alice = user({
  documentId: 'pu-alice',
  email: 'alice@example.com',
  firstName: 'Alice',
  lastName: 'Green',
  mustChangePassword: true,
  creationMethod: 'agent_created',
  contact: { documentId: 'contact-alice', name: 'Alice Green' },
  responsibleAgent: { name: 'Ann Agent', email: 'ann@agency.test' },
  firstLoginAt: '2026-01-11T08:00:00.000Z',
  lastLoginAt: '2026-01-20T08:00:00.000Z',
  groups: ['Green household', 'Green Ltd'],
});
const dave = user({ documentId: 'pu-dave', email: 'dave@example.com', activationStatus: 'draft', role: { key: 'seller', name: 'Seller' } });
const erin = user({
  documentId: 'pu-erin',
  email: 'erin@example.com',
  activationStatus: 'blocked',
  mustChangePassword: true,
  contact: { documentId: 'contact-erin', name: null },
  responsibleAgent: { name: null, email: 'ben@agency.test' },
  firstLoginAt: '2026-01-12T08:00:00.000Z',
  lastLoginAt: '2026-01-13T08:00:00.000Z',
});
const ROWS = [alice, dave, erin];

const page = (rows: unknown[]) => ({ data: rows, meta: { pagination: { page: 1, pageSize: 25, pageCount: rows.length ? 1 : 0, total: rows.length } } });

const serverError = (status: number, message: string) =>
  HttpResponse.json({ data: null, error: { status, name: status === 400 ? 'ValidationError' : 'InternalServerError', message, details: {} } }, { status });

const csvAnswer = () =>
  new HttpResponse(CSV, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="portal-users-2026-01-31.csv"' },
  });

/** Answers the list (queries recorded), the export (queries recorded), and the roles and agents of the filters. */
const mockApi = ({ list = () => HttpResponse.json(page(ROWS)), exportCsv = csvAnswer }: { list?: (query: URLSearchParams) => Response; exportCsv?: () => Response } = {}) => {
  const calls = { list: [] as URLSearchParams[], export: [] as URLSearchParams[] };
  server.use(
    http.get('/client-portal/portal-users/export', ({ request }) => {
      calls.export.push(new URL(request.url).searchParams);
      return exportCsv();
    }),
    http.get('/client-portal/portal-users', ({ request }) => {
      const query = new URL(request.url).searchParams;
      calls.list.push(query);
      return list(query);
    }),
    http.get('/client-portal/roles', () =>
      HttpResponse.json({
        data: [
          { id: 1, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: {} },
          { id: 2, documentId: 'role-seller', key: 'seller', name: 'Seller', builtIn: true, permissions: {} },
        ],
        meta: { permissionFlags: [] },
      }),
    ),
    http.get('/admin/users', () =>
      HttpResponse.json({ data: { results: [{ id: 7, firstname: 'Ann', lastname: 'Agent', email: 'ann@agency.test' }, { id: 8, email: 'ben@agency.test' }] } }),
    ),
  );
  return calls;
};

const query = (search: URLSearchParams | undefined) => Object.fromEntries(search ?? []);
const lastQuery = (list: URLSearchParams[]) => query(list[list.length - 1]);

const renderPage = (permissions: string[], initialEntries = [ENTRY]) => render(<PortalUsersPage />, { permissions, initialEntries });

const row = (documentId: string) => screen.findByTestId(`portal-user-${documentId}`);

/*
 * Role queries over the whole page are slow in jsdom (hundreds of ms each): controls are found by their text and
 * checked to be buttons.
 */
const queryButton = (name: string) => screen.queryByText(name)?.closest('button') ?? null;
const button = (name: string) => {
  const found = queryButton(name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

/** Picks an option of one of the filter selects (by the select's label). */
const choose = async (agent: { click: (element: Element) => Promise<void> }, label: string, option: string) => {
  await agent.click(await screen.findByLabelText(label));
  const listbox = await waitFor(() => {
    const found = document.querySelector<HTMLElement>('[role="listbox"]');
    if (!found) throw new Error('the options are not open');
    return found;
  });
  await agent.click(within(listbox).getByText(option));
};

/** URL.createObjectURL / revokeObjectURL (absent in jsdom) and the click on the download link, recorded. */
const stubDownload = () => {
  const created: Blob[] = [];
  const createObjectURL = jest.fn((blob: Blob) => {
    created.push(blob);
    return 'blob:http://localhost:1337/portal-users-csv';
  });
  const revokeObjectURL = jest.fn();
  Object.defineProperty(URL, 'createObjectURL', { configurable: true, writable: true, value: createObjectURL });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, writable: true, value: revokeObjectURL });
  const downloads: Array<{ href: string; download: string; attached: boolean }> = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
  });
  return { created, createObjectURL, revokeObjectURL, downloads, restore: () => click.mockRestore() };
};

describe('PortalUsersPage', () => {
  let download: ReturnType<typeof stubDownload>;
  beforeEach(() => {
    download = stubDownload();
  });
  afterEach(() => {
    download.restore();
    delete (URL as unknown as Record<string, unknown>).createObjectURL;
    delete (URL as unknown as Record<string, unknown>).revokeObjectURL;
  });

  describe('list', () => {
    it('shows each portal user with the activation status, role, agent, logins and contact', async () => {
      const calls = mockApi();
      renderPage(['read']);

      const aliceRow = await row('pu-alice');
      expect(within(aliceRow).getByTestId('activation-status')).toHaveAttribute('data-status', 'active');
      expect(within(aliceRow).getByTestId('activation-status')).toHaveTextContent('Active');
      expect(aliceRow).toHaveTextContent('Temporary password');
      expect(aliceRow).toHaveTextContent('alice@example.com');
      expect(aliceRow).toHaveTextContent('Buyer');
      expect(aliceRow).toHaveTextContent('Ann Agent');
      expect(aliceRow).toHaveTextContent('Green household, Green Ltd');
      expect(aliceRow).not.toHaveTextContent('Never');
      expect(within(aliceRow).getByText('Alice Green', { selector: 'a, a *' }).closest('a')).toHaveAttribute(
        'href',
        '/content-manager/collection-types/api::contact.contact/contact-alice',
      );

      const daveRow = await row('pu-dave');
      expect(within(daveRow).getByTestId('activation-status')).toHaveAttribute('data-status', 'draft');
      expect(within(daveRow).getByTestId('activation-status')).toHaveTextContent('Not verified yet');
      expect(within(daveRow).getAllByText('Never')).toHaveLength(2);
      expect(daveRow).toHaveTextContent('Seller');
      expect(daveRow).toHaveTextContent('Not linked yet');
      expect(daveRow).not.toHaveTextContent('Temporary password');

      const erinRow = await row('pu-erin');
      expect(within(erinRow).getByTestId('activation-status')).toHaveAttribute('data-status', 'blocked');
      expect(within(erinRow).getByTestId('activation-status')).toHaveTextContent('Blocked');
      // a temporary password is only worth saying for an active account
      expect(erinRow).not.toHaveTextContent('Temporary password');
      expect(erinRow).toHaveTextContent('ben@agency.test');
      expect(within(erinRow).getByText('Open contact').closest('a')).toHaveAttribute('href', '/content-manager/collection-types/api::contact.contact/contact-erin');

      expect(screen.getByText('3 portal users')).toBeInTheDocument();
      expect(calls.list).toHaveLength(1);
      expect(lastQuery(calls.list)).toEqual({ page: '1', pageSize: '25' });
    });

    it('shows the empty state when there are no portal users', async () => {
      mockApi({ list: () => HttpResponse.json(page([])) });
      renderPage(['read', 'portal-users.export']);

      expect(await screen.findByText(/No portal users yet\./)).toBeInTheDocument();
      expect(screen.getByText('No portal users')).toBeInTheDocument();
      expect(document.querySelector('table')).toBeNull();
      expect(queryButton('Clear filters')).toBeNull();
    });

    it('shows the server error of a failed list and loads again on Retry', async () => {
      let fail = true;
      const calls = mockApi({ list: () => (fail ? serverError(500, 'Database unavailable') : HttpResponse.json(page(ROWS))) });
      const { user: agent } = renderPage(['read']);

      expect(await screen.findByText('The portal users could not be loaded: Database unavailable')).toBeInTheDocument();
      expect(document.querySelector('table')).toBeNull();

      fail = false;
      await agent.click(button('Retry'));
      expect(await row('pu-alice')).toBeInTheDocument();
      expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
      expect(calls.list).toHaveLength(2);
    });

    it('shows the validation message of a rejected query (400)', async () => {
      mockApi({ list: () => serverError(400, 'agent: must be an admin user id') });
      renderPage(['read'], [`${ENTRY}?agent=99`]);

      expect(await screen.findByText('The portal users could not be loaded: agent: must be an admin user id')).toBeInTheDocument();
      expect(button('Retry')).toBeEnabled();
    });
  });

  describe('filters', () => {
    it('sends the chosen activation status, role and agent as the list query, back on page 1', async () => {
      const calls = mockApi();
      const { user: agent } = renderPage(['read'], [`${ENTRY}?page=2`]);
      await row('pu-alice');
      expect(lastQuery(calls.list)).toEqual({ page: '2', pageSize: '25' });

      await choose(agent, 'Activation status', 'Blocked');
      await waitFor(() => expect(lastQuery(calls.list)).toEqual({ status: 'blocked', page: '1', pageSize: '25' }));

      await choose(agent, 'Portal role', 'Seller');
      await waitFor(() => expect(lastQuery(calls.list)).toEqual({ status: 'blocked', role: 'seller', page: '1', pageSize: '25' }));

      await choose(agent, 'Responsible agent', 'Ann Agent');
      await waitFor(() => expect(lastQuery(calls.list)).toEqual({ status: 'blocked', role: 'seller', agent: '7', page: '1', pageSize: '25' }));
    });

    it('sends the search box text as q after the typing pause, once', async () => {
      const calls = mockApi();
      const { user: agent } = renderPage(['read']);
      await row('pu-alice');

      await agent.type(screen.getByPlaceholderText('Name or email'), 'alice green');
      await waitFor(() => expect(lastQuery(calls.list)).toEqual({ q: 'alice green', page: '1', pageSize: '25' }), { timeout: 3000 });
      expect(calls.list).toHaveLength(2);
    });

    it('says no portal user matches the filters, and Clear filters lists all again', async () => {
      const calls = mockApi({ list: (search) => HttpResponse.json(page(search.has('status') ? [] : ROWS)) });
      const { user: agent } = renderPage(['read'], [`${ENTRY}?status=blocked&_q=nobody`]);

      expect(await screen.findByText('No portal users match these filters. Change or clear the filters to see more.')).toBeInTheDocument();
      expect(lastQuery(calls.list)).toEqual({ status: 'blocked', q: 'nobody', page: '1', pageSize: '25' });
      expect(screen.getByPlaceholderText('Name or email')).toHaveValue('nobody');

      await agent.click(button('Clear filters'));
      expect(await row('pu-alice')).toBeInTheDocument();
      expect(lastQuery(calls.list)).toEqual({ page: '1', pageSize: '25' });
      expect(screen.getByPlaceholderText('Name or email')).toHaveValue('');
    });
  });

  describe('CSV export', () => {
    it('offers Download CSV to an agent with portal-users.export', async () => {
      mockApi();
      renderPage(['read', 'portal-users.export']);

      await row('pu-alice');
      expect(await screen.findByText('Download CSV')).toBeInTheDocument();
      expect(button('Download CSV')).toBeEnabled();
    });

    it('has no Download CSV without portal-users.export', async () => {
      const calls = mockApi();
      renderPage(['read', 'portal-users.create', 'invitations.create']);

      await row('pu-alice');
      // the role filter (its own request) has loaded too
      expect(await screen.findByLabelText('Portal role')).toBeInTheDocument();
      expect(queryButton('Download CSV')).toBeNull();
      expect(calls.export).toHaveLength(0);
    });

    it('downloads the CSV of the current filters (without the page) as the server names it', async () => {
      const calls = mockApi();
      const { user: agent } = renderPage(['read', 'portal-users.export'], [`${ENTRY}?role=buyer&agent=7&_q=alice&page=2&pageSize=10`]);
      await row('pu-alice');
      expect(lastQuery(calls.list)).toEqual({ role: 'buyer', agent: '7', q: 'alice', page: '2', pageSize: '10' });

      // a filter changed on the page counts too
      await choose(agent, 'Activation status', 'Active');
      await waitFor(() => expect(lastQuery(calls.list)).toMatchObject({ status: 'active', page: '1' }));
      expect(calls.export).toHaveLength(0);

      await agent.click(button('Download CSV'));
      await waitFor(() => expect(download.downloads).toHaveLength(1));
      expect(calls.export).toHaveLength(1);
      expect(query(calls.export[0])).toEqual({ status: 'active', role: 'buyer', agent: '7', q: 'alice' });

      expect(download.createObjectURL).toHaveBeenCalledTimes(1);
      expect(await download.created[0].text()).toBe(CSV);
      expect(download.downloads[0]).toEqual({ href: 'blob:http://localhost:1337/portal-users-csv', download: 'portal-users-2026-01-31.csv', attached: true });
      // the link is removed, and the object URL released shortly after
      expect(document.querySelector('a[download]')).toBeNull();
      await waitFor(() => expect(download.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost:1337/portal-users-csv'), { timeout: 3000 });
      expect(screen.queryByText(/could not be downloaded/)).not.toBeInTheDocument();
    });

    it('exports everything when no filter is set', async () => {
      const calls = mockApi();
      const { user: agent } = renderPage(['read', 'portal-users.export']);
      await row('pu-alice');

      await agent.click(button('Download CSV'));
      await waitFor(() => expect(download.downloads).toHaveLength(1));
      expect(calls.export).toHaveLength(1);
      expect(query(calls.export[0])).toEqual({});
    });

    it('shows the server message when the export fails, and saves nothing', async () => {
      const calls = mockApi({ exportCsv: () => serverError(500, 'The export timed out') });
      const { user: agent } = renderPage(['read', 'portal-users.export']);
      await row('pu-alice');

      await agent.click(button('Download CSV'));
      expect(await screen.findByText('The export timed out')).toBeInTheDocument();
      expect(calls.export).toHaveLength(1);
      expect(download.createObjectURL).not.toHaveBeenCalled();
      expect(download.downloads).toHaveLength(0);
      expect(button('Download CSV')).toBeEnabled();
    });

    it('names the HTTP status when a failed export has no message', async () => {
      mockApi({ exportCsv: () => new HttpResponse('Bad gateway', { status: 502, headers: { 'Content-Type': 'text/plain' } }) });
      const { user: agent } = renderPage(['read', 'portal-users.export']);
      await row('pu-alice');

      await agent.click(button('Download CSV'));
      expect(await screen.findByText('The CSV could not be downloaded (HTTP 502)')).toBeInTheDocument();
      expect(download.createObjectURL).not.toHaveBeenCalled();
    });
  });

  describe('remove from portal', () => {
    it('asks first, then removes the contact behind the row and reloads the list; nothing is sent on cancel', async () => {
      const removed: string[] = [];
      let rows = ROWS;
      const calls = mockApi({ list: () => HttpResponse.json(page(rows)) });
      server.use(
        http.post('/client-portal/contacts/:documentId/remove-portal-access', ({ params }) => {
          removed.push(String(params.documentId));
          rows = ROWS.filter((entry) => entry !== alice);
          return HttpResponse.json({ data: { contact: params.documentId, account: 'pu-alice', removedAt: '2026-02-01T10:00:00.000Z', revokedInvitations: ['inv-1'], endedSessions: 2 } });
        }),
      );
      const { user: agent } = renderPage(['read', 'portal-users.remove']);

      const aliceRow = await row('pu-alice');
      // Only rows with a contact can be removed (a self-registration not verified yet has none).
      expect(within(await row('pu-dave')).queryByText('Remove from portal')).toBeNull();
      await agent.click(within(aliceRow).getByText('Remove from portal'));
      expect(await screen.findByText('Remove Alice Green from the portal?')).toBeInTheDocument();
      expect(screen.getByText(/Their notes, photos, answers and history stay/)).toBeInTheDocument();
      await agent.click(button('Cancel'));
      await waitFor(() => expect(screen.queryByText('Remove Alice Green from the portal?')).toBeNull());
      expect(removed).toEqual([]);

      await agent.click(within(await row('pu-alice')).getByText('Remove from portal'));
      const dialog = await screen.findByRole('alertdialog');
      await agent.click(within(dialog).getByText('Remove from portal'));
      await waitFor(() => expect(removed).toEqual(['contact-alice']));
      expect(await screen.findByText('Alice Green was removed from the portal and 1 pending invitation revoked')).toBeInTheDocument();
      await waitFor(() => expect(screen.queryByTestId('portal-user-pu-alice')).toBeNull());
      expect(calls.list.length).toBeGreaterThanOrEqual(2);
    });

    it('shows no remove button without the portal-users.remove action, and removed accounts under their own filter', async () => {
      const gone = user({ documentId: 'pu-gone', email: 'gone@example.com', activationStatus: 'removed', contact: { documentId: 'contact-gone', name: 'Gone Client' } });
      const calls = mockApi({ list: (search) => HttpResponse.json(page(search.get('status') === 'removed' ? [gone] : ROWS)) });
      const { user: agent } = renderPage(['read']);
      await row('pu-alice');
      expect(screen.queryByText('Remove from portal')).toBeNull();

      await choose(agent, 'Activation status', 'Removed from the portal');
      const goneRow = await row('pu-gone');
      expect(lastQuery(calls.list)).toMatchObject({ status: 'removed' });
      expect(within(goneRow).getByTestId('activation-status')).toHaveAttribute('data-status', 'removed');
      expect(within(goneRow).queryByText('Remove from portal')).toBeNull();
    });
  });

  describe('invite more', () => {
    it('opens Invite more for an active client with a contact (with invitations.invite-more), and sends the other person', async () => {
      mockApi();
      const sent: any[] = [];
      server.use(
        http.post('/client-portal/contacts/:documentId/invite-more', async ({ request, params }) => {
          sent.push({ contact: params.documentId, ...((await request.json()) as object) });
          return HttpResponse.json({ data: { group: { documentId: 'g1', name: 'Green household', members: [], properties: [] }, contact: 'c-new', invitation: null } }, { status: 201 });
        }),
      );
      const { user: agent } = renderPage(['read', 'invitations.invite-more']);
      const aliceRow = await row('pu-alice');
      // Only active accounts with a contact can bring others in.
      expect(within(await row('pu-erin')).queryByText('Invite more')).toBeNull();
      await agent.click(within(aliceRow).getByText('Invite more'));
      const dialog = await screen.findByRole('dialog');
      expect(dialog).toHaveTextContent('Invite more people to Alice Green’s portal');
      await agent.type(within(dialog).getByLabelText(/^First name/), 'Pat');
      await agent.type(within(dialog).getByLabelText(/^Last name/), 'Green');
      await agent.type(within(dialog).getByLabelText(/^Email/), 'pat@example.com');
      await agent.click(within(dialog).getByText('Send invite'));
      await waitFor(() => expect(sent).toEqual([expect.objectContaining({ contact: 'contact-alice', firstName: 'Pat', lastName: 'Green', email: 'pat@example.com', portalRole: 'role-buyer' })]));
      expect(await screen.findByText('Invited into Green household')).toBeInTheDocument();
    });

    it('has no Invite more without invitations.invite-more', async () => {
      mockApi();
      renderPage(['read', 'portal-users.remove']);
      const aliceRow = await row('pu-alice');
      // Remove from portal shows the permission checks are done.
      expect(within(aliceRow).getByText('Remove from portal')).toBeInTheDocument();
      expect(within(aliceRow).queryByText('Invite more')).toBeNull();
    });
  });
});
