import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Grid,
  Loader,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, PaperPlane, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useClipboard, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorDetails, errorMessage, usePortalApi } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { t } from '../../pluginId';

export const TEMPLATE_NAMES: Record<string, string> = {
  invitation: 'Invitation',
  'invitation-reminder': 'Invitation reminder',
  'property-shared': 'Property shared',
  'account-created': 'Account created',
  'verify-email': 'Verify email address',
  'password-reset': 'Password reset code',
  'registration-attempt': 'Registration with a known address',
  'new-message': 'New message (to the agent)',
  'agent-message': 'Message from the agent (to the client)',
  'password-changed': 'Password changed',
};

const TEMPLATE_HINTS: Record<string, string> = {
  invitation: 'Sent when an agent invites a contact to the portal.',
  'invitation-reminder': 'Sent when an agent resends a pending invitation.',
  'property-shared': 'Sent when a property is shared with a client who already has an account.',
  'account-created': 'Sent with the temporary password when an agent creates a portal user.',
  'verify-email': 'Carries the code that confirms a self-registered account.',
  'password-reset': 'Carries the code to choose a new password.',
  'registration-attempt': 'Sent when someone registers with an address that already has an account.',
  'new-message': 'Tells the responsible agent that a client sent a message.',
  'agent-message': 'Tells the client that their agent replied.',
  'password-changed': 'Confirms to the client that their password was changed.',
};

const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'nl', label: 'Dutch' },
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'es', label: 'Spanish' },
];

const PARTS = ['subject', 'text', 'html'] as const;
type Part = (typeof PARTS)[number];
type Draft = Record<Part, string>;
type Overrides = Record<string, Record<string, Partial<Draft> | null | undefined> | undefined>;
interface TemplateMeta {
  variables: string[];
  defaults: Record<string, Draft>;
}

const PREVIEW_DELAY_MS = 400;

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Whether the office changed this language version (any non-blank part, as the server counts it). */
export const isCustomised = (overrides: Overrides, key: string, language: string) => {
  const entry = overrides[key]?.[language];
  return !!entry && PARTS.some((part) => filled(entry[part]));
};

const draftKey = (key: string, language: string) => `${key}:${language}`;

