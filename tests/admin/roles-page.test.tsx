/**
 * Client Portal → Roles (RolesPage): the permission matrix of the portal roles (GET /client-portal/roles), creating a
 * role (POST), saving a column of the matrix (PUT), deleting a custom role after confirmation (DELETE), and all of it
 * only with roles.manage.
 */
import { RolesPage } from '../../src/plugins/client-portal/admin/src/pages/RolesPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const unused = { deals: 0, accounts: 0, invitations: 0, contacts: 0, settings: false, total: 0 };

const BUYER = {
  id: 1,
  documentId: 'role-buyer',
  key: 'buyer',
  name: 'Buyer',
  description: 'Clients buying a property',
  builtIn: true,
  permissions: { viewProperties: true, messageAgent: false },
  usage: { deals: 2, accounts: 1, invitations: 0, contacts: 0, settings: true, total: 3 },
};
const INVESTOR = {
  id: 2,
  documentId: 'role-investor',
  key: 'investor',
  name: 'Investor',
  builtIn: false,
  // A flag the server does not list (from an older config) still gets a row.
  permissions: { viewProperties: true, messageAgent: true, viewYieldReport: true },
  usage: unused,
};
const TENANT = {
  id: 3,
  documentId: 'role-tenant',
  key: 'tenant',
  name: 'Tenant',
  builtIn: false,
  permissions: { viewProperties: false, messageAgent: true },
  usage: { deals: 0, accounts: 2, invitations: 0, contacts: 0, settings: false, total: 2 },
};
const FLAGS = ['viewProperties', 'messageAgent'];

const failure = (status: number, name: string, message: string, details: Record<string, unknown> = {}) =>
  HttpResponse.json({ data: null, error: { status, name, message, details } }, { status });

/** Answers the page's requests and records them; the options replace single answers. */
const mockRolesApi = ({
  list = () => HttpResponse.json({ data: [BUYER, INVESTOR, TENANT], meta: { permissionFlags: FLAGS } }),
  create = (body: any) => HttpResponse.json({ data: { id: 9, documentId: 'role-new', builtIn: false, ...body } }, { status: 201 }),
  update = (documentId: string, body: any) =>
    HttpResponse.json({ data: { ...[BUYER, INVESTOR, TENANT].find((role) => role.documentId === documentId), ...body, usage: undefined } }),
  remove = (documentId: string) => HttpResponse.json({ data: { documentId, deleted: true } }),
}: {
  list?: () => Response;
  create?: (body: any) => Response;
  update?: (documentId: string, body: any) => Response;
  remove?: (documentId: string) => Response;
} = {}) => {
  const calls = { list: 0, create: [] as any[], update: [] as Array<{ documentId: string; body: any }>, remove: [] as string[] };
  server.use(
    http.get('/client-portal/roles', () => {
      calls.list += 1;
      return list();
    }),
    http.post('/client-portal/roles', async ({ request }) => {
      const body = await request.json();
      calls.create.push(body);
      return create(body);
    }),
    http.put('/client-portal/roles/:documentId', async ({ params, request }) => {
      const body = await request.json();
      calls.update.push({ documentId: String(params.documentId), body });
      return update(String(params.documentId), body);
    }),
    http.delete('/client-portal/roles/:documentId', ({ params }) => {
      calls.remove.push(String(params.documentId));
      return remove(String(params.documentId));
    }),
  );
  return calls;
};

const renderPage = (permissions: string[]) => render(<RolesPage />, { permissions, initialEntries: ['/plugins/client-portal/roles'] });

const MANAGER = ['read', 'roles.manage'];
const cell = (permission: string, role: string) => screen.getByRole('checkbox', { name: `${permission} for ${role}` });

