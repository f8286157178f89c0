/**
 * Settings → Client Portal → Email templates (EmailTemplatesPage): editors prefilled from the office's override or the
 * built-in default (GET /client-portal/settings), a live preview rendered by the server (POST /templates/preview),
 * a test email of the draft (POST /templates/test), Save / Reset to default (PUT /client-portal/settings), and no
 * changing controls without settings.update.
 */
import { EmailTemplatesPage } from '../../src/plugins/client-portal/admin/src/pages/settings/EmailTemplatesPage';
import { http, HttpResponse, render, screen, server, waitFor } from './render';

const DEFAULTS = {
  invitation: {
    subject: 'You are invited, {{firstName}}',
    text: 'Hello {{firstName}}, open {{link}} to join.',
    html: '<p>Hello {{firstName}}</p>',
  },
  'password-changed': { subject: 'Password changed', text: 'Your password was changed.', html: '<p>Your password was changed.</p>' },
};

const META = {
  templates: {
    invitation: { variables: ['firstName', 'link'], defaults: { en: DEFAULTS.invitation, nl: DEFAULTS.invitation } },
    'password-changed': { variables: ['firstName'], defaults: { en: DEFAULTS['password-changed'] } },
  },
};

/** The office changed the English subject of the invitation (the other parts stay the default). */
const CUSTOMISED = { invitation: { en: { subject: 'Welcome to Acme, {{firstName}}' } } };

type Draft = { template: string; language: string; subject: string; text: string; html: string };

/** The server's preview: variables filled with sample data. */
const fillSample = (value: string) => value.replace(/\{\{firstName\}\}/g, 'Jane').replace(/\{\{link\}\}/g, 'https://portal.example.com/invite/abc');

const serverError = (status: number, message: string, details: Record<string, unknown> = {}) =>
  HttpResponse.json({ data: null, error: { status, name: status === 400 ? 'ValidationError' : 'InternalServerError', message, details } }, { status });

/** Answers the page's requests and records what it sent. */
const mockTemplatesApi = ({
  emailTemplates = {} as Record<string, unknown>,
  settings,
  preview = (draft: Draft) => HttpResponse.json({ data: { errors: [], email: { subject: fillSample(draft.subject), text: fillSample(draft.text), html: fillSample(draft.html) } } }),
  update = (body: any) => HttpResponse.json({ data: { emailTemplates: body.emailTemplates?.invitation?.en === null ? {} : body.emailTemplates } }),
  test = () => HttpResponse.json({ data: { sentTo: 'agent@example.com' } }),
}: {
  emailTemplates?: Record<string, unknown>;
  settings?: () => Response;
  preview?: (draft: Draft) => Response;
  update?: (body: any) => Response;
  test?: () => Response;
} = {}) => {
  const calls = { get: 0, preview: [] as Draft[], test: [] as Draft[], put: [] as any[] };
  server.use(
    http.get('/client-portal/settings', () => {
      calls.get += 1;
      return settings ? settings() : HttpResponse.json({ data: { agencyName: 'Acme', emailTemplates }, meta: META });
    }),
    http.post('/client-portal/templates/preview', async ({ request }) => {
      const draft = (await request.json()) as Draft;
      calls.preview.push(draft);
      return preview(draft);
    }),
    http.post('/client-portal/templates/test', async ({ request }) => {
      calls.test.push((await request.json()) as Draft);
      return test();
    }),
    http.put('/client-portal/settings', async ({ request }) => {
      const body = await request.json();
      calls.put.push(body);
      return update(body);
    }),
  );
  return calls;
};

const renderPage = (permissions: string[]) =>
  render(<EmailTemplatesPage />, { permissions, initialEntries: ['/settings/client-portal/email-templates'] });

const EDITOR = ['settings.read', 'settings.update'];
/** The debounced preview waits 400 ms before asking the server. */
const PREVIEW_WAIT = { timeout: 4000 };