export const EmailTemplatesPage = () => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  const { copy } = useClipboard();
  const canUpdate = useRBAC(PERMISSIONS.settingsUpdate).allowedActions.canUpdate === true;

  const [templates, setTemplates] = useState<Record<string, TemplateMeta> | null>(null);
  const [overrides, setOverrides] = useState<Overrides>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [template, setTemplate] = useState('invitation');
  const [language, setLanguage] = useState('en');
  /** Unsaved edits per template and language, so switching does not lose them. */
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [preview, setPreview] = useState<{ errors: string[]; email: Draft | null } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'test' | 'reset' | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const focused = useRef<Part | null>(null);

  const m = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: t(`settings.${id}`), defaultMessage }, values);

  const load = useCallback(async () => {
    setLoadError(null);
    setTemplates(null);
    try {
      const answer = await api.settings();
      setTemplates(answer.meta.templates);
      setOverrides((answer.data?.emailTemplates ?? {}) as Overrides);
      setDrafts({});
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api]);

  useEffect(() => {
    load();
  }, [load]);

  const meta = templates?.[template];
  /** What the editors start from: the saved override of a language (part by part) or its default. */
  const baseOf = useCallback(
    (lang: string): Draft => {
      const defaults = meta?.defaults[lang] ?? meta?.defaults.en ?? { subject: '', text: '', html: '' };
      const saved = overrides[template]?.[lang] ?? {};
      return {
        subject: filled(saved.subject) ? saved.subject : defaults.subject,
        text: filled(saved.text) ? saved.text : defaults.text,
        html: filled(saved.html) ? saved.html : defaults.html,
      };
    },
    [meta, overrides, template],
  );
  const base = useMemo(() => baseOf(language), [baseOf, language]);
  const isUnsaved = (lang: string) => {
    const edited = drafts[draftKey(template, lang)];
    if (!edited) return false;
    const original = lang === language ? base : baseOf(lang);
    return PARTS.some((part) => edited[part] !== original[part]);
  };
  const draft = drafts[draftKey(template, language)] ?? base;
  const dirty = isUnsaved(language);
  const customised = isCustomised(overrides, template, language);

  // Live preview rendered by the server, debounced; answers of older drafts are dropped.
  const requestId = useRef(0);
  useEffect(() => {
    if (!templates) return undefined;
    const id = ++requestId.current;
    setPreviewing(true);
    const timer = setTimeout(async () => {
      try {
        const answer = await api.previewTemplate({ template, language, ...draft });
        if (id !== requestId.current) return;
        setPreview(answer);
        setPreviewError(null);
      } catch (error) {
        if (id !== requestId.current) return;
        setPreviewError(errorMessage(error));
      } finally {
        if (id === requestId.current) setPreviewing(false);
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, templates, template, language, draft.subject, draft.text, draft.html]);

  useEffect(() => {
    setServerErrors([]);
  }, [template, language]);

  const edit = (part: Part, value: string) => {
    setDrafts((current) => ({ ...current, [draftKey(template, language)]: { ...draft, [part]: value } }));
    setServerErrors([]);
  };

  const insertVariable = async (name: string) => {
    const tag = `{{${name}}}`;
    const part = focused.current;
    if (part) {
      edit(part, `${draft[part]}${tag}`);
      return;
    }
    const ok = await copy(tag);
    toggleNotification(
      ok
        ? { type: 'success', message: m('templates.variableCopied', '{tag} copied', { tag }) }
        : { type: 'warning', message: m('templates.copyFailed', 'Could not copy {tag}', { tag }) },
    );
  };

  const forgetDraft = () =>
    setDrafts((current) => {
      const next = { ...current };
      delete next[draftKey(template, language)];
      return next;
    });

  const failed = (error: unknown, fallback: string) => {
    const details = errorDetails(error);
    setServerErrors(Array.isArray(details.errors) ? details.errors.map((item: any) => (typeof item === 'string' ? item : item?.message ?? String(item))) : []);
    toggleNotification({ type: 'danger', message: errorMessage(error, fallback) });
  };

  const save = async () => {
    setBusy('save');
    try {
      const settings = await api.updateSettings({ emailTemplates: { [template]: { [language]: { ...draft } } } });
      setOverrides((settings?.emailTemplates ?? {}) as Overrides);
      forgetDraft();
      setServerErrors([]);
      toggleNotification({ type: 'success', message: m('templates.saved', 'Template saved') });
    } catch (error) {
      failed(error, m('templates.saveFailed', 'The template could not be saved'));
    } finally {
      setBusy(null);
    }
  };

  const sendTest = async () => {
    setBusy('test');
    try {
      const { sentTo } = await api.testTemplate({ template, language, ...draft });
      setServerErrors([]);
      toggleNotification({ type: 'success', message: m('templates.testSent', 'Test email sent to {address}', { address: sentTo }) });
    } catch (error) {
      failed(error, m('templates.testFailed', 'The test email could not be sent'));
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    setBusy('reset');
    try {
      const settings = await api.updateSettings({ emailTemplates: { [template]: { [language]: null } } });
      setOverrides((settings?.emailTemplates ?? {}) as Overrides);
      forgetDraft();
      setServerErrors([]);
      setConfirmReset(false);
      toggleNotification({ type: 'success', message: m('templates.resetDone', 'Default template restored') });
    } catch (error) {
      failed(error, m('templates.resetFailed', 'The template could not be reset'));
    } finally {
      setBusy(null);
    }
  };

  if (loadError) {
    return (
      <Page.Error
        content={`${m('templates.loadFailed', 'The email templates could not be loaded')}: ${loadError}`}
        action={
          <Button variant="secondary" onClick={load}>
            {m('retry', 'Retry')}
          </Button>
        }
      />
    );
  }
  if (!templates) return <Page.Loading />;

  const keys = Object.keys(templates);
  const title = m('templates.title', 'Email templates');
  const languageName = (code: string) => m(`language.${code}`, LANGUAGES.find((item) => item.code === code)?.label ?? code);
  const templateName = (key: string) => m(`templates.name.${key}`, TEMPLATE_NAMES[key] ?? key);
  const errors = [...new Set([...(preview?.errors ?? []), ...serverErrors])];

  const editorProps = (part: Part) => ({
    name: part,
    value: draft[part],
    onFocus: () => {
      focused.current = part;
    },
    onChange: (event: { target: { value: string } }) => edit(part, event.target.value),
  });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={m('templates.subtitle', 'The emails the portal sends, per language. Use the variables to fill in names, links and dates.')}
        primaryAction={
          canUpdate ? (
            <Button startIcon={<Check />} onClick={save} loading={busy === 'save'} disabled={!dirty || busy !== null}>
              {m('save', 'Save')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          canUpdate ? (
            <Flex gap={2}>
              <Button variant="secondary" startIcon={<PaperPlane />} onClick={sendTest} loading={busy === 'test'} disabled={busy !== null}>
                {m('templates.sendTest', 'Send me a test')}
              </Button>
              {dirty ? (
                <Button variant="tertiary" onClick={forgetDraft} disabled={busy !== null}>
                  {m('templates.discard', 'Discard changes')}
                </Button>
              ) : null}
              {customised ? (
                <Button variant="danger-light" startIcon={<ArrowClockwise />} onClick={() => setConfirmReset(true)} disabled={busy !== null}>
                  {m('templates.reset', 'Reset to default')}
                </Button>
              ) : null}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
            <Grid.Root gap={5}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="template" hint={m(`templates.hint.${template}`, TEMPLATE_HINTS[template] ?? '')}>
                  <Field.Label>{m('templates.template', 'Template')}</Field.Label>
                  <SingleSelect value={template} onChange={(value) => setTemplate(String(value))}>
                    {keys.map((key) => (
                      <SingleSelectOption key={key} value={key}>
                        {LANGUAGES.some((item) => isCustomised(overrides, key, item.code))
                          ? m('templates.optionCustomised', '{name} (customised)', { name: templateName(key) })
                          : templateName(key)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="language" hint={m('templates.language.hint', 'Clients get the version in their own language.')}>
                  <Field.Label>{m('templates.language', 'Language')}</Field.Label>
                  <SingleSelect value={language} onChange={(value) => setLanguage(String(value))}>
                    {LANGUAGES.map((item) => (
                      <SingleSelectOption key={item.code} value={item.code}>
                        {isCustomised(overrides, template, item.code)
                          ? m('templates.optionCustomised', '{name} (customised)', { name: languageName(item.code) })
                          : languageName(item.code)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Flex gap={2} wrap="wrap" aria-label={m('templates.versions', 'Language versions')} role="list">
                  {LANGUAGES.map((item) => {
                    const custom = isCustomised(overrides, template, item.code);
                    const unsaved = isUnsaved(item.code);
                    return (
                      <Box key={item.code} role="listitem">
                        <Badge
                          textTransform="none"
                          active={item.code === language}
                          backgroundColor={custom ? 'primary100' : 'neutral150'}
                          textColor={custom ? 'primary700' : 'neutral600'}
                        >
                          {`${languageName(item.code)}: ${custom ? m('templates.customised', 'customised') : m('templates.default', 'default')}${
                            unsaved ? ` · ${m('templates.unsaved', 'unsaved changes')}` : ''
                          }`}
                        </Badge>
                      </Box>
                    );
                  })}
                </Flex>
              </Grid.Item>
            </Grid.Root>
          </Box>

          <Grid.Root gap={6}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4}>
                {errors.length ? (
                  <Box role="alert" background="danger100" borderColor="danger200" hasRadius padding={4}>
                    <Flex gap={2} alignItems="flex-start">
                      <WarningCircle fill="danger600" aria-hidden />
                      <Flex direction="column" alignItems="stretch" gap={1}>
                        <Typography fontWeight="bold" textColor="danger700">
                          {m('templates.errors', 'This template has errors')}
                        </Typography>
                        {errors.map((error) => (
                          <Typography key={error} variant="pi" textColor="danger700">
                            {error}
                          </Typography>
                        ))}
                      </Flex>
                    </Flex>
                  </Box>
                ) : null}

                <Box>
                  <Typography variant="sigma" textColor="neutral600" tag="h2">
                    {m('templates.variables', 'Variables')}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {m('templates.variables.hint', 'Click a variable to add it at the end of the field you last edited, or to copy it.')}
                  </Typography>
                  <Flex gap={1} wrap="wrap" paddingTop={2}>
                    {(meta?.variables ?? []).map((name) => (
                      <Button
                        key={name}
                        size="S"
                        variant="tertiary"
                        onMouseDown={(event: MouseEvent) => event.preventDefault()}
                        onClick={() => insertVariable(name)}
                        aria-label={m('templates.insertVariable', 'Insert {tag}', { tag: `{{${name}}}` })}
                      >
                        {`{{${name}}}`}
                      </Button>
                    ))}
                  </Flex>
                </Box>

                <Field.Root name="subject">
                  <Field.Label>{m('templates.subject', 'Subject')}</Field.Label>
                  <TextInput {...editorProps('subject')} />
                </Field.Root>
                <Field.Root name="text" hint={m('templates.text.hint', 'For email programs that do not show HTML.')}>
                  <Field.Label>{m('templates.text', 'Text version')}</Field.Label>
                  <Textarea {...editorProps('text')} rows={10} />
                  <Field.Hint />
                </Field.Root>
                <Field.Root name="html" hint={m('templates.html.hint', 'Variables are HTML-escaped; partials are not allowed.')}>
                  <Field.Label>{m('templates.html', 'HTML version')}</Field.Label>
                  <Textarea {...editorProps('html')} rows={16} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1.2rem' }} spellCheck={false} />
                  <Field.Hint />
                </Field.Root>
                {!canUpdate ? (
                  <Typography variant="pi" textColor="neutral600">
                    {m('templates.readOnly', 'You can try changes in the preview, but not save them.')}
                  </Typography>
                ) : null}
              </Flex>
            </Grid.Item>

            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Box background="neutral0" hasRadius shadow="filterShadow" padding={5} width="100%">
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Flex justifyContent="space-between">
                    <Typography variant="delta" tag="h2">
                      {m('templates.preview', 'Preview')}
                    </Typography>
                    {previewing ? <Loader small>{m('templates.previewing', 'Updating the preview…')}</Loader> : null}
                  </Flex>
                  <Typography variant="pi" textColor="neutral600">
                    {m('templates.preview.hint', 'Rendered by the server with sample data.')}
                  </Typography>
                  {previewError ? (
                    <Typography textColor="danger600">{m('templates.previewFailed', 'The preview could not be rendered: {message}', { message: previewError })}</Typography>
                  ) : null}
                  {preview?.email ? (
                    <>
                      <Box>
                        <Typography variant="sigma" textColor="neutral600">
                          {m('templates.subject', 'Subject')}
                        </Typography>
                        <Typography tag="p" fontWeight="bold" data-testid="preview-subject">
                          {preview.email.subject}
                        </Typography>
                      </Box>
                      <Box borderColor="neutral200" hasRadius overflow="hidden">
                        <iframe
                          title={m('templates.previewFrame', 'Email preview')}
                          sandbox=""
                          srcDoc={preview.email.html}
                          style={{ width: '100%', height: '480px', border: 0, background: '#fff' }}
                        />
                      </Box>
                      <Box>
                        <Typography variant="sigma" textColor="neutral600">
                          {m('templates.text', 'Text version')}
                        </Typography>
                        <Box background="neutral100" hasRadius padding={3} marginTop={1}>
                          <pre data-testid="preview-text" style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1.2rem' }}>
                            {preview.email.text}
                          </pre>
                        </Box>
                      </Box>
                    </>
                  ) : preview && !previewError ? (
                    <Typography textColor="neutral600">{m('templates.previewBlocked', 'Fix the errors to see the preview.')}</Typography>
                  ) : null}
                </Flex>
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>

      <Dialog.Root open={confirmReset} onOpenChange={setConfirmReset}>
        <Dialog.Content>
          <Dialog.Header>{m('templates.reset.title', 'Reset to default?')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill="danger600" />}>
            {m('templates.reset.body', 'The {language} version of “{template}” goes back to the built-in text. Your changes are lost.', {
              language: languageName(language),
              template: templateName(template),
            })}
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                {m('cancel', 'Cancel')}
              </Button>
            </Dialog.Cancel>
            <Button
              fullWidth
              variant="danger-light"
              loading={busy === 'reset'}
              onClick={(event: MouseEvent) => {
                event.preventDefault();
                reset();
              }}
            >
              {m('templates.reset.confirm', 'Reset')}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Page.Main>
  );
};

export default EmailTemplatesPage;
