/**
 * Inviting from the content manager's contact list:
 * - the bulk action (BulkInviteAction → BulkInviteModal): role picker, "Send N invitations", POST
 *   /client-portal/invitations/bulk in chunks of 25 with progress, then a per-contact result table (a failing chunk
 *   marks its contacts skipped with the server's message) and "Copy results" as TSV;
 * - the row action (RowInviteAction → RowInvite): the contact's portal status decides between the invite form, the
 *   share form, and a message that an invitation is already waiting.
 * Both actions exist only for agents holding invitations.create.
 */
import { renderHook } from '@strapi/strapi/admin/test';
import { useRBAC } from '@strapi/strapi/admin';
import { BulkInviteAction, BulkInviteModal } from '../../src/plugins/client-portal/admin/src/components/contacts/BulkInviteAction';
import { RowInvite, RowInviteAction } from '../../src/plugins/client-portal/admin/src/components/contacts/RowInviteAction';
import { STATUS_CHANGED } from '../../src/plugins/client-portal/admin/src/components/contacts/PortalStatusColumn';
import { PERMISSIONS } from '../../src/plugins/client-portal/admin/src/permissions';
import { http, HttpResponse, pluginPermissions, render, screen, server, waitFor } from './render';

const roles = [
  { id: 1, documentId: 'role-seller', key: 'seller', name: 'Seller', builtIn: true, permissions: { viewProperties: true } },
  { id: 2, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: { viewProperties: true, messageAgent: true } },
];

/** 30 contacts: c1 … c30, "Client 1" … "Client 30". */
const people = Array.from({ length: 30 }, (_, index) => ({
  documentId: `c${index + 1}`,
  firstName: 'Client',
  lastName: String(index + 1),
  email: `client${index + 1}@example.com`,
}));

const failure = (status: number, message: string, name = 'ApplicationError') => HttpResponse.json({ data: null, error: { status, name, message, details: {} } }, { status });

type BulkBody = { contacts: string[]; portalRole: string; property: string | null; form: string | null };

/** Roles, properties and the bulk endpoint (`bulk` answers each chunk; the default skips c2 and c27). */
const mockBulkApi = (bulk?: (body: BulkBody, call: number) => Response | Promise<Response>) => {
  const bodies: BulkBody[] = [];
  server.use(
    http.get('/client-portal/roles', () => HttpResponse.json({ data: roles, meta: { permissionFlags: ['viewProperties', 'messageAgent'] } })),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () =>
      HttpResponse.json({ results: [{ documentId: 'prop-canal', title: 'Canal House' }], pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } }),
    ),
    http.get('/client-portal/forms', () => HttpResponse.json({ data: [{ documentId: 'form-1', title: 'Buyer intake', fields: [] }], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } })),
    http.post('/client-portal/invitations/bulk', async ({ request }) => {
      const body = (await request.json()) as BulkBody;
      bodies.push(body);
      if (bulk) return bulk(body, bodies.length);
      const skip = { c2: ['no_email', 'An email address is required to send an invite'], c27: ['invite_pending', 'An invitation is already pending'] } as Record<string, string[]>;
      return HttpResponse.json({
        data: {
          invited: body.contacts.filter((id) => !skip[id]).map((contact) => ({ contact, invitation: `inv-${contact}` })),
          skipped: body.contacts.filter((id) => skip[id]).map((contact) => ({ contact, reason: skip[contact][0], message: skip[contact][1] })),
        },
      });
    }),
  );
  return bodies;
};

const renderModal = (list = people) => {
  const onClose = jest.fn();
  const result = render(<BulkInviteModal people={list} onClose={onClose} />, { permissions: ['read', 'invitations.create'] });
  return { ...result, onClose };
};

const rowOf = (name: string) => screen.getAllByTestId('bulk-result-row').find((row) => row.textContent?.startsWith(name))!;