describe('RolesPage', () => {
  it('renders the permission matrix: one column per role, one row per permission flag', async () => {
    const calls = mockRolesApi();
    renderPage(MANAGER);

    const buyer = await screen.findByTestId('role-buyer');
    expect(buyer).toHaveTextContent('Buyer');
    expect(buyer).toHaveTextContent('Built-in');
    expect(buyer).toHaveTextContent('Clients buying a property');
    expect(buyer).toHaveTextContent('In use (3 uses)');
    expect(screen.getByTestId('role-investor')).toHaveTextContent('Not in use');
    expect(screen.getByTestId('role-investor')).not.toHaveTextContent('Built-in');
    expect(screen.getByTestId('role-tenant')).toHaveTextContent('In use (2 uses)');

    // Rows: the server's flags (translated), then the unknown one (humanised).
    expect(screen.getByText('View properties')).toBeInTheDocument();
    expect(screen.getByText('Message agent')).toBeInTheDocument();
    expect(screen.getByText('View yield report')).toBeInTheDocument();

    expect(cell('View properties', 'Buyer')).toBeChecked();
    expect(cell('Message agent', 'Buyer')).not.toBeChecked();
    expect(cell('Message agent', 'Investor')).toBeChecked();
    expect(cell('View yield report', 'Investor')).toBeChecked();
    expect(cell('View yield report', 'Tenant')).not.toBeChecked();
    // With roles.manage the controls are there as soon as the matrix is (what the read-only test relies on).
    expect(cell('View properties', 'Tenant')).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Create role' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit Investor' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete Investor' })).toBeInTheDocument();
    expect(screen.queryByText(/changing them needs the "Manage roles" permission/)).not.toBeInTheDocument();
    expect(calls.list).toBe(1);
  });

  it('saves a changed column of the matrix with the full permission set of that role', async () => {
    const calls = mockRolesApi();
    const { user } = renderPage(MANAGER);

    await screen.findByTestId('role-buyer');
    expect(screen.queryByRole('button', { name: 'Save Buyer' })).not.toBeInTheDocument();
    await user.click(cell('Message agent', 'Buyer'));
    await user.click(await screen.findByRole('button', { name: 'Save Buyer' }));

    await waitFor(() => expect(calls.update).toHaveLength(1));
    expect(calls.update[0]).toEqual({ documentId: 'role-buyer', body: { permissions: { viewProperties: true, messageAgent: true } } });
    expect(await screen.findByText('Role "Buyer" saved')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save Buyer' })).not.toBeInTheDocument());
    expect(cell('Message agent', 'Buyer')).toBeChecked();
    // The server's answer has no usage: the known one stays.
    expect(screen.getByTestId('role-buyer')).toHaveTextContent('In use (3 uses)');
  });

  it('creates a role from the modal with its key, name and permissions, and adds its column', async () => {
    const calls = mockRolesApi();
    const { user } = renderPage(MANAGER);

    await user.click(await screen.findByRole('button', { name: 'Create role' }));
    expect(await screen.findByRole('dialog', { name: 'Create a portal role' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Name/), 'Co-buyer (Partner)');
    // The key follows the name until it is edited.
    expect(screen.getByLabelText(/^Key/)).toHaveValue('co-buyer-partner');
    await user.click(screen.getByRole('checkbox', { name: 'Message agent' }));
    expect(calls.create).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    await waitFor(() => expect(calls.create).toHaveLength(1));
    expect(calls.create[0]).toEqual({
      key: 'co-buyer-partner',
      name: 'Co-buyer (Partner)',
      description: null,
      permissions: { viewProperties: false, messageAgent: true, viewYieldReport: false },
    });
    expect(await screen.findByText('Role "Co-buyer (Partner)" created')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const column = await screen.findByTestId('role-co-buyer-partner');
    expect(column).toHaveTextContent('Not in use');
    expect(cell('Message agent', 'Co-buyer (Partner)')).toBeChecked();
    expect(cell('View properties', 'Co-buyer (Partner)')).not.toBeChecked();
  });

  it('shows a 409 "key taken" on the key field and keeps the modal open', async () => {
    const calls = mockRolesApi({
      create: (body) => failure(409, 'ConflictError', 'A portal role with this key already exists', { code: 'ROLE_KEY_TAKEN', key: body.key }),
    });
    const { user } = renderPage(MANAGER);

    await user.click(await screen.findByRole('button', { name: 'Create role' }));
    await screen.findByRole('dialog', { name: 'Create a portal role' });
    await user.type(screen.getByLabelText(/^Name/), 'Buyer');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    await waitFor(() => expect(calls.create).toHaveLength(1));
    await waitFor(() => expect(screen.getByLabelText(/^Key/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText(/^Key/)).toHaveAccessibleDescription(expect.stringContaining('A portal role with this key already exists'));
    expect(screen.getByRole('dialog', { name: 'Create a portal role' })).toBeInTheDocument();
    expect(screen.queryByTestId('role-buyer-2')).not.toBeInTheDocument();
  });

  it('shows a 400 naming a field on that field, and one naming no form field as the form error', async () => {
    let answer = () =>
      failure(400, 'ValidationError', 'name: is required', { code: 'INVALID_FIELD', errors: [{ path: ['name'], message: 'is required', name: 'ValidationError' }] });
    const calls = mockRolesApi({ create: () => answer() });
    const { user } = renderPage(MANAGER);

    await user.click(await screen.findByRole('button', { name: 'Create role' }));
    await screen.findByRole('dialog', { name: 'Create a portal role' });
    await user.type(screen.getByLabelText(/^Key/), 'vip');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText(/^Name/)).toHaveAccessibleDescription(expect.stringContaining('is required'));
    expect(calls.create[0]).toMatchObject({ key: 'vip', name: '' });

    answer = () =>
      failure(400, 'ValidationError', 'permissions.fly: unknown permission flag', {
        code: 'INVALID_FIELD',
        errors: [{ path: ['permissions', 'fly'], message: 'unknown permission flag', name: 'ValidationError' }],
      });
    await user.type(screen.getByLabelText(/^Name/), 'VIP');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    await waitFor(() => expect(calls.create).toHaveLength(2));
    const dialog = screen.getByRole('dialog', { name: 'Create a portal role' });
    expect(await screen.findByText('permissions.fly: unknown permission flag')).toHaveAttribute('role', 'alert');
    expect(dialog).toContainElement(screen.getByText('permissions.fly: unknown permission flag'));
  });

  it('deletes a custom role only after confirmation, and Cancel sends nothing', async () => {
    const calls = mockRolesApi();
    const { user } = renderPage(MANAGER);

    await user.click(await screen.findByRole('button', { name: 'Delete Investor' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Delete role' });
    expect(dialog).toHaveTextContent('Delete the portal role "Investor"? This cannot be undone.');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.remove).toHaveLength(0);
    expect(screen.getByTestId('role-investor')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete Investor' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Delete role' });
    expect(calls.remove).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(calls.remove).toEqual(['role-investor']));
    expect(await screen.findByText('Role "Investor" deleted')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('role-investor')).not.toBeInTheDocument());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('role-buyer')).toBeInTheDocument();
  });

  it('shows the server\'s 409 "in use" message in the delete dialog and keeps the role', async () => {
    const message = 'This role is in use by 2 portal accounts; give them another role first';
    const calls = mockRolesApi({ remove: () => failure(409, 'ConflictError', message, { code: 'ROLE_IN_USE', usage: TENANT.usage }) });
    const { user } = renderPage(MANAGER);

    await user.click(await screen.findByRole('button', { name: 'Delete Tenant' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete role' });
    // Known to be in use before asking.
    expect(dialog).toHaveTextContent('This role is still in use; it can only be deleted once nobody has it.');
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(calls.remove).toEqual(['role-tenant']));
    const alert = await screen.findByText(message);
    expect(alert).toHaveAttribute('role', 'alert');
    expect(dialog).toContainElement(alert);
    expect(screen.getByRole('alertdialog', { name: 'Delete role' })).toBeInTheDocument();
    expect(screen.getByTestId('role-tenant')).toBeInTheDocument();
  });

  it('offers Edit but no Delete for a built-in role', async () => {
    mockRolesApi();
    renderPage(MANAGER);

    expect(await screen.findByRole('button', { name: 'Delete Investor' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit Buyer' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete Buyer' })).not.toBeInTheDocument();
  });

  it('is read-only without roles.manage: no Create, Edit or Delete, disabled cells, a notice', async () => {
    const calls = mockRolesApi();
    renderPage(['read']);

    expect(await screen.findByTestId('role-investor')).toBeInTheDocument();
    expect(screen.getByText('You may look at the portal roles; changing them needs the "Manage roles" permission.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create role' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Delete / })).not.toBeInTheDocument();
    expect(cell('View properties', 'Buyer')).toBeChecked();
    expect(cell('View properties', 'Buyer')).toBeDisabled();
    expect(cell('Message agent', 'Investor')).toBeDisabled();
    expect(calls.list).toBe(1);
  });

  it('shows the empty state, with Create role only for a role manager', async () => {
    mockRolesApi({ list: () => HttpResponse.json({ data: [], meta: { permissionFlags: FLAGS } }) });
    const { user } = renderPage(MANAGER);

    expect(await screen.findByText('No portal roles yet. Create a role to decide what invited clients may see and do.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const creates = screen.getAllByRole('button', { name: 'Create role' });
    expect(creates.length).toBeGreaterThan(0);
    await user.click(creates[creates.length - 1]);
    expect(await screen.findByRole('dialog', { name: 'Create a portal role' })).toBeInTheDocument();
  });

  it('shows the empty state without any Create role to an agent without roles.manage', async () => {
    mockRolesApi({ list: () => HttpResponse.json({ data: [], meta: { permissionFlags: FLAGS } }) });
    renderPage(['read']);

    expect(await screen.findByText('No portal roles yet. Create a role to decide what invited clients may see and do.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create role' })).not.toBeInTheDocument();
  });

  it('shows the load error with the server message, and Retry loads the matrix', async () => {
    let fail = true;
    const calls = mockRolesApi({
      list: () =>
        fail ? failure(500, 'InternalServerError', 'Database unavailable') : HttpResponse.json({ data: [BUYER], meta: { permissionFlags: FLAGS } }),
    });
    const { user } = renderPage(MANAGER);

    expect(await screen.findByText('The portal roles could not be loaded: Database unavailable')).toHaveAttribute('role', 'alert');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create role' })).not.toBeInTheDocument();
    expect(calls.list).toBe(1);

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByTestId('role-buyer')).toBeInTheDocument();
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(calls.list).toBe(2);
  });
});