describe('EmailTemplatesPage', () => {
  it('prefills the editors with the saved override, part by part over the default', async () => {
    const calls = mockTemplatesApi({ emailTemplates: CUSTOMISED });
    renderPage(EDITOR);

    expect(await screen.findByLabelText('Subject')).toHaveValue('Welcome to Acme, {{firstName}}');
    expect(screen.getByLabelText('Text version')).toHaveValue(DEFAULTS.invitation.text);
    expect(screen.getByLabelText('HTML version')).toHaveValue(DEFAULTS.invitation.html);
    expect(screen.getByRole('combobox', { name: 'Template' })).toHaveTextContent('Invitation (customised)');
    expect(screen.getByText('English: customised')).toBeInTheDocument();
    expect(screen.getByText('Dutch: default')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Insert {{link}}' })).toBeInTheDocument();
    // The first preview is of the prefilled draft.
    await waitFor(() => expect(calls.preview).toHaveLength(1), PREVIEW_WAIT);
    expect(calls.preview[0]).toEqual({
      template: 'invitation',
      language: 'en',
      subject: 'Welcome to Acme, {{firstName}}',
      text: DEFAULTS.invitation.text,
      html: DEFAULTS.invitation.html,
    });
  });

  it('prefills the defaults when nothing is customised, and offers no Reset to default', async () => {
    mockTemplatesApi();
    renderPage(EDITOR);

    expect(await screen.findByLabelText('Subject')).toHaveValue(DEFAULTS.invitation.subject);
    expect(screen.getByLabelText('Text version')).toHaveValue(DEFAULTS.invitation.text);
    expect(screen.getByText('English: default')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send me a test' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset to default' })).not.toBeInTheDocument();
    expect(await screen.findByTestId('preview-subject', {}, PREVIEW_WAIT)).toHaveTextContent('You are invited, Jane');
  });

  it('asks the server for a preview of an edit and shows its subject and text', async () => {
    const calls = mockTemplatesApi();
    const { user } = renderPage(EDITOR);

    expect(await screen.findByTestId('preview-subject', {}, PREVIEW_WAIT)).toHaveTextContent('You are invited, Jane');
    expect(screen.getByTestId('preview-text')).toHaveTextContent('Hello Jane, open https://portal.example.com/invite/abc to join.');
    const before = calls.preview.length;

    await user.type(screen.getByLabelText('Subject'), ' today');
    await user.type(screen.getByLabelText('Text version'), ' See you');

    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('You are invited, Jane today'), PREVIEW_WAIT);
    await waitFor(() => expect(screen.getByTestId('preview-text')).toHaveTextContent('open https://portal.example.com/invite/abc to join. See you'), PREVIEW_WAIT);
    expect(calls.preview.length).toBeGreaterThan(before);
    expect(calls.preview[calls.preview.length - 1]).toEqual({
      template: 'invitation',
      language: 'en',
      subject: 'You are invited, {{firstName}} today',
      text: 'Hello {{firstName}}, open {{link}} to join. See you',
      html: DEFAULTS.invitation.html,
    });
    expect(screen.getByText('English: default · unsaved changes')).toBeInTheDocument();
  });

  it('shows the errors of the preview in an alert instead of the rendered email', async () => {
    mockTemplatesApi({
      preview: (draft) =>
        draft.subject.includes('oops')
          ? HttpResponse.json({ data: { errors: ['subject: unknown variable "oops"'], email: null } })
          : HttpResponse.json({ data: { errors: [], email: { subject: fillSample(draft.subject), text: fillSample(draft.text), html: '' } } }),
    });
    const { user } = renderPage(EDITOR);

    expect(await screen.findByTestId('preview-subject', {}, PREVIEW_WAIT)).toBeInTheDocument();
    expect(screen.queryByText('This template has errors')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Subject'), ' oops');

    // (The admin keeps an empty live region with role="alert" too: find the one that carries the errors.)
    const heading = await screen.findByText('This template has errors', {}, PREVIEW_WAIT);
    const alert = heading.closest('[role="alert"]');
    expect(alert).not.toBeNull();
    expect(alert).toHaveTextContent('subject: unknown variable "oops"');
    expect(screen.getByText('Fix the errors to see the preview.')).toBeInTheDocument();
    expect(screen.queryByTestId('preview-subject')).not.toBeInTheDocument();
  });

  it('shows the server message when the preview request fails', async () => {
    mockTemplatesApi({ preview: () => serverError(500, 'Renderer crashed') });
    renderPage(EDITOR);

    expect(await screen.findByText('The preview could not be rendered: Renderer crashed', {}, PREVIEW_WAIT)).toBeInTheDocument();
    expect(screen.queryByTestId('preview-subject')).not.toBeInTheDocument();
  });

  it('sends the current draft as a test email and shows the address it went to', async () => {
    const calls = mockTemplatesApi();
    const { user } = renderPage(EDITOR);

    await user.type(await screen.findByLabelText('Subject'), ' now');
    await user.click(screen.getByRole('button', { name: 'Send me a test' }));

    await waitFor(() => expect(calls.test).toHaveLength(1));
    expect(calls.test[0]).toEqual({
      template: 'invitation',
      language: 'en',
      subject: 'You are invited, {{firstName}} now',
      text: DEFAULTS.invitation.text,
      html: DEFAULTS.invitation.html,
    });
    expect(await screen.findByText('Test email sent to agent@example.com')).toBeInTheDocument();
    // A test saves nothing.
    expect(calls.put).toHaveLength(0);
  });

  it('shows why the server refused the test email, with the template errors in the alert', async () => {
    const calls = mockTemplatesApi({
      test: () =>
        serverError(400, 'The template has errors: text: unclosed tag "{{#link"', { code: 'TEMPLATE_INVALID', errors: ['text: unclosed tag "{{#link"'] }),
    });
    const { user } = renderPage(EDITOR);

    await user.click(await screen.findByRole('button', { name: 'Send me a test' }));

    await waitFor(() => expect(calls.test).toHaveLength(1));
    expect(await screen.findByText('The template has errors: text: unclosed tag "{{#link"')).toBeInTheDocument();
    const alert = screen.getByText('This template has errors').closest('[role="alert"]');
    expect(alert).toHaveTextContent('text: unclosed tag "{{#link"');
    expect(screen.queryByText(/Test email sent to/)).not.toBeInTheDocument();
  });

  it('saves the edited language version of the template', async () => {
    const calls = mockTemplatesApi();
    const { user } = renderPage(EDITOR);

    const save = await screen.findByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await user.type(screen.getByLabelText('Subject'), ' now');
    await user.click(save);

    await waitFor(() => expect(calls.put).toHaveLength(1));
    expect(calls.put[0]).toEqual({
      emailTemplates: { invitation: { en: { subject: 'You are invited, {{firstName}} now', text: DEFAULTS.invitation.text, html: DEFAULTS.invitation.html } } },
    });
    expect(await screen.findByText('Template saved')).toBeInTheDocument();
    expect(await screen.findByText('English: customised')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('resets to the default only after confirmation, with a PUT of null for that language', async () => {
    const calls = mockTemplatesApi({ emailTemplates: CUSTOMISED });
    const { user } = renderPage(EDITOR);

    expect(await screen.findByLabelText('Subject')).toHaveValue('Welcome to Acme, {{firstName}}');
    await user.click(screen.getByRole('button', { name: 'Reset to default' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Reset to default?' });
    expect(dialog).toHaveTextContent('The English version of “Invitation” goes back to the built-in text. Your changes are lost.');
    expect(calls.put).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Reset' }));

    await waitFor(() => expect(calls.put).toHaveLength(1));
    expect(calls.put[0]).toEqual({ emailTemplates: { invitation: { en: null } } });
    expect(await screen.findByText('Default template restored')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Subject')).toHaveValue(DEFAULTS.invitation.subject);
    expect(screen.getByText('English: default')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset to default' })).not.toBeInTheDocument();
  });

  it('sends nothing when the reset is cancelled', async () => {
    const calls = mockTemplatesApi({ emailTemplates: CUSTOMISED });
    const { user } = renderPage(EDITOR);

    await user.click(await screen.findByRole('button', { name: 'Reset to default' }));
    await screen.findByRole('alertdialog', { name: 'Reset to default?' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.put).toHaveLength(0);
    expect(screen.getByLabelText('Subject')).toHaveValue('Welcome to Acme, {{firstName}}');
    expect(screen.getByRole('button', { name: 'Reset to default' })).toBeInTheDocument();
  });

  it('has no Save, Send me a test or Reset to default without settings.update, but still previews', async () => {
    const calls = mockTemplatesApi({ emailTemplates: CUSTOMISED });
    renderPage(['settings.read']);

    expect(await screen.findByLabelText('Subject')).toHaveValue('Welcome to Acme, {{firstName}}');
    expect(screen.getByText('You can try changes in the preview, but not save them.')).toBeInTheDocument();
    expect(await screen.findByTestId('preview-subject', {}, PREVIEW_WAIT)).toHaveTextContent('Welcome to Acme, Jane');
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send me a test' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset to default' })).not.toBeInTheDocument();
    expect(calls.put).toHaveLength(0);
    expect(calls.test).toHaveLength(0);
  });

  it('shows the load error with the server message, and Retry loads the editors', async () => {
    let fail = true;
    const calls = mockTemplatesApi({
      settings: () => (fail ? serverError(500, 'Settings store unavailable') : HttpResponse.json({ data: { emailTemplates: {} }, meta: META })),
    });
    const { user } = renderPage(EDITOR);

    expect(await screen.findByText('The email templates could not be loaded: Settings store unavailable')).toBeInTheDocument();
    expect(screen.queryByLabelText('Subject')).not.toBeInTheDocument();
    expect(calls.get).toBe(1);

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByLabelText('Subject')).toHaveValue(DEFAULTS.invitation.subject);
    expect(calls.get).toBe(2);
  });
});
