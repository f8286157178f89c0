/**
 * Client groups (pages/GroupsPage.tsx): the list, a new group, one group's properties and members, adding and
 * removing members, *Invite all* with per-member results; everything that changes a group behind groups.manage.
 */
import { within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { GroupsPage } from '../../src/plugins/client-portal/admin/src/pages/GroupsPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const BASE = '/plugins/client-portal/groups';

const roles = [
  { id: 1, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: {} },
  { id: 2, documentId: 'role-co-owner', key: 'co-owner', name: 'Co-owner', builtIn: true, permissions: {} },
];
const properties = [
  { documentId: 'prop-house', title: 'Canal house' },
  { documentId: 'prop-flat', title: 'City flat' },
];

const member = (contact: string, name: string, status = 'not_invited', label = 'Not invited') => ({
  documentId: `m-${contact}`,
  contact: { documentId: contact, name, email: `${contact}@example.com` },
  portalRole: { documentId: 'role-buyer', key: 'buyer', name: 'Buyer' },
  status,
  label,
  lastLoginAt: null,
  addedAt: '2026-01-10T09:00:00.000Z',
});

const household = {
  documentId: 'group-1',
  name: 'Jansen household',
  description: null,
  agent: { id: 7, name: 'Ann Agent', email: 'ann@agency.test' },
  properties: [{ documentId: 'prop-house', title: 'Canal house', address: null, city: 'Amsterdam' }],
  members: [member('c-anna', 'Anna Jansen', 'active', 'Active'), member('c-bert', 'Bert Jansen')],
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: '2026-01-10T09:00:00.000Z',
};

const renderGroups = (permissions: string[], path = BASE) =>
  render(
    <Routes>
      <Route path={`${BASE}/*`} element={<GroupsPage />} />
    </Routes>,
    { permissions, initialEntries: [path] },
  );

const mockApi = (group = household) => {
  const calls = { created: [] as any[], updated: [] as any[], added: [] as any[], removed: [] as string[], invited: 0, inviteBodies: [] as any[] };
  let current = group;
  server.use(
    http.get('/client-portal/roles', () => HttpResponse.json({ data: roles, meta: { permissionFlags: [] } })),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () => HttpResponse.json({ results: properties, pagination: { page: 1, pageSize: 100, pageCount: 1, total: 2 } })),
    http.get(/\/content-manager\/collection-types\/api::contact\.contact$/, () =>
      HttpResponse.json({
        results: [
          { documentId: 'c-carl', firstName: 'Carl', lastName: 'Client', email: 'carl@example.com' },
          { documentId: 'c-dora', firstName: 'Dora', lastName: 'Client', email: 'dora@example.com' },
        ],
        pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 },
      }),
    ),
    http.get('/client-portal/groups', () =>
      HttpResponse.json({ data: [{ documentId: 'group-1', name: 'Jansen household', description: null, agent: { name: 'Ann Agent', email: 'ann@agency.test' }, memberCount: 2, propertyCount: 1, createdAt: '2026-01-10T09:00:00.000Z' }], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } }),
    ),
    http.post('/client-portal/groups', async ({ request }) => {
      const body = (await request.json()) as any;
      calls.created.push(body);
      current = { ...household, documentId: 'group-new', name: body.name, members: [], properties: [] };
      return HttpResponse.json({ data: current }, { status: 201 });
    }),
    http.get('/client-portal/groups/:id', () => HttpResponse.json({ data: current })),
    http.put('/client-portal/groups/:id', async ({ request }) => {
      const body = (await request.json()) as any;
      calls.updated.push(body);
      current = { ...current, properties: body.properties.map((documentId: string) => ({ documentId, title: properties.find((p) => p.documentId === documentId)!.title, address: null, city: null })) };
      return HttpResponse.json({ data: current });
    }),
    http.post('/client-portal/groups/:id/members', async ({ request }) => {
      const body = (await request.json()) as any;
      calls.added.push(body);
      current = { ...current, members: [...current.members, member(body.contact, body.contact === 'c-carl' ? 'Carl Client' : 'Dora Client')] };
      return HttpResponse.json({ data: { group: current, invitation: null } }, { status: 201 });
    }),
    http.delete('/client-portal/groups/:id/members/:contact', ({ params }) => {
      calls.removed.push(String(params.contact));
      current = { ...current, members: current.members.filter((entry) => entry.contact.documentId !== params.contact) };
      return HttpResponse.json({ data: current });
    }),
    http.get('/client-portal/forms', () => HttpResponse.json({ data: [{ documentId: 'form-1', title: 'Buyer intake', fields: [] }], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } })),
    http.post('/client-portal/groups/:id/invite', async ({ request }) => {
      calls.invited += 1;
      calls.inviteBodies.push(await request.json());
      return HttpResponse.json({ data: { invited: [{ contact: 'c-bert', invitation: 'inv-1' }], skipped: [{ contact: 'c-anna', reason: 'already_portal_user', message: 'the contact already has a portal account' }] } });
    }),
  );
  return calls;
};

