/**
 * The invite form (InviteForm) that the contact panel, the contacts row action and the property panel open: portal
 * roles from GET /client-portal/roles, properties from the content manager, the contact's name and email prefilled,
 * POST /client-portal/invitations (corrections saved on the contact with `updateContact`), permission exceptions as
 * overrides, the server's field errors on their field; and, for a contact with an account, "Share this property"
 * (POST /client-portal/contacts/:id/share).
 * The form has no control of its own behind a plugin action: the buttons that open it are (see contact-panel and
 * property-panel tests).
 */
import { InviteForm, type InviteContact } from '../../src/plugins/client-portal/admin/src/components/contacts/InviteForm';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const contact: InviteContact = { documentId: 'contact-jane', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' };

const roles = [
  { id: 1, documentId: 'role-seller', key: 'seller', name: 'Seller', builtIn: true, permissions: { viewProperties: true } },
  { id: 2, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: { viewProperties: true, messageAgent: true } },
];
const FLAGS = ['viewProperties', 'messageAgent', 'uploadPhotos'];

const properties = [
  { id: 1, documentId: 'prop-canal', title: 'Canal House' },
  { id: 2, documentId: 'prop-mill', title: 'Old Mill' },
];

const failure = (status: number, message: string, name = 'ValidationError') => HttpResponse.json({ data: null, error: { status, name, message, details: {} } }, { status });

const invitation = (body: Record<string, any>) => ({
  documentId: 'inv-1',
  status: 'pending',
  displayStatus: 'invited',
  label: 'Invited',
  email: body.email,
  firstName: body.firstName,
  lastName: body.lastName,
});

/** Answers roles, properties, invite and share; records what was posted. */
const mockInviteApi = ({
  invite = (body: Record<string, any>) => HttpResponse.json({ data: invitation(body) }),
  share = () => HttpResponse.json({ data: { ok: true } }),
  rolesAnswer = () => HttpResponse.json({ data: roles, meta: { permissionFlags: FLAGS } }),
}: {
  invite?: (body: Record<string, any>) => Response;
  share?: (body: Record<string, any>) => Response;
  rolesAnswer?: () => Response;
} = {}) => {
  const calls = { roles: 0, properties: 0, invites: [] as Array<Record<string, any>>, shares: [] as Array<{ id: string; body: Record<string, any> }> };
  server.use(
    http.get('/client-portal/roles', () => {
      calls.roles += 1;
      return rolesAnswer();
    }),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () => {
      calls.properties += 1;
      return HttpResponse.json({ results: properties, pagination: { page: 1, pageSize: 100, pageCount: 1, total: properties.length } });
    }),
    http.get('/client-portal/forms', () => HttpResponse.json({ data: [{ documentId: 'form-1', title: 'Buyer intake', fields: [] }], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } } })),
    http.post('/client-portal/invitations', async ({ request }) => {
      const body = (await request.json()) as Record<string, any>;
      calls.invites.push(body);
      return invite(body);
    }),
    http.post('/client-portal/contacts/:id/share', async ({ params, request }) => {
      const body = (await request.json()) as Record<string, any>;
      calls.shares.push({ id: String(params.id), body });
      return share(body);
    }),
  );
  return calls;
};

const renderForm = (props: Partial<React.ComponentProps<typeof InviteForm>> = {}) => {
  const onDone = jest.fn();
  const onCancel = jest.fn();
  const result = render(<InviteForm contact={contact} hasAccount={false} onDone={onDone} onCancel={onCancel} {...props} />, {
    permissions: ['read', 'invitations.create'],
  });
  return { ...result, onDone, onCancel };
};

const SEND = { name: 'Send invitation' };
const emailBox = () => screen.getByRole('textbox', { name: /^Email address/ });
/** Waits for the roles and the property picker (both requests answered). */
const loaded = async () => {
  await screen.findByRole('button', SEND);
  await screen.findByRole('combobox', { name: /^Property/ });
};

