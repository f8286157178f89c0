/**
 * Settings → Client Portal → Portal settings (GeneralSettingsPage): the form loads GET /client-portal/settings (plus the
 * portal roles and the admin users for its selects), shows the self-registration link, saves only the fields the agent
 * changed with PUT /client-portal/settings, puts a 400 that names a field on that field, and is read-only without
 * settings.update.
 */
import { GeneralSettingsPage } from '../../src/plugins/client-portal/admin/src/pages/settings/GeneralSettingsPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const SETTINGS = {
  portalEnabled: true,
  publicPortalId: 'acme-office',
  portalUrl: 'https://portal.example.com/',
  agencyName: 'Acme Homes',
  invitationExpiryDays: 7,
  resendLimitPerHour: 3,
  clientsCanInviteOthers: false,
  defaultAutoInviteRole: 'buyer',
  autoInviteGuestRoles: ['co-buyer'],
  officeAdministrator: null,
  defaultLanguage: 'en',
  senderName: 'Acme Portal',
  senderEmail: null,
  // Not edited by this form: must never be sent back.
  emailTemplates: { invitation: { en: { subject: 'Welcome {{firstName}}' } } },
};

const ROLES = [
  { id: 1, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: {} },
  { id: 2, documentId: 'role-co-buyer', key: 'co-buyer', name: 'Co-buyer', builtIn: false, permissions: {} },
];

const ADMINS = [{ id: 1, firstname: 'Ada', lastname: 'Admin', username: null, email: 'ada@example.com' }];

const serverError = (message = 'Internal Server Error') =>
  HttpResponse.json({ data: null, error: { status: 500, name: 'InternalServerError', message, details: {} } }, { status: 500 });

/** Answers the page's requests; `settings` replaces the GET answer, `update` the PUT answer (gets the body). */
const mockSettingsApi = ({
  settings = () => HttpResponse.json({ data: SETTINGS, meta: { templates: {} } }),
  update = (body: Record<string, unknown>) => HttpResponse.json({ data: { ...SETTINGS, ...body } }),
}: {
  settings?: () => Response;
  update?: (body: Record<string, unknown>) => Response;
} = {}) => {
  const calls = { get: 0, put: [] as Array<Record<string, unknown>> };
  server.use(
    http.get('/client-portal/settings', () => {
      calls.get += 1;
      return settings();
    }),
    http.put('/client-portal/settings', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      calls.put.push(body);
      return update(body);
    }),
    http.get('/client-portal/roles', () => HttpResponse.json({ data: ROLES, meta: { permissionFlags: [] } })),
    http.get('/admin/users', () => HttpResponse.json({ data: { results: ADMINS, pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } })),
  );
  return calls;
};

const renderPage = (permissions: string[]) =>
  render(<GeneralSettingsPage />, { permissions, initialEntries: ['/settings/client-portal/general'] });

const EDITOR = ['settings.read', 'settings.update'];
const SAVE = { name: 'Save' };

