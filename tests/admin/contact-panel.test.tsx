/**
 * The content-manager side panel of a contact (ContactPortalStatus): what the agent sees and may do depends on the
 * contact's portal status (GET /client-portal/contacts/:id/portal-status) and on the agent's RBAC actions.
 */
import { ContactPortalStatus } from '../../src/plugins/client-portal/admin/src/components/contacts/ContactPortalPanel';
import { within } from '@testing-library/react';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const CONTACT = 'contact-doc-1';

const notInvited = {
  contact: CONTACT,
  status: 'not_invited',
  label: 'Not invited',
  account: null,
  invitation: null,
};

const roles = [
  { id: 1, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: { viewProperties: true, messageAgent: true } },
  { id: 2, documentId: 'role-seller', key: 'seller', name: 'Seller', builtIn: true, permissions: { viewProperties: true } },
];

/** The contact's content-manager schema and document, which the panel reads through the content manager. */
const contentManager = [
  http.get('/content-manager/init', () =>
    HttpResponse.json({
      data: {
        contentTypes: [
          {
            uid: 'api::contact.contact',
            kind: 'collectionType',
            isDisplayed: true,
            apiID: 'contact',
            info: { singularName: 'contact', pluralName: 'contacts', displayName: 'Contact' },
            options: { draftAndPublish: false },
            attributes: { firstName: { type: 'string' }, lastName: { type: 'string' }, email: { type: 'email' } },
          },
        ],
        components: [],
        fieldSizes: {},
      },
    }),
  ),
  http.get(/\/content-manager\/collection-types\/api::contact\.contact\/[^/]+$/, () =>
    HttpResponse.json({
      data: { id: 1, documentId: CONTACT, firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' },
      meta: { availableLocales: [], availableStatus: [] },
    }),
  ),
  http.get(/\/content-manager\/collection-types\/api::property\.property$/, () =>
    HttpResponse.json({ results: [], pagination: { page: 1, pageSize: 100, pageCount: 0, total: 0 } }),
  ),
];

/** Answers every admin API call the panel makes; `portalStatus` replaces the status answer. */
const mockPanelApi = (portalStatus: () => Response = () => HttpResponse.json({ data: notInvited })) => {
  const calls = { portalStatus: 0, roles: 0 };
  server.use(
    ...contentManager,
    http.get('/client-portal/contacts/:id/portal-status', ({ params }) => {
      calls.portalStatus += 1;
      expect(params.id).toBe(CONTACT);
      return portalStatus();
    }),
    http.get('/client-portal/roles', () => {
      calls.roles += 1;
      return HttpResponse.json({ data: roles, meta: { permissionFlags: ['viewProperties', 'messageAgent'] } });
    }),
    http.get('/client-portal/contacts/:id/login-check', () =>
      HttpResponse.json({ data: { canLogIn: false, checks: [{ key: 'account', ok: false, message: 'The contact has no portal account' }] } }),
    ),
    http.get('/client-portal/activities', () => HttpResponse.json({ data: [], meta: { pagination: { page: 1, pageSize: 5, pageCount: 0, total: 0 } } })),
  );
  return calls;
};

const INVITE = { name: 'Send portal invite' };

describe('ContactPortalStatus', () => {
  it('offers the invite to an agent who may create invitations', async () => {
    const calls = mockPanelApi();
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create'] });

    const badge = await screen.findByTestId('portal-status');
    expect(badge).toHaveTextContent('Not invited');
    expect(badge).toHaveAttribute('data-status', 'not_invited');
    expect(await screen.findByRole('button', INVITE)).toBeEnabled();
    expect(calls.portalStatus).toBe(1);
  });

  it('has no invite button without invitations.create', async () => {
    mockPanelApi();
    // portal-users.create is granted so that its button proves the permission checks have finished.
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.resend', 'portal-users.create'] });

    expect(await screen.findByTestId('portal-status')).toHaveAttribute('data-status', 'not_invited');
    expect(await screen.findByRole('button', { name: 'Create portal user' })).toBeInTheDocument();
    expect(screen.queryByRole('button', INVITE)).not.toBeInTheDocument();
  });

  it('opens the invite form, which loads the portal roles', async () => {
    const calls = mockPanelApi();
    const { user } = render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create'] });

    await user.click(await screen.findByRole('button', INVITE));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Jane Doe');
    expect(await screen.findByRole('combobox')).toHaveTextContent('Buyer');
    expect(calls.roles).toBe(1);
  });

  it('shows the failure of the status request instead of crashing', async () => {
    mockPanelApi(() => HttpResponse.json({ data: null, error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' } }, { status: 500 }));
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create'] });

    expect(await screen.findByText(/could not be loaded/)).toHaveTextContent('Internal Server Error');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByTestId('portal-status')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', INVITE)).not.toBeInTheDocument();
  });

  it('removes an active client after confirmation, then shows them as removed with the invite offered again', async () => {
    const account = { documentId: 'acc-1', portalStatus: 'active', blocked: false, removedAt: null as string | null, firstLoginAt: null, lastLoginAt: '2026-01-20T08:00:00.000Z', mustChangePassword: false };
    let current: Record<string, unknown> = { contact: CONTACT, status: 'active', label: 'Active', account, invitation: null };
    const removed: string[] = [];
    mockPanelApi(() => HttpResponse.json({ data: current }));
    server.use(
      http.post('/client-portal/contacts/:id/remove-portal-access', ({ params }) => {
        removed.push(String(params.id));
        current = { contact: CONTACT, status: 'removed', label: 'Removed from the portal', account: { ...account, blocked: true, removedAt: '2026-02-01T10:00:00.000Z' }, invitation: null };
        return HttpResponse.json({ data: { contact: CONTACT, account: 'acc-1', removedAt: '2026-02-01T10:00:00.000Z', revokedInvitations: [], endedSessions: 1 } });
      }),
    );
    const { user } = render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create', 'portal-users.remove'] });

    expect(await screen.findByTestId('portal-status')).toHaveAttribute('data-status', 'active');
    await user.click(await screen.findByRole('button', { name: 'Remove from portal' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Remove Jane Doe from the portal?');
    expect(removed).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove from portal' }));

    await waitFor(() => expect(screen.getByTestId('portal-status')).toHaveAttribute('data-status', 'removed'));
    expect(removed).toEqual([CONTACT]);
    expect(screen.getByTestId('portal-status')).toHaveTextContent('Removed from the portal');
    expect(screen.queryByRole('button', { name: 'Remove from portal' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', INVITE)).toBeEnabled();
  });

  it('has no remove button without portal-users.remove', async () => {
    const account = { documentId: 'acc-1', portalStatus: 'active', blocked: false, removedAt: null, firstLoginAt: null, lastLoginAt: null, mustChangePassword: false };
    mockPanelApi(() => HttpResponse.json({ data: { contact: CONTACT, status: 'active', label: 'Active', account, invitation: null } }));
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create'] });

    expect(await screen.findByTestId('portal-status')).toHaveAttribute('data-status', 'active');
    // The share button proves the permission checks have finished.
    expect(await screen.findByRole('button', { name: 'Share a property' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove from portal' })).not.toBeInTheDocument();
  });

  it('invites another person into an active client\'s portal, naming the bad field the server answers', async () => {
    const account = { documentId: 'acc-1', portalStatus: 'active', blocked: false, removedAt: null, firstLoginAt: null, lastLoginAt: null, mustChangePassword: false };
    mockPanelApi(() => HttpResponse.json({ data: { contact: CONTACT, status: 'active', label: 'Active', account, invitation: null } }));
    const sent: any[] = [];
    server.use(
      http.get('/client-portal/roles', () => HttpResponse.json({ data: [...roles, { id: 3, documentId: 'role-co-owner', key: 'co-owner', name: 'Co-owner', builtIn: true, permissions: {} }], meta: { permissionFlags: [] } })),
      http.post('/client-portal/contacts/:id/invite-more', async ({ request, params }) => {
        const body = (await request.json()) as any;
        sent.push({ contact: params.id, ...body });
        if (body.email === 'not-an-address@') {
          return HttpResponse.json({ data: null, error: { status: 400, name: 'ValidationError', message: 'email: must be a valid email address', details: { errors: [{ path: ['email'], message: 'must be a valid email address' }] } } }, { status: 400 });
        }
        return HttpResponse.json({ data: { group: { documentId: 'g1', name: "Jane Doe's portal", members: [], properties: [] }, contact: 'c-new', invitation: null } }, { status: 201 });
      }),
    );
    const { user } = render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create', 'invitations.invite-more'] });

    await user.click(await screen.findByRole('button', { name: 'Invite more to portal' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Invite more people to Jane Doe’s portal');
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    expect(within(dialog).getAllByText('Required')).toHaveLength(3);
    expect(sent).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^First name/), 'Pat');
    await user.type(within(dialog).getByLabelText(/^Last name/), 'Partner');
    await user.type(within(dialog).getByLabelText(/^Email/), 'not-an-address@');
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    expect(await within(dialog).findByText('must be a valid email address')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ contact: CONTACT, firstName: 'Pat', lastName: 'Partner', portalRole: 'role-co-owner' });

    await user.clear(within(dialog).getByLabelText(/^Email/));
    await user.type(within(dialog).getByLabelText(/^Email/), 'pat@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Send invite' }));
    expect(await screen.findByText("Invited into Jane Doe's portal")).toBeInTheDocument();
    expect(sent[1]).toMatchObject({ email: 'pat@example.com', portalRole: 'role-co-owner' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('has no Invite more without invitations.invite-more', async () => {
    const account = { documentId: 'acc-1', portalStatus: 'active', blocked: false, removedAt: null, firstLoginAt: null, lastLoginAt: null, mustChangePassword: false };
    mockPanelApi(() => HttpResponse.json({ data: { contact: CONTACT, status: 'active', label: 'Active', account, invitation: null } }));
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'invitations.create'] });
    expect(await screen.findByRole('button', { name: 'Share a property' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite more to portal' })).not.toBeInTheDocument();
  });

  const sheets = [
    {
      documentId: 'sheet-1',
      form: { documentId: 'form-1', title: 'Buyer intake' },
      contact: { documentId: CONTACT, name: 'Jane Doe', email: 'jane@example.com' },
      status: 'completed',
      sentAt: '2026-01-10T09:00:00.000Z',
      completedAt: '2026-01-12T09:00:00.000Z',
      reopenedAt: null,
      answers: [
        { key: 'budget', label: 'Budget', type: 'number', value: 350000, text: '350000', file: null },
        { key: 'id', label: 'Copy of ID', type: 'file', value: null, text: 'form-file.pdf', file: { id: 3, name: 'form-file.pdf', mime: 'application/pdf', size: 9, url: 'http://localhost:1337/api/client-portal/files/signed' } },
      ],
    },
    { documentId: 'sheet-2', form: { documentId: 'form-2', title: 'Seller check' }, contact: null, status: 'sent', sentAt: '2026-01-11T09:00:00.000Z', completedAt: null, reopenedAt: null, answers: [] },
  ];

  it('shows the forms sent to the contact with their status and answers, to an agent holding forms.answers', async () => {
    mockPanelApi();
    let asked = 0;
    server.use(http.get('/client-portal/contacts/:id/forms', () => { asked += 1; return HttpResponse.json({ data: sheets }); }));
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'forms.answers'] });
    const forms = await screen.findByTestId('contact-forms');
    expect(within(forms).getByRole('link', { name: 'Buyer intake' })).toHaveAttribute('href', '/plugins/client-portal/forms/form-1');
    expect(forms).toHaveTextContent(/Completed on Jan 12, 2026/);
    expect(forms).toHaveTextContent('Budget:350000');
    expect(within(forms).getByRole('link', { name: 'form-file.pdf' })).toHaveAttribute('href', 'http://localhost:1337/api/client-portal/files/signed');
    expect(within(forms).getByRole('link', { name: 'Seller check' })).toBeInTheDocument();
    expect(forms).toHaveTextContent('Sent');
    expect(asked).toBe(1);
  });

  it('shows no forms and asks for none without forms.answers', async () => {
    mockPanelApi();
    let asked = 0;
    server.use(http.get('/client-portal/contacts/:id/forms', () => { asked += 1; return HttpResponse.json({ data: sheets }); }));
    render(<ContactPortalStatus documentId={CONTACT} />, { permissions: ['read', 'portal-users.create'] });
    expect(await screen.findByRole('button', { name: 'Create portal user' })).toBeInTheDocument();
    expect(screen.queryByTestId('contact-forms')).not.toBeInTheDocument();
    expect(asked).toBe(0);
  });
});
