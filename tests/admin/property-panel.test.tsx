/**
 * The content-manager side panel of a property (PropertyPortalView): GET /client-portal/properties/:id/portal lists
 * the property's clients (portal role, status; Invite behind invitations.create, Resend behind invitations.resend)
 * and its viewings (client's message, notes, photos and voice notes through their signed urls; Confirm viewing behind
 * viewings.confirm, which opens a modal: one of the preferred dates and a message, PUT /client-portal/viewings/:id/confirm).
 */
import { within } from '@testing-library/react';
import { PropertyPortalView } from '../../src/plugins/client-portal/admin/src/components/properties/PropertyPortalPanel';
import type { PropertyPortal } from '../../src/plugins/client-portal/admin/src/api';
import { formatDate } from '../../src/plugins/client-portal/admin/src/format';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const PROPERTY = 'prop-canal';
const FIRST_DATE = '2024-06-10T14:00:00.000Z';
const SECOND_DATE = '2024-06-12T09:30:00.000Z';
const PHOTO_URL = 'http://localhost:1337/client-portal/files/11?expires=1718000000&signature=abc';
const VOICE_URL = 'http://localhost:1337/client-portal/files/12?expires=1718000000&signature=def';

const buyer = { documentId: 'role-buyer', key: 'buyer', name: 'Buyer' };

const portal: PropertyPortal = {
  property: { documentId: PROPERTY, title: 'Canal House' },
  contacts: [
    { contact: { documentId: 'contact-jane', name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' }, portalRole: buyer, status: 'not_invited', label: 'Not invited', lastLoginAt: null, invitation: null },
    {
      contact: { documentId: 'contact-bob', name: 'Bob Buyer', email: 'bob@example.com' },
      portalRole: buyer,
      status: 'invited',
      label: 'Invited',
      lastLoginAt: null,
      invitation: { documentId: 'inv-bob', displayStatus: 'invited', expiresAt: '2024-06-20T00:00:00.000Z' },
    },
    { contact: { documentId: 'contact-carl', name: 'Carl Active', email: 'carl@example.com' }, portalRole: null, status: 'active', label: 'Active', lastLoginAt: '2024-05-01T08:00:00.000Z', invitation: null },
  ],
  viewings: [
    {
      documentId: 'viewing-1',
      status: 'requested',
      contact: { documentId: 'contact-jane', name: 'Jane Doe' },
      preferredDates: [FIRST_DATE, SECOND_DATE],
      confirmedDate: null,
      message: 'Can we bring the dog?',
      agentMessage: null,
      notes: [{ documentId: 'note-1', text: 'Loved the kitchen', author: 'Jane Doe', createdAt: '2024-06-01T10:00:00.000Z' }],
      photos: [{ id: 11, name: 'kitchen.jpg', mime: 'image/jpeg', size: 1024, url: PHOTO_URL }],
      voiceNotes: [{ id: 12, name: 'memo.webm', mime: 'audio/webm', size: 2048, url: VOICE_URL }],
    },
    {
      documentId: 'viewing-2',
      status: 'confirmed',
      contact: { documentId: 'contact-carl', name: 'Carl Active' },
      preferredDates: [FIRST_DATE],
      confirmedDate: FIRST_DATE,
      message: null,
      agentMessage: 'See you there',
      notes: [],
      photos: [],
      voiceNotes: [],
    },
  ],
};

const roles = [
  { id: 1, documentId: 'role-seller', key: 'seller', name: 'Seller', builtIn: true, permissions: { viewProperties: true } },
  { id: 2, documentId: 'role-buyer', key: 'buyer', name: 'Buyer', builtIn: true, permissions: { viewProperties: true, messageAgent: true } },
];

const failure = (status: number, message: string, name = 'ApplicationError') => HttpResponse.json({ data: null, error: { status, name, message, details: {} } }, { status });

/** Answers every call the panel (and the invite form it opens) makes; records the writes. */
const mockPanelApi = ({
  answer = () => HttpResponse.json({ data: portal }),
  confirm = () => HttpResponse.json({ data: { documentId: 'viewing-1', status: 'confirmed' } }),
  resend = () => HttpResponse.json({ data: { documentId: 'inv-bob' } }),
}: { answer?: () => Response; confirm?: () => Response; resend?: () => Response } = {}) => {
  const calls = { portal: 0, confirms: [] as Array<{ id: string; body: unknown }>, resends: [] as string[], invites: [] as unknown[] };
  server.use(
    http.get('/client-portal/properties/:id/portal', ({ params }) => {
      calls.portal += 1;
      expect(params.id).toBe(PROPERTY);
      return answer();
    }),
    http.put('/client-portal/viewings/:id/confirm', async ({ params, request }) => {
      calls.confirms.push({ id: String(params.id), body: await request.json() });
      return confirm();
    }),
    http.post('/client-portal/invitations/:id/resend', ({ params }) => {
      calls.resends.push(String(params.id));
      return resend();
    }),
    http.get('/client-portal/roles', () => HttpResponse.json({ data: roles, meta: { permissionFlags: ['viewProperties', 'messageAgent'] } })),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () =>
      HttpResponse.json({ results: [{ documentId: PROPERTY, title: 'Canal House' }], pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } }),
    ),
    http.post('/client-portal/invitations', async ({ request }) => {
      calls.invites.push(await request.json());
      return HttpResponse.json({ data: { documentId: 'inv-jane' } });
    }),
  );
  return calls;
};

