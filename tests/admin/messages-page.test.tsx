/**
 * Client Portal → Messages (MessagesPage) and the conversation it opens (ContactThread): the thread list of
 * GET /client-portal/messages/threads with unread badges, the thread of `…/messages/<contact>`
 * (GET /client-portal/contacts/:id/messages), and the reply box, which only agents holding `messages.reply` get
 * (POST /client-portal/contacts/:id/messages { body }).
 */
import { within } from '@testing-library/react';
import { MessagesPage } from '../../src/plugins/client-portal/admin/src/pages/MessagesPage';
import type { Message, Thread } from '../../src/plugins/client-portal/admin/src/api';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const BASE = '/plugins/client-portal/messages';
const JANE = 'contact-jane';
const BOB = 'contact-bob';

const message = (documentId: string, body: string, direction: Message['direction'], extra: Partial<Message> = {}): Message => ({
  documentId,
  body,
  direction,
  author: null,
  createdAt: '2024-05-01T10:00:00.000Z',
  readAt: null,
  ...extra,
});

const threads: Thread[] = [
  {
    contact: { documentId: JANE, name: 'Jane Doe', email: 'jane@example.com' },
    unread: 2,
    lastMessage: message('m-2', 'Is the garden south-facing?', 'from_client'),
  },
  {
    contact: { documentId: BOB, name: 'Bob Buyer', email: 'bob@example.com' },
    unread: 0,
    lastMessage: message('m-9', 'See you on Monday', 'from_agent'),
  },
];

const janeThread = {
  contact: { documentId: JANE, name: 'Jane Doe', email: 'jane@example.com', hasAccount: true },
  messages: [
    message('m-1', 'Hello, I love the house', 'from_client'),
    message('m-1b', 'Glad to hear it!', 'from_agent', { author: 'Alice Agent', readAt: '2024-05-01T11:00:00.000Z' }),
    message('m-2', 'Is the garden south-facing?', 'from_client'),
  ],
};

const paged = (data: Thread[]) => ({ data, meta: { pagination: { page: 1, pageSize: 25, pageCount: data.length ? 1 : 0, total: data.length } } });
const failure = (status: number, message: string, name = 'ApplicationError') => HttpResponse.json({ data: null, error: { status, name, message } }, { status });

/** Answers the list, the thread and the reply; records the requests. */
const mockMessagesApi = ({
  list = () => HttpResponse.json(paged(threads)),
  thread = (id: string) => (id === JANE ? HttpResponse.json({ data: janeThread }) : failure(404, 'Contact not found', 'NotFoundError')),
  reply = (body: unknown) => HttpResponse.json({ data: message('m-new', (body as { body: string }).body, 'from_agent', { author: 'Alice Agent' }) }),
}: {
  list?: () => Response;
  thread?: (id: string) => Response;
  reply?: (body: unknown) => Response;
} = {}) => {
  const calls = { list: [] as URLSearchParams[], thread: [] as string[], replies: [] as Array<{ id: string; body: unknown }> };
  server.use(
    http.get('/client-portal/messages/threads', ({ request }) => {
      calls.list.push(new URL(request.url).searchParams);
      return list();
    }),
    http.get('/client-portal/contacts/:id/messages', ({ params }) => {
      calls.thread.push(String(params.id));
      return thread(String(params.id));
    }),
    http.post('/client-portal/contacts/:id/messages', async ({ params, request }) => {
      const body = await request.json();
      calls.replies.push({ id: String(params.id), body });
      return reply(body);
    }),
  );
  return calls;
};

const renderPage = (path = BASE, permissions = ['read', 'messages.reply']) => render(<MessagesPage />, { permissions, initialEntries: [path] });

const REPLY_BOX = { name: 'Reply' };
const SEND = { name: 'Send reply' };