describe('BulkInviteModal', () => {
  it('offers the portal roles (buyer first) and starts with "Send N invitations"', async () => {
    const bodies = mockBulkApi();
    renderModal();

    const start = await screen.findByRole('button', { name: 'Send 30 invitations' });
    expect(start).toBeEnabled();
    expect(screen.getByText(/Invite the 30 selected contacts to the client portal/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /^Portal role/ })).toHaveTextContent('Buyer');
    expect(await screen.findByRole('combobox', { name: /^Property/ })).toHaveTextContent('No property');
    expect(bodies).toHaveLength(0);
  });

  it('sends 30 contacts as two chunks (25 + 5), shows the progress, then who was invited and who was not, and why', async () => {
    let releaseSecond: () => void = () => {};
    const secondHeld = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const changed = jest.fn();
    window.addEventListener(STATUS_CHANGED, changed);
    const bodies = mockBulkApi(async (body, call) => {
      if (call === 2) await secondHeld;
      const skippedIds = call === 1 ? ['c2'] : ['c27'];
      return HttpResponse.json({
        data: {
          invited: body.contacts.filter((id) => !skippedIds.includes(id)).map((contact) => ({ contact, invitation: `inv-${contact}` })),
          skipped: skippedIds.map((contact) => ({ contact, reason: 'no_email', message: call === 1 ? 'An email address is required to send an invite' : 'An invitation is already pending' })),
        },
      });
    });
    const { user } = renderModal();

    await user.click(await screen.findByRole('button', { name: 'Send 30 invitations' }));

    // The first chunk is answered, the second is still on its way.
    expect(await screen.findByText('Inviting… 25 of 30')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send 30 invitations' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('bulk-summary')).not.toBeInTheDocument();
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({ contacts: people.slice(0, 25).map((person) => person.documentId), portalRole: 'role-buyer', property: null, form: null });
    expect(bodies[1]).toEqual({ contacts: people.slice(25).map((person) => person.documentId), portalRole: 'role-buyer', property: null, form: null });

    releaseSecond();

    expect(await screen.findByTestId('bulk-summary')).toHaveTextContent('28 invited, 2 skipped');
    expect(screen.queryByText(/Inviting…/)).not.toBeInTheDocument();
    expect(screen.getAllByTestId('bulk-result-row')).toHaveLength(30);
    expect(rowOf('Client 1')).toHaveTextContent(/^Client 1Invited$/);
    expect(rowOf('Client 2')).toHaveTextContent('Client 2SkippedAn email address is required to send an invite');
    expect(rowOf('Client 27')).toHaveTextContent('Client 27SkippedAn invitation is already pending');
    expect(rowOf('Client 30')).toHaveTextContent(/^Client 30Invited$/);
    // The contact list's status column is told to refresh.
    expect(changed).toHaveBeenCalledTimes(1);
    window.removeEventListener(STATUS_CHANGED, changed);
  });

  it('sends the chosen role, property and form with every chunk', async () => {
    const bodies = mockBulkApi();
    const { user } = renderModal(people.slice(0, 3));

    await user.click(await screen.findByRole('combobox', { name: /^Portal role/ }));
    await user.click(await screen.findByRole('option', { name: 'Seller' }));
    await user.click(await screen.findByRole('combobox', { name: /^Property/ }));
    await user.click(await screen.findByRole('option', { name: 'Canal House' }));
    await user.click(await screen.findByRole('combobox', { name: /^Form to fill in/ }));
    await user.click(await screen.findByRole('option', { name: 'Buyer intake' }));
    await user.click(screen.getByRole('button', { name: 'Send 3 invitations' }));

    expect(await screen.findByTestId('bulk-summary')).toHaveTextContent('2 invited, 1 skipped');
    expect(bodies).toEqual([{ contacts: ['c1', 'c2', 'c3'], portalRole: 'role-seller', property: 'prop-canal', form: 'form-1' }]);
  });

  it("marks every contact of a failing chunk as not invited, with the server's message, and keeps the other chunk's results", async () => {
    const bodies = mockBulkApi((body, call) =>
      call === 2
        ? failure(400, 'contacts: must list at most 25 contacts', 'ValidationError')
        : HttpResponse.json({ data: { invited: body.contacts.map((contact) => ({ contact, invitation: `inv-${contact}` })), skipped: [] } }),
    );
    const { user } = renderModal();

    await user.click(await screen.findByRole('button', { name: 'Send 30 invitations' }));

    expect(await screen.findByTestId('bulk-summary')).toHaveTextContent('25 invited, 5 skipped');
    expect(bodies).toHaveLength(2);
    for (const index of [26, 27, 28, 29, 30]) {
      expect(rowOf(`Client ${index}`)).toHaveTextContent(`Client ${index}Skippedcontacts: must list at most 25 contacts`);
    }
    expect(rowOf('Client 25')).toHaveTextContent(/^Client 25Invited$/);
  });

  it('copies the results as tab-separated lines to the clipboard', async () => {
    mockBulkApi();
    const { user } = renderModal(people.slice(0, 2));
    // After render: user-event's setup() puts its own clipboard stub on navigator.
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });

    await user.click(await screen.findByRole('button', { name: 'Send 2 invitations' }));
    await user.click(await screen.findByRole('button', { name: 'Copy results' }));

    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0][0]).toBe(
      ['Contact\tEmail\tResult\tReason', 'Client 1\tclient1@example.com\tInvited\t', 'Client 2\tclient2@example.com\tSkipped\tAn email address is required to send an invite'].join('\n'),
    );
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('sends nothing on Cancel', async () => {
    const bodies = mockBulkApi();
    const { user, onClose } = renderModal();

    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(onClose).toHaveBeenCalledTimes(1);
    expect(bodies).toHaveLength(0);
  });

  it("shows the server's message when the roles cannot be loaded, and no start button", async () => {
    server.use(
      http.get('/client-portal/roles', () => failure(500, 'Database unavailable', 'InternalServerError')),
      http.get(/\/content-manager\/collection-types\/api::property\.property$/, () => HttpResponse.json({ results: [] })),
    );
    renderModal();

    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Send \d+ invitations$/ })).not.toBeInTheDocument();
  });
});