const ALL = ['read', 'invitations.create', 'invitations.resend', 'viewings.confirm'];
const renderPanel = (permissions = ALL) => render(<PropertyPortalView documentId={PROPERTY} />, { permissions });

const INVITE_JANE = { name: 'Invite Jane Doe' };
const RESEND_BOB = { name: 'Resend the invitation to Bob Buyer' };
const CONFIRM_JANE = { name: 'Confirm the viewing of Jane Doe' };

const contactRow = (name: string) => screen.getAllByTestId('property-contact').find((row) => row.textContent?.includes(name))!;

describe('PropertyPortalView', () => {
  it('lists the clients with their portal role and status, and links each to the contact', async () => {
    const calls = mockPanelApi();
    renderPanel();

    const rows = await screen.findAllByTestId('property-contact');
    expect(rows).toHaveLength(3);
    const jane = contactRow('Jane Doe');
    expect(within(jane).getByRole('link', { name: 'Jane Doe' })).toHaveAttribute('href', '/admin/content-manager/collection-types/api::contact.contact/contact-jane');
    expect(jane).toHaveTextContent('Buyer');
    expect(within(jane).getByTestId('property-contact-status')).toHaveAttribute('data-status', 'not_invited');
    expect(within(jane).getByTestId('property-contact-status')).toHaveTextContent('Not invited');
    expect(within(contactRow('Bob Buyer')).getByTestId('property-contact-status')).toHaveAttribute('data-status', 'invited');
    const carl = contactRow('Carl Active');
    expect(carl).toHaveTextContent('No portal role');
    expect(within(carl).getByTestId('property-contact-status')).toHaveTextContent('Active');
    // An active client is neither invited nor resent.
    expect(within(carl).queryByRole('button')).not.toBeInTheDocument();
    expect(calls.portal).toBe(1);
  });

  it("shows the viewings with the client's message, notes, photos and voice notes from their signed urls", async () => {
    mockPanelApi();
    renderPanel();

    const viewings = await screen.findAllByTestId('property-viewing');
    expect(viewings).toHaveLength(2);
    const [requested, confirmed] = viewings;

    expect(requested).toHaveTextContent('Jane Doe');
    expect(within(requested).getByTestId('viewing-status')).toHaveTextContent('Requested');
    expect(requested).toHaveTextContent(`Preferred: ${formatDate(FIRST_DATE, 'en')} · ${formatDate(SECOND_DATE, 'en')}`);
    expect(requested).toHaveTextContent('“Can we bring the dog?”');
    expect(requested).toHaveTextContent('Loved the kitchen');
    const photo = within(requested).getByRole('img', { name: 'kitchen.jpg' });
    expect(photo).toHaveAttribute('src', PHOTO_URL);
    expect(photo.closest('a')).toHaveAttribute('href', PHOTO_URL);
    const voice = within(requested).getByLabelText('Voice note memo.webm');
    expect(voice.tagName).toBe('AUDIO');
    expect(voice).toHaveAttribute('src', VOICE_URL);

    expect(within(confirmed).getByTestId('viewing-status')).toHaveTextContent(`Confirmed for ${formatDate(FIRST_DATE, 'en')}`);
    expect(within(confirmed).queryByRole('img')).not.toBeInTheDocument();
    expect(within(confirmed).queryByRole('button', { name: /Confirm/ })).not.toBeInTheDocument();
  });

  describe('RBAC', () => {
    it('shows Invite, Resend and Confirm viewing to an agent holding all three actions', async () => {
      mockPanelApi();
      renderPanel(ALL);

      expect(await screen.findByRole('button', INVITE_JANE)).toHaveTextContent('Invite');
      expect(await screen.findByRole('button', RESEND_BOB)).toHaveTextContent('Resend');
      expect(await screen.findByRole('button', CONFIRM_JANE)).toHaveTextContent('Confirm viewing');
      // One button of each: only the invitable contact, only the pending one, only the requested viewing.
      expect(screen.getAllByRole('button', { name: /^Invite / })).toHaveLength(1);
      expect(screen.getAllByRole('button', { name: /^Resend / })).toHaveLength(1);
      expect(screen.getAllByRole('button', { name: /^Confirm the viewing/ })).toHaveLength(1);
    });

    it('has no Invite button without invitations.create', async () => {
      mockPanelApi();
      renderPanel(['read', 'invitations.resend', 'viewings.confirm']);

      // The buttons behind the granted actions show that the permission checks have finished.
      expect(await screen.findByRole('button', RESEND_BOB)).toBeInTheDocument();
      expect(await screen.findByRole('button', CONFIRM_JANE)).toBeInTheDocument();
      expect(screen.queryByRole('button', INVITE_JANE)).not.toBeInTheDocument();
    });

    it('has no Resend button without invitations.resend', async () => {
      mockPanelApi();
      renderPanel(['read', 'invitations.create', 'viewings.confirm']);

      expect(await screen.findByRole('button', INVITE_JANE)).toBeInTheDocument();
      expect(await screen.findByRole('button', CONFIRM_JANE)).toBeInTheDocument();
      expect(screen.queryByRole('button', RESEND_BOB)).not.toBeInTheDocument();
    });

    it('has no Confirm viewing button without viewings.confirm', async () => {
      mockPanelApi();
      renderPanel(['read', 'invitations.create', 'invitations.resend']);

      expect(await screen.findByRole('button', INVITE_JANE)).toBeInTheDocument();
      expect(await screen.findByRole('button', RESEND_BOB)).toBeInTheDocument();
      expect(screen.queryByRole('button', CONFIRM_JANE)).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /Confirm/ })).not.toBeInTheDocument();
    });

    it('has none of the three with read alone', async () => {
      mockPanelApi();
      renderPanel(['read']);

      expect(await screen.findAllByTestId('property-viewing')).toHaveLength(2);
      expect(screen.getAllByTestId('property-contact')).toHaveLength(3);
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });
  });

  describe('Confirm viewing', () => {
    it('opens a modal with the preferred dates as radios and sends nothing before confirming', async () => {
      const calls = mockPanelApi();
      const { user } = renderPanel();

      await user.click(await screen.findByRole('button', CONFIRM_JANE));

      const dialog = await screen.findByRole('dialog', { name: 'Confirm the viewing of Jane Doe' });
      const radios = within(dialog).getAllByRole('radio');
      expect(radios).toHaveLength(2);
      expect(within(dialog).getByRole('radio', { name: formatDate(FIRST_DATE, 'en') })).toBeChecked();
      expect(within(dialog).getByRole('radio', { name: formatDate(SECOND_DATE, 'en') })).not.toBeChecked();
      expect(calls.confirms).toHaveLength(0);
    });

    it('PUTs the chosen date and the message, then closes the modal and reloads the panel', async () => {
      const calls = mockPanelApi();
      const { user } = renderPanel();

      await user.click(await screen.findByRole('button', CONFIRM_JANE));
      const dialog = await screen.findByRole('dialog', { name: 'Confirm the viewing of Jane Doe' });
      await user.click(within(dialog).getByRole('radio', { name: formatDate(SECOND_DATE, 'en') }));
      await user.click(within(dialog).getByRole('textbox', { name: 'Message to the client' }));
      await user.paste('  Ring the bell twice  ');
      expect(calls.confirms).toHaveLength(0);
      await user.click(within(dialog).getByRole('button', { name: 'Confirm viewing' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(calls.confirms).toEqual([{ id: 'viewing-1', body: { date: SECOND_DATE, message: 'Ring the bell twice' } }]);
      expect(await screen.findByText('Viewing confirmed; the client sees the date in the portal')).toBeInTheDocument();
      await waitFor(() => expect(calls.portal).toBe(2));
    });

    it('sends the first preferred date and no message when the agent only confirms', async () => {
      const calls = mockPanelApi();
      const { user } = renderPanel();

      await user.click(await screen.findByRole('button', CONFIRM_JANE));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Confirm viewing' }));

      await waitFor(() => expect(calls.confirms).toEqual([{ id: 'viewing-1', body: { date: FIRST_DATE, message: null } }]));
    });

    it('sends nothing on Cancel', async () => {
      const calls = mockPanelApi();
      const { user } = renderPanel();

      await user.click(await screen.findByRole('button', CONFIRM_JANE));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(calls.confirms).toHaveLength(0);
      expect(calls.portal).toBe(1);
    });

    it("shows the server's refusal in the modal and keeps it open", async () => {
      const calls = mockPanelApi({ confirm: () => failure(409, 'This viewing is closed') });
      const { user } = renderPanel();

      await user.click(await screen.findByRole('button', CONFIRM_JANE));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByRole('button', { name: 'Confirm viewing' }));

      expect(await within(dialog).findByText('This viewing is closed')).toBeInTheDocument();
      expect(screen.getByRole('dialog')).toBeInTheDocument();
      expect(calls.confirms).toHaveLength(1);
      expect(screen.queryByText('Viewing confirmed; the client sees the date in the portal')).not.toBeInTheDocument();
    });
  });

  it('Resend resends the pending invitation and reloads the panel', async () => {
    const calls = mockPanelApi();
    const { user } = renderPanel();

    await user.click(await screen.findByRole('button', RESEND_BOB));

    expect(await screen.findByText('Invitation resent')).toBeInTheDocument();
    expect(calls.resends).toEqual(['inv-bob']);
    await waitFor(() => expect(calls.portal).toBe(2));
  });

  it("shows the server's message when a resend is refused", async () => {
    const calls = mockPanelApi({ resend: () => failure(429, 'This invitation was resent too often in the last hour; try again later', 'RateLimitError') });
    const { user } = renderPanel();

    await user.click(await screen.findByRole('button', RESEND_BOB));

    expect(await screen.findByText('This invitation was resent too often in the last hour; try again later')).toBeInTheDocument();
    expect(calls.resends).toEqual(['inv-bob']);
    expect(calls.portal).toBe(1);
  });

  it('Invite opens the invite form for that contact and this property, and reloads the panel once sent', async () => {
    const calls = mockPanelApi();
    const { user } = renderPanel();

    await user.click(await screen.findByRole('button', INVITE_JANE));

    const dialog = await screen.findByRole('dialog', { name: 'Invite Jane Doe to the client portal' });
    expect(await within(dialog).findByRole('textbox', { name: /^Email address/ })).toHaveValue('jane@example.com');
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /^Property/ })).toHaveTextContent('Canal House'));
    expect(calls.invites).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.invites).toEqual([
      expect.objectContaining({ contact: 'contact-jane', portalRole: 'role-buyer', property: PROPERTY, firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', updateContact: false }),
    ]);
    await waitFor(() => expect(calls.portal).toBe(2));
  });

  it('says so when the property has no clients and no viewings', async () => {
    mockPanelApi({ answer: () => HttpResponse.json({ data: { property: portal.property, contacts: [], viewings: [] } }) });
    renderPanel();

    expect(await screen.findByText('No contacts are linked to this property yet: add them as deals.')).toBeInTheDocument();
    expect(screen.getByText('No viewings requested yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('property-contact')).not.toBeInTheDocument();
    expect(screen.queryByTestId('property-viewing')).not.toBeInTheDocument();
  });

  it("shows the server's message when the panel cannot be loaded, and Retry loads it", async () => {
    let fail = true;
    const calls = mockPanelApi({ answer: () => (fail ? failure(500, 'Database unavailable', 'InternalServerError') : HttpResponse.json({ data: portal })) });
    const { user } = renderPanel();

    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.queryByTestId('property-contact')).not.toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('property-contact')).toHaveLength(3);
    expect(screen.queryByText('Database unavailable')).not.toBeInTheDocument();
    expect(calls.portal).toBe(2);
  });

  it("shows a 404 of the server (a property that is gone) with its message", async () => {
    mockPanelApi({ answer: () => failure(404, 'Property not found', 'NotFoundError') });
    renderPanel();
    expect(await screen.findByText('Property not found')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