describe('GroupsPage', () => {
  it('lists the groups and creates a new one with its properties, then opens it', async () => {
    const calls = mockApi();
    const { user } = renderGroups(['read', 'groups.manage']);

    const row = await screen.findByTestId('group-group-1');
    expect(row).toHaveTextContent('Jansen household');
    expect(row).toHaveTextContent('Ann Agent');

    await user.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(await within(dialog).findByText('Give the group a name')).toBeInTheDocument();
    expect(calls.created).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Name/), 'De Vries co-owners');
    await user.click(within(dialog).getByRole('combobox', { name: 'Properties' }));
    await user.click(await screen.findByRole('option', { name: 'City flat' }));
    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    await waitFor(() => expect(calls.created).toEqual([{ name: 'De Vries co-owners', description: null, properties: ['prop-flat'] }]));
    expect(await screen.findByRole('heading', { name: 'De Vries co-owners' })).toBeInTheDocument();
    expect(screen.getByText(/No members yet/)).toBeInTheDocument();
  });

  it('shows a group\'s members with their role and status, adds and removes members, and reports Invite all (with the chosen form) per member', async () => {
    const calls = mockApi();
    const { user } = renderGroups(['read', 'groups.manage'], `${BASE}/group-1`);

    const anna = await screen.findByTestId('member-c-anna');
    expect(within(anna).getByTestId('member-status')).toHaveAttribute('data-status', 'active');
    expect(anna).toHaveTextContent('Buyer');
    expect(within(await screen.findByTestId('member-c-bert')).getByTestId('member-status')).toHaveAttribute('data-status', 'not_invited');

    // Add a member: a contact searched by name, in a chosen role.
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('Choose a contact')).toBeInTheDocument();
    await user.type(screen.getByPlaceholderText('Search by name or email'), 'Carl');
    await user.click(await screen.findByRole('option', { name: 'Carl Client (carl@example.com)' }));
    await user.click(screen.getByRole('combobox', { name: 'Portal role' }));
    await user.click(await screen.findByRole('option', { name: 'Co-owner' }));
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(calls.added).toEqual([{ contact: 'c-carl', portalRole: 'role-co-owner' }]));
    expect(await screen.findByTestId('member-c-carl')).toBeInTheDocument();
    // A second one right after: the picker is empty again and no longer offers the member just added.
    expect(screen.getByPlaceholderText('Search by name or email')).toHaveValue('');
    await user.type(screen.getByPlaceholderText('Search by name or email'), 'Client');
    expect(await screen.findByRole('option', { name: 'Dora Client (dora@example.com)' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Carl Client (carl@example.com)' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Dora Client (dora@example.com)' }));
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(calls.added).toHaveLength(2));
    expect(await screen.findByTestId('member-c-dora')).toBeInTheDocument();

    await user.click(within(screen.getByTestId('member-c-carl')).getByRole('button', { name: 'Remove from group' }));
    await waitFor(() => expect(calls.removed).toEqual(['c-carl']));
    await waitFor(() => expect(screen.queryByTestId('member-c-carl')).not.toBeInTheDocument());

    await user.click(await screen.findByRole('combobox', { name: /^Form to fill in/ }));
    await user.click(await screen.findByRole('option', { name: 'Buyer intake' }));
    await user.click(screen.getByRole('button', { name: 'Invite all' }));
    const results = await screen.findByTestId('invite-results');
    expect(results).toHaveTextContent('1 invited, 1 skipped');
    expect(results).toHaveTextContent('Bert Jansen');
    expect(results).toHaveTextContent('Skipped: the contact already has a portal account');
    expect(calls.invited).toBe(1);
    expect(calls.inviteBodies).toEqual([{ form: 'form-1' }]);
  });

  it('saves changed properties, and offers no change at all without groups.manage', async () => {
    const calls = mockApi();
    const { user } = renderGroups(['read', 'groups.manage'], `${BASE}/group-1`);
    await screen.findByTestId('member-c-anna');
    const save = screen.getByRole('button', { name: 'Save properties' });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole('combobox', { name: 'Properties' }));
    await user.click(await screen.findByRole('option', { name: 'City flat' }));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Save properties' }));
    await waitFor(() => expect(calls.updated).toEqual([{ properties: ['prop-house', 'prop-flat'] }]));
  });

  it('shows a reader the group without any button that changes it', async () => {
    mockApi();
    renderGroups(['read'], `${BASE}/group-1`);
    await screen.findByTestId('member-c-anna');
    expect(screen.getByText('Canal house')).toBeInTheDocument();
    for (const name of ['Invite all', 'Delete group', 'Add member', 'Remove from group', 'Save properties']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });
});
