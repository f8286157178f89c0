/**
 * Client Portal → Activity (ActivityPage): the feed of GET /client-portal/activities, its filters kept in the URL
 * (`?contact=…&type=a,b`) and sent as the request's query, and its empty and error states.
 * The page has no controls behind a plugin action beyond `read` (the route itself is guarded by it).
 */
import { ActivityPage } from '../../src/plugins/client-portal/admin/src/pages/ActivityPage';
import type { ActivityEntry } from '../../src/plugins/client-portal/admin/src/api';
import { within } from '@testing-library/react';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const ROUTE = '/plugins/client-portal/activity';

const entries: ActivityEntry[] = [
  {
    documentId: 'act-1',
    type: 'invite_failed',
    summary: 'The invitation email bounced',
    createdAt: '2024-05-02T10:00:00.000Z',
    actor: { type: 'system', name: null },
    contact: { documentId: 'contact-jane', name: 'Jane Doe' },
    property: { documentId: 'prop-1', title: 'Canal House' },
  },
  {
    documentId: 'act-2',
    type: 'viewing_confirmed',
    summary: '',
    createdAt: '2024-05-01T09:00:00.000Z',
    actor: { type: 'agent', name: 'Alice Agent' },
    contact: { documentId: 'contact-bob', name: 'Bob Buyer' },
    property: null,
  },
];

const page = (data: ActivityEntry[]) => ({ data, meta: { pagination: { page: 1, pageSize: 25, pageCount: data.length ? 1 : 0, total: data.length } } });

/** Answers the feed (recording each request's query) and the content-manager lookups the filters make. */
const mockFeed = (answer: (query: URLSearchParams) => Response = () => HttpResponse.json(page(entries))) => {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get('/client-portal/activities', ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return answer(query);
    }),
    http.get(/\/content-manager\/collection-types\/api::property\.property$/, () =>
      HttpResponse.json({ results: [{ documentId: 'prop-1', title: 'Canal House' }], pagination: { page: 1, pageSize: 100, pageCount: 1, total: 1 } }),
    ),
    http.get(/\/content-manager\/collection-types\/api::contact\.contact$/, () =>
      HttpResponse.json({ results: [], pagination: { page: 1, pageSize: 20, pageCount: 0, total: 0 } }),
    ),
    http.get(/\/content-manager\/collection-types\/api::contact\.contact\/[^/]+$/, ({ request }) => {
      const documentId = new URL(request.url).pathname.split('/').pop();
      return HttpResponse.json({ data: { id: 7, documentId, firstName: 'Carla', lastName: 'Client', email: 'carla@example.com' } });
    }),
  );
  return queries;
};

const renderPage = (initialEntries = [ROUTE]) => render(<ActivityPage />, { permissions: ['read'], initialEntries });

describe('ActivityPage', () => {
  it('lists each entry with its type label, summary, actor, contact link and property', async () => {
    const queries = mockFeed();
    renderPage();

    const rows = await screen.findAllByTestId('activity-entry');
    expect(rows).toHaveLength(2);

    const [failed, confirmed] = rows;
    expect(failed).toHaveAttribute('data-type', 'invite_failed');
    expect(within(failed).getByText('Invite failed')).toBeInTheDocument();
    expect(within(failed).getByText('The invitation email bounced')).toBeInTheDocument();
    expect(within(failed).getByText('System')).toBeInTheDocument();
    expect(within(failed).getByRole('link', { name: 'Jane Doe' })).toHaveAttribute('href', expect.stringContaining('/content-manager/collection-types/api::contact.contact/contact-jane'));
    expect(within(failed).getByText('Canal House')).toBeInTheDocument();

    expect(confirmed).toHaveAttribute('data-type', 'viewing_confirmed');
    expect(within(confirmed).getByText('Viewing confirmed')).toBeInTheDocument();
    expect(within(confirmed).getByText('Alice Agent')).toBeInTheDocument();
    expect(within(confirmed).getByText('Agent')).toBeInTheDocument();
    expect(within(confirmed).getByRole('link', { name: 'Bob Buyer' })).toBeInTheDocument();

    // Unfiltered: the first page, no filter in the query.
    expect(queries).toHaveLength(1);
    expect(queries[0].get('page')).toBe('1');
    expect(queries[0].get('pageSize')).toBe('25');
    expect(queries[0].has('contact')).toBe(false);
    expect(queries[0].has('type')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('sends the ?contact= of the URL as the contact filter and names that contact', async () => {
    const queries = mockFeed(() => HttpResponse.json(page([])));
    renderPage([`${ROUTE}?contact=contact-carla`]);

    expect(await screen.findByText('No activity matches these filters. Choose other filters or clear them.')).toBeInTheDocument();
    expect(queries[0].get('contact')).toBe('contact-carla');
    // The contact is not in the (empty) feed, so its name comes from the content manager.
    await waitFor(() => expect(screen.getByPlaceholderText('Search a contact')).toHaveValue('Carla Client (carla@example.com)'));
    // One in the filter bar, one in the empty state.
    expect(screen.getAllByRole('button', { name: 'Clear filters' })).toHaveLength(2);
  });

  it('sends the types picked in the Type filter as the type query, and Clear filters drops them', async () => {
    const queries = mockFeed();
    const { user } = renderPage();
    await screen.findAllByTestId('activity-entry');
    expect(queries).toHaveLength(1);

    await user.click(screen.getByRole('combobox', { name: 'Type' }));
    await user.click(await screen.findByRole('option', { name: 'Invite failed' }));

    await waitFor(() => expect(queries.at(-1)?.get('type')).toBe('invite_failed'));
    expect(queries.at(-1)?.get('page')).toBe('1');

    // A second type joins the first (the list stays open).
    await user.click(await screen.findByRole('option', { name: 'Logged in' }));
    await waitFor(() => expect(queries.at(-1)?.get('type')).toBe('invite_failed,logged_in'));

    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(queries.at(-1)?.has('type')).toBe(false));
  });

  it('keeps a ?type= of the URL, dropping unknown types, in the query', async () => {
    const queries = mockFeed();
    renderPage([`${ROUTE}?type=logged_in,nonsense,invite_sent`]);
    await screen.findAllByTestId('activity-entry');
    expect(queries[0].get('type')).toBe('logged_in,invite_sent');
  });

  it('shows the empty state when nothing happened yet', async () => {
    mockFeed(() => HttpResponse.json(page([])));
    renderPage();

    expect(await screen.findByText('No activity yet. Invite a contact to the portal and what happens appears here.')).toBeInTheDocument();
    expect(screen.queryByTestId('activity-entry')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it("shows the server's message on an error, and Retry loads the feed again", async () => {
    let fail = true;
    const queries = mockFeed(() =>
      fail
        ? HttpResponse.json({ data: null, error: { status: 500, name: 'InternalServerError', message: 'Database unavailable' } }, { status: 500 })
        : HttpResponse.json(page(entries)),
    );
    const { user } = renderPage();

    expect(await screen.findByText(/The activity could not be loaded/)).toHaveTextContent('The activity could not be loaded: Database unavailable');
    expect(screen.queryByTestId('activity-entry')).not.toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('activity-entry')).toHaveLength(2);
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(queries).toHaveLength(2);
  });

  it('shows a 400 of the server (a bad filter) with its message', async () => {
    mockFeed(() => HttpResponse.json({ data: null, error: { status: 400, name: 'ValidationError', message: 'pageSize: must be at most 100' } }, { status: 400 }));
    renderPage();
    expect(await screen.findByText(/The activity could not be loaded/)).toHaveTextContent('The activity could not be loaded: pageSize: must be at most 100');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