describe('MessagesPage', () => {
  it('lists the conversations with an unread badge where the client wrote something unread', async () => {
    const calls = mockMessagesApi();
    renderPage(BASE, ['read']);

    const items = await screen.findAllByTestId('thread');
    expect(items).toHaveLength(2);
    const [jane, bob] = items;

    expect(jane).toHaveTextContent('Jane Doe');
    expect(jane).toHaveTextContent('Is the garden south-facing?');
    const badge = within(jane).getByTestId('thread-unread');
    expect(badge).toHaveTextContent('2');
    expect(badge).toHaveAttribute('aria-label', '2 unread messages');
    expect(within(jane).getByRole('link')).toHaveAttribute('href', `${BASE}/${JANE}`);

    expect(bob).toHaveTextContent('Bob Buyer');
    expect(bob).toHaveTextContent('Agent: See you on Monday');
    expect(within(bob).queryByTestId('thread-unread')).not.toBeInTheDocument();

    expect(screen.getByText('Choose a conversation to read it and reply.')).toBeInTheDocument();
    expect(calls.list[0].get('page')).toBe('1');
    expect(calls.list[0].get('pageSize')).toBe('25');
    expect(calls.thread).toHaveLength(0);
  });

  it('opens the conversation of the contact in the URL, client on one side and agent on the other', async () => {
    const calls = mockMessagesApi();
    renderPage(`${BASE}/${JANE}`);

    const thread = await screen.findByTestId('contact-thread');
    expect(within(thread).getByRole('heading', { name: 'Jane Doe' })).toBeInTheDocument();
    expect(within(thread).getByText('jane@example.com')).toBeInTheDocument();
    const conversation = within(thread).getByRole('list', { name: 'Conversation with Jane Doe' });
    const bubbles = within(conversation).getAllByTestId('message');
    expect(bubbles.map((bubble) => bubble.getAttribute('data-direction'))).toEqual(['from_client', 'from_agent', 'from_client']);
    expect(bubbles[0]).toHaveTextContent('Hello, I love the house');
    expect(bubbles[0]).toHaveTextContent('Jane Doe');
    expect(bubbles[1]).toHaveTextContent('Alice Agent');
    expect(bubbles[1]).toHaveTextContent(/Read /);
    expect(calls.thread).toEqual([JANE]);

    // The open thread is marked in the list; loading it (which marks it read) refreshes the list.
    expect(screen.getAllByTestId('thread')[0].querySelector('a')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(calls.list.length).toBeGreaterThanOrEqual(2));
  });

  it('opens a conversation when the agent clicks it in the list', async () => {
    const calls = mockMessagesApi();
    const { user } = renderPage();

    await user.click(await screen.findByRole('link', { name: /Jane Doe/ }));

    expect(await screen.findByRole('list', { name: 'Conversation with Jane Doe' })).toBeInTheDocument();
    expect(calls.thread).toEqual([JANE]);
    expect(screen.queryByText('Choose a conversation to read it and reply.')).not.toBeInTheDocument();
  });

  it('gives an agent holding messages.reply the reply box, with Send reply disabled while it is empty', async () => {
    mockMessagesApi();
    renderPage(`${BASE}/${JANE}`, ['read', 'messages.reply']);

    await screen.findByTestId('contact-thread');
    // Present as soon as the conversation shows: the permission check settles before the thread arrives, which is
    // what makes the "absent without it" test below meaningful.
    expect(screen.getByRole('textbox', REPLY_BOX)).toHaveAttribute('placeholder', 'Write your answer to Jane Doe');
    expect(screen.getByRole('button', SEND)).toBeDisabled();
  });

  it('has no reply box and no Send reply without messages.reply', async () => {
    const calls = mockMessagesApi();
    renderPage(`${BASE}/${JANE}`, ['read']);

    expect(await screen.findByRole('list', { name: 'Conversation with Jane Doe' })).toBeInTheDocument();
    await waitFor(() => expect(calls.list.length).toBeGreaterThanOrEqual(2));
    expect(screen.queryByRole('textbox', REPLY_BOX)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', SEND)).not.toBeInTheDocument();
    expect(calls.replies).toHaveLength(0);
  });

  it('posts the reply as { body }, shows it in the conversation and empties the box', async () => {
    const calls = mockMessagesApi();
    const { user } = renderPage(`${BASE}/${JANE}`);

    const box = await screen.findByRole('textbox', REPLY_BOX);
    await user.type(box, 'Yes, it faces south');
    await user.click(screen.getByRole('button', SEND));

    await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(4));
    expect(calls.replies).toEqual([{ id: JANE, body: { body: 'Yes, it faces south' } }]);
    const sent = screen.getAllByTestId('message')[3];
    expect(sent).toHaveAttribute('data-direction', 'from_agent');
    expect(sent).toHaveTextContent('Yes, it faces south');
    expect(sent).toHaveTextContent('Alice Agent');
    expect(await screen.findByText('Reply sent')).toBeInTheDocument();
    expect(screen.getByRole('textbox', REPLY_BOX)).toHaveValue('');
    expect(screen.getByRole('button', SEND)).toBeDisabled();
  });

  it("shows the server's 409 under the reply box and keeps the text", async () => {
    const calls = mockMessagesApi({
      reply: () => failure(409, 'This contact has no active portal account: send a portal invite instead'),
    });
    const { user } = renderPage(`${BASE}/${JANE}`);

    const box = await screen.findByRole('textbox', REPLY_BOX);
    await user.type(box, 'Hello?');
    await user.click(screen.getByRole('button', SEND));

    expect(await screen.findByText('This contact has no active portal account: send a portal invite instead')).toBeInTheDocument();
    expect(screen.getByRole('textbox', REPLY_BOX)).toHaveAccessibleDescription('This contact has no active portal account: send a portal invite instead');
    expect(calls.replies).toHaveLength(1);
    expect(screen.getAllByTestId('message')).toHaveLength(3);
    expect(screen.getByRole('textbox', REPLY_BOX)).toHaveValue('Hello?');
    expect(screen.queryByText('Reply sent')).not.toBeInTheDocument();
  });

  it('warns that a contact without a portal account cannot get a reply', async () => {
    mockMessagesApi({
      thread: () => HttpResponse.json({ data: { ...janeThread, contact: { ...janeThread.contact, hasAccount: false } } }),
    });
    renderPage(`${BASE}/${JANE}`);

    expect(
      await screen.findByText('This contact has no portal account yet, so a reply cannot be sent: invite them to the portal first.'),
    ).toBeInTheDocument();
  });

  it('shows the empty state when no client wrote yet', async () => {
    const calls = mockMessagesApi({ list: () => HttpResponse.json(paged([])) });
    renderPage();

    expect(await screen.findByText('No messages from clients yet')).toBeInTheDocument();
    expect(screen.getByText('When a client writes to you from the portal, the conversation appears here.')).toBeInTheDocument();
    expect(screen.queryByTestId('thread')).not.toBeInTheDocument();
    expect(calls.thread).toHaveLength(0);
  });

  it("shows the server's message when the conversations cannot be loaded, and Retry loads them", async () => {
    let fail = true;
    const calls = mockMessagesApi({ list: () => (fail ? failure(500, 'Database unavailable', 'InternalServerError') : HttpResponse.json(paged(threads))) });
    const { user } = renderPage();

    expect(await screen.findByText(/The conversations could not be loaded/)).toHaveTextContent('The conversations could not be loaded: Database unavailable');
    expect(screen.queryByTestId('thread')).not.toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('thread')).toHaveLength(2);
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(calls.list).toHaveLength(2);
  });

  it("shows the server's message when one conversation cannot be loaded, next to the list", async () => {
    mockMessagesApi();
    renderPage(`${BASE}/${BOB}`);

    expect(await screen.findByText(/The conversation could not be loaded/)).toHaveTextContent('The conversation could not be loaded: Contact not found');
    expect(screen.getAllByTestId('thread')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', REPLY_BOX)).not.toBeInTheDocument();
  });
});