/** What the form posts when the agent changes nothing. */
const unchanged = {
  contact: 'contact-jane',
  portalRole: 'role-buyer',
  property: null,
  email: 'jane@example.com',
  firstName: 'Jane',
  lastName: 'Doe',
  message: null,
  expiresInDays: null,
  permissions: null,
  updateContact: false,
  form: null,
};

describe('InviteForm', () => {
  it('loads the portal roles (buyer preselected) and the properties, and prefills name and email', async () => {
    const calls = mockInviteApi();
    renderForm();
    await loaded();

    expect(screen.getByRole('combobox', { name: /^Portal role/ })).toHaveTextContent('Buyer');
    expect(screen.getByRole('combobox', { name: /^Property/ })).toHaveTextContent('No property');
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('Jane');
    expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveValue('Doe');
    expect(emailBox()).toHaveValue('jane@example.com');
    // The role's permissions as ticked boxes.
    expect(screen.getByRole('checkbox', { name: 'Message agent' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Upload photos' })).not.toBeChecked();
    expect(screen.getByRole('button', SEND)).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Share this property' })).not.toBeInTheDocument();
    expect(calls.roles).toBe(1);
    expect(calls.properties).toBe(1);
  });

  it('posts updateContact: false and the contact as it is when nothing was changed', async () => {
    const calls = mockInviteApi();
    const { user, onDone } = renderForm();
    await loaded();

    await user.click(screen.getByRole('button', SEND));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls.invites).toEqual([unchanged]);
    expect(await screen.findByText('Invitation queued')).toBeInTheDocument();
  });

  it('posts the edited email with updateContact: true', async () => {
    const calls = mockInviteApi();
    const { user, onDone } = renderForm();
    await loaded();

    await user.clear(emailBox());
    await user.paste('jane.doe@example.org');
    await user.click(screen.getByRole('button', SEND));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls.invites).toEqual([{ ...unchanged, email: 'jane.doe@example.org', updateContact: true }]);
  });

  it('sends the chosen role, property, message, expiry and form', async () => {
    const calls = mockInviteApi();
    const { user, onDone } = renderForm();
    await loaded();

    await user.click(screen.getByRole('combobox', { name: /^Portal role/ }));
    await user.click(await screen.findByRole('option', { name: 'Seller' }));
    await user.click(screen.getByRole('combobox', { name: /^Property/ }));
    await user.click(await screen.findByRole('option', { name: 'Old Mill' }));
    await user.click(screen.getByRole('textbox', { name: 'Personal message' }));
    await user.paste('Welcome aboard');
    await user.type(screen.getByRole('textbox', { name: 'Link valid for (days)' }), '7');
    await user.click(await screen.findByRole('combobox', { name: /^Form to fill in/ }));
    await user.click(await screen.findByRole('option', { name: 'Buyer intake' }));
    await user.click(screen.getByRole('button', SEND));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls.invites).toEqual([{ ...unchanged, portalRole: 'role-seller', property: 'prop-mill', message: 'Welcome aboard', expiresInDays: 7, form: 'form-1' }]);
  });

  it('sends a changed permission box as an override, and only that one', async () => {
    const calls = mockInviteApi();
    const { user, onDone } = renderForm();
    await loaded();

    await user.click(screen.getByRole('checkbox', { name: 'Message agent' }));
    expect(await screen.findByRole('checkbox', { name: 'Message agent (changed)' })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Upload photos' }));
    // Back to what the role allows: no longer an exception.
    await user.click(screen.getByRole('checkbox', { name: 'Upload photos (changed)' }));
    expect(await screen.findByRole('checkbox', { name: 'Upload photos' })).not.toBeChecked();

    await user.click(screen.getByRole('button', SEND));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls.invites).toEqual([{ ...unchanged, permissions: { messageAgent: false } }]);
  });

  it('shows a 400 "email: must be a valid email address" on the email field and stays open', async () => {
    const calls = mockInviteApi({ invite: () => failure(400, 'email: must be a valid email address') });
    const { user, onDone } = renderForm();
    await loaded();

    await user.clear(emailBox());
    await user.paste('jane@');
    await user.click(screen.getByRole('button', SEND));

    expect(await screen.findByText('email: must be a valid email address')).toBeInTheDocument();
    expect(emailBox()).toHaveAttribute('aria-invalid', 'true');
    expect(emailBox()).toHaveAccessibleDescription(expect.stringContaining('email: must be a valid email address'));
    expect(screen.getByRole('textbox', { name: 'First name' })).not.toHaveAttribute('aria-invalid', 'true');
    expect(calls.invites).toHaveLength(1);
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.queryByText('Invitation queued')).not.toBeInTheDocument();
  });

  it('shows an error that names no field above the form', async () => {
    mockInviteApi({ invite: () => failure(409, 'An invitation is already pending', 'ApplicationError') });
    const { user, onDone } = renderForm();
    await loaded();

    await user.click(screen.getByRole('button', SEND));

    expect(await screen.findByText('An invitation is already pending')).toBeInTheDocument();
    expect(emailBox()).not.toHaveAttribute('aria-invalid', 'true');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends nothing on Cancel', async () => {
    const calls = mockInviteApi();
    const { user, onCancel, onDone } = renderForm();
    await loaded();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onDone).not.toHaveBeenCalled();
    expect(calls.invites).toHaveLength(0);
  });

  it("shows the server's message when the roles cannot be loaded, and no form", async () => {
    mockInviteApi({ rolesAnswer: () => failure(500, 'Database unavailable', 'InternalServerError') });
    renderForm();

    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.queryByRole('button', SEND)).not.toBeInTheDocument();
  });

  describe('for a contact who already has an account', () => {
    it('shares a property instead: "Share this property" posts /contacts/:id/share once a property is chosen', async () => {
      const calls = mockInviteApi();
      const { user, onDone } = renderForm({ hasAccount: true });

      const share = await screen.findByRole('button', { name: 'Share this property' });
      expect(screen.getByText('This contact already has a portal account')).toBeInTheDocument();
      expect(screen.queryByRole('button', SEND)).not.toBeInTheDocument();
      expect(screen.queryByRole('textbox', { name: /^Email address/ })).not.toBeInTheDocument();
      // A property is required to share.
      expect(share).toBeDisabled();

      await user.click(await screen.findByRole('combobox', { name: /^Property/ }));
      await user.click(await screen.findByRole('option', { name: 'Canal House' }));
      await waitFor(() => expect(share).toBeEnabled());
      await user.click(share);

      await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
      expect(calls.shares).toEqual([{ id: 'contact-jane', body: { property: 'prop-canal', portalRole: 'role-buyer', permissions: null } }]);
      expect(calls.invites).toHaveLength(0);
      expect(await screen.findByText('Property shared; the client was told by email')).toBeInTheDocument();
    });

    it('starts from the given property and role, and shows a share error on the property field', async () => {
      const calls = mockInviteApi({ share: () => failure(400, 'property: the contact already has this property') });
      const { user, onDone } = renderForm({ hasAccount: true, initialProperty: 'prop-mill', initialRole: 'seller' });

      const share = await screen.findByRole('button', { name: 'Share this property' });
      await waitFor(() => expect(screen.getByRole('combobox', { name: /^Property/ })).toHaveTextContent('Old Mill'));
      expect(screen.getByRole('combobox', { name: /^Portal role/ })).toHaveTextContent('Seller');
      await user.click(share);

      expect(await screen.findByText('property: the contact already has this property')).toBeInTheDocument();
      expect(screen.getByRole('combobox', { name: /^Property/ })).toHaveAccessibleDescription(expect.stringContaining('property: the contact already has this property'));
      expect(calls.shares).toEqual([{ id: 'contact-jane', body: { property: 'prop-mill', portalRole: 'role-seller', permissions: null } }]);
      expect(onDone).not.toHaveBeenCalled();
    });
  });
});