/** An action hook's result next to a settled permission check of the same render (so "null" is a final answer). */
const renderAction = <T,>(useAction: () => T, actions: string[]) =>
  renderHook(
    () => ({ action: useAction(), check: useRBAC(PERMISSIONS.read) }),
    { providerOptions: { permissions: pluginPermissions(actions) } },
  );

describe('the contact list actions', () => {
  const documents = people.slice(0, 2);

  it('offers the bulk action "Send portal invites" on contacts to an agent holding invitations.create', async () => {
    const { result } = renderAction(() => BulkInviteAction({ model: 'api::contact.contact', documents }), ['read', 'invitations.create']);
    await waitFor(() => expect(result.current.action).not.toBeNull());
    expect(result.current.action).toMatchObject({ label: 'Send portal invites', dialog: { type: 'modal', title: 'Send portal invites' } });
  });

  it('has no bulk action without invitations.create, nor on another content type', async () => {
    const { result } = renderAction(() => BulkInviteAction({ model: 'api::contact.contact', documents }), ['read']);
    await waitFor(() => expect(result.current.check.isLoading).toBe(false));
    expect(result.current.check.allowedActions.canRead).toBe(true);
    expect(result.current.action).toBeNull();

    const other = renderAction(() => BulkInviteAction({ model: 'api::property.property', documents }), ['read', 'invitations.create']);
    await waitFor(() => expect(other.result.current.check.isLoading).toBe(false));
    expect(other.result.current.action).toBeNull();
  });

  it('offers the row action "Send portal invite" with invitations.create, and none without it', async () => {
    const granted = renderAction(() => RowInviteAction({ model: 'api::contact.contact', documentId: 'c1', document: people[0] }), ['read', 'invitations.create']);
    await waitFor(() => expect(granted.result.current.action).not.toBeNull());
    expect(granted.result.current.action).toMatchObject({ label: 'Send portal invite', position: 'table-row', dialog: { type: 'modal' } });

    const denied = renderAction(() => RowInviteAction({ model: 'api::contact.contact', documentId: 'c1', document: people[0] }), ['read']);
    await waitFor(() => expect(denied.result.current.check.isLoading).toBe(false));
    expect(denied.result.current.action).toBeNull();
  });
});

describe('RowInvite', () => {
  const contact = { documentId: 'c1', firstName: 'Client', lastName: '1', email: 'client1@example.com' };

  const mockRowApi = (status: string | (() => Response)) => {
    const calls = { status: 0, invites: [] as unknown[] };
    server.use(
      http.get('/client-portal/contacts/:id/portal-status', ({ params }) => {
        calls.status += 1;
        expect(params.id).toBe('c1');
        if (typeof status === 'function') return status();
        return HttpResponse.json({ data: { contact: 'c1', status, label: status, account: null, invitation: null } });
      }),
      http.get('/client-portal/roles', () => HttpResponse.json({ data: roles, meta: { permissionFlags: ['viewProperties'] } })),
      http.get(/\/content-manager\/collection-types\/api::property\.property$/, () => HttpResponse.json({ results: [] })),
      http.post('/client-portal/invitations', async ({ request }) => {
        calls.invites.push(await request.json());
        return HttpResponse.json({ data: { documentId: 'inv-1' } });
      }),
    );
    return calls;
  };

  const renderRow = () => {
    const onClose = jest.fn();
    return { ...render(<RowInvite contact={contact} onClose={onClose} />, { permissions: ['read', 'invitations.create'] }), onClose };
  };

  it('tells the agent an invitation is already waiting for a pending contact, instead of the form', async () => {
    const calls = mockRowApi('invited');
    renderRow();

    expect(
      await screen.findByText('An invitation is already waiting for this contact: resend it from the contact or the Invitations page.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
    expect(calls.status).toBe(1);
  });

  it('shows the same message when the last invite email failed', async () => {
    mockRowApi('delivery_failed');
    renderRow();
    expect(await screen.findByText(/An invitation is already waiting for this contact/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
  });

  it('shows the invite form for a contact not invited yet; sending it closes the modal and refreshes the statuses', async () => {
    const calls = mockRowApi('not_invited');
    const changed = jest.fn();
    window.addEventListener(STATUS_CHANGED, changed);
    const { user, onClose } = renderRow();

    await user.click(await screen.findByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(calls.invites).toEqual([expect.objectContaining({ contact: 'c1', portalRole: 'role-buyer', email: 'client1@example.com', updateContact: false })]);
    expect(changed).toHaveBeenCalledTimes(1);
    window.removeEventListener(STATUS_CHANGED, changed);
  });

  it('shows the share form for a contact who already has an account', async () => {
    mockRowApi('active');
    renderRow();
    expect(await screen.findByRole('button', { name: 'Share this property' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
  });

  it("shows the server's message when the status cannot be loaded", async () => {
    mockRowApi(() => failure(404, 'Contact not found', 'NotFoundError'));
    renderRow();
    expect(await screen.findByText('Contact not found')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
  });
});