describe('GeneralSettingsPage', () => {
  it('fills the form with the saved settings', async () => {
    const calls = mockSettingsApi();
    renderPage(EDITOR);

    expect(await screen.findByRole('heading', { name: 'Portal settings' })).toBeInTheDocument();
    expect(screen.getByLabelText('Agency name')).toHaveValue('Acme Homes');
    expect(screen.getByLabelText('Portal URL')).toHaveValue('https://portal.example.com/');
    expect(screen.getByLabelText('Public portal id')).toHaveValue('acme-office');
    expect(screen.getByLabelText('Sender name')).toHaveValue('Acme Portal');
    expect(screen.getByLabelText('Sender email')).toHaveValue('');
    expect(screen.getByLabelText('Invitation valid for (days)')).toHaveValue('7');
    expect(screen.getByLabelText('Resends per hour')).toHaveValue('3');
    expect(screen.getByRole('checkbox', { name: 'Client portal' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Clients may invite others' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Default language' })).toHaveTextContent('English');
    expect(screen.getByRole('combobox', { name: 'Default role for automatic invitations' })).toHaveTextContent('Buyer');
    expect(screen.getByRole('combobox', { name: 'Office administrator' })).toHaveTextContent('The first super admin (default)');
    expect(calls.get).toBe(1);
  });

  it('shows the self-registration link built from the portal URL and the public portal id', async () => {
    mockSettingsApi();
    renderPage(EDITOR);

    const link = await screen.findByLabelText('Registration link');
    expect(link).toHaveValue('https://portal.example.com/register?portal=acme-office');
    expect(link).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('saves only the changed fields, then shows the saved values with Save disabled again', async () => {
    const calls = mockSettingsApi({
      update: (body) => HttpResponse.json({ data: { ...SETTINGS, ...body, agencyName: 'Acme Homes Co (saved)' } }),
    });
    const { user } = renderPage(EDITOR);

    const agency = await screen.findByLabelText('Agency name');
    expect(screen.getByRole('button', SAVE)).toBeDisabled();

    await user.type(agency, ' Co');
    await user.click(screen.getByRole('checkbox', { name: 'Clients may invite others' }));
    await user.clear(screen.getByLabelText('Sender name'));
    expect(screen.getByRole('button', SAVE)).toBeEnabled();
    await user.click(screen.getByRole('button', SAVE));

    await waitFor(() => expect(calls.put).toHaveLength(1));
    // Only what changed; a cleared optional text is sent as null (the server's "not set").
    expect(calls.put[0]).toEqual({ agencyName: 'Acme Homes Co', clientsCanInviteOthers: true, senderName: null });
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    // The form now shows the server's answer and has nothing left to save.
    await waitFor(() => expect(screen.getByLabelText('Agency name')).toHaveValue('Acme Homes Co (saved)'));
    expect(screen.getByRole('button', SAVE)).toBeDisabled();
  });

  it('shows a 400 that names a field inline on that field, and clears it when the field is edited', async () => {
    const message = 'must be 3 to 64 letters, digits, "_" or "-"';
    const calls = mockSettingsApi({
      update: () =>
        HttpResponse.json(
          {
            data: null,
            error: {
              status: 400,
              name: 'ValidationError',
              message: `publicPortalId: ${message}`,
              details: { code: 'INVALID_FIELD', errors: [{ path: ['publicPortalId'], message, name: 'ValidationError' }] },
            },
          },
          { status: 400 },
        ),
    });
    const { user } = renderPage(EDITOR);

    const portalId = await screen.findByLabelText('Public portal id');
    await user.clear(portalId);
    await user.type(portalId, 'x!');
    await user.click(screen.getByRole('button', SAVE));

    await waitFor(() => expect(calls.put).toEqual([{ publicPortalId: 'x!' }]));
    await waitFor(() => expect(screen.getByLabelText('Public portal id')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Public portal id')).toHaveAccessibleDescription(expect.stringContaining(message));
    // The other fields are not marked.
    expect(screen.getByLabelText('Agency name')).not.toHaveAttribute('aria-invalid', 'true');
    // The agent's input stays for correction, and the page stays up.
    expect(screen.getByLabelText('Public portal id')).toHaveValue('x!');

    await user.type(screen.getByLabelText('Public portal id'), 'y');
    await waitFor(() => expect(screen.getByLabelText('Public portal id')).not.toHaveAttribute('aria-invalid', 'true'));
  });

  it('is read-only without settings.update: no Save, disabled fields, a read-only notice', async () => {
    const calls = mockSettingsApi();
    renderPage(['settings.read']);

    const agency = await screen.findByLabelText('Agency name');
    expect(agency).toHaveValue('Acme Homes');
    expect(screen.getByText('You can view these settings but not change them.')).toBeInTheDocument();
    expect(agency).toBeDisabled();
    expect(screen.getByLabelText('Public portal id')).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Client portal' })).toBeDisabled();
    expect(screen.queryByRole('button', SAVE)).not.toBeInTheDocument();
    // The registration link can still be copied.
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(calls.put).toHaveLength(0);
  });

  it('offers Save and editable fields with settings.update', async () => {
    mockSettingsApi();
    renderPage(EDITOR);

    // Save is there as soon as the form is (what the read-only test relies on).
    expect(await screen.findByLabelText('Agency name')).toBeEnabled();
    expect(screen.getByRole('button', SAVE)).toBeInTheDocument();
    expect(screen.queryByText('You can view these settings but not change them.')).not.toBeInTheDocument();
  });

  it('leaves out the office administrator select when the admin users cannot be listed', async () => {
    mockSettingsApi();
    server.use(http.get('/admin/users', () => HttpResponse.json({ data: null, error: { status: 403, name: 'PolicyError', message: 'Policy Failed' } }, { status: 403 })));
    renderPage(EDITOR);

    expect(await screen.findByLabelText('Agency name')).toHaveValue('Acme Homes');
    expect(screen.queryByRole('combobox', { name: 'Office administrator' })).not.toBeInTheDocument();
  });

  it('shows the load error with the server message, and Retry loads the form', async () => {
    let fail = true;
    const calls = mockSettingsApi({
      settings: () => (fail ? serverError('Settings store unavailable') : HttpResponse.json({ data: SETTINGS, meta: { templates: {} } })),
    });
    const { user } = renderPage(EDITOR);

    expect(await screen.findByText('The portal settings could not be loaded: Settings store unavailable')).toBeInTheDocument();
    expect(screen.queryByLabelText('Agency name')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', SAVE)).not.toBeInTheDocument();
    expect(calls.get).toBe(1);

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByLabelText('Agency name')).toHaveValue('Acme Homes');
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(calls.get).toBe(2);
  });
});
