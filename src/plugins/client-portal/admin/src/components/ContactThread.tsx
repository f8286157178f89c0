import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Field, Flex, Loader, Textarea, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../api';
import type { Message } from '../api';
import { formatDate } from '../format';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

type ThreadData = Awaited<ReturnType<ReturnType<typeof usePortalApi>['thread']>>;

/** Tells the section's menu badge (and anything else listening) that unread counts changed. */
export const announceUnread = () => window.dispatchEvent(new Event('client-portal:unread'));

const MessageBubble = ({ message, contactName }: { message: Message; contactName: string | null }) => {
  const { formatMessage, locale } = useIntl();
  const fromClient = message.direction === 'from_client';
  const author =
    message.author ??
    (fromClient ? contactName : null) ??
    (fromClient
      ? formatMessage({ id: t('messages.client'), defaultMessage: 'Client' })
      : formatMessage({ id: t('messages.agent'), defaultMessage: 'Agent' }));
  return (
    <Flex tag="li" justifyContent={fromClient ? 'flex-start' : 'flex-end'} data-testid="message" data-direction={message.direction}>
      <Box
        maxWidth="75%"
        padding={3}
        hasRadius
        background={fromClient ? 'neutral100' : 'primary100'}
        borderColor={fromClient ? 'neutral200' : 'primary200'}
        borderStyle="solid"
        borderWidth="1px"
      >
        <Flex gap={2} justifyContent="space-between" alignItems="baseline" paddingBottom={1}>
          <Typography variant="pi" fontWeight="bold" textColor={fromClient ? 'neutral800' : 'primary700'}>
            {author}
          </Typography>
          <Typography variant="pi" textColor="neutral600" tag="time" dateTime={message.createdAt}>
            {formatDate(message.createdAt, locale)}
          </Typography>
        </Flex>
        <Typography tag="p" textColor="neutral800" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.body}
        </Typography>
        {!fromClient && message.readAt ? (
          <Typography variant="pi" textColor="neutral500" tag="p" textAlign="right">
            {formatMessage({ id: t('messages.readByClient'), defaultMessage: 'Read {date}' }, { date: formatDate(message.readAt, locale) })}
          </Typography>
        ) : null}
      </Box>
    </Flex>
  );
};

/**
 * The conversation with one contact (client left, agent right) and, for agents holding `messages.reply`, a reply box.
 * Loading it marks the client's messages read; `client-portal:unread` is dispatched so badges refresh.
 * Used by Client Portal → Messages and embeddable in the contact's edit view.
 */
export const ContactThread = ({ contactDocumentId, onChange }: { contactDocumentId: string; onChange?: () => void }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const api = usePortalApi();
  const canReply = !!useRBAC(PERMISSIONS.replyMessages).allowedActions.canReply;

  const [thread, setThread] = useState<ThreadData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const data = await api.thread(contactDocumentId);
      setThread(data);
      announceUnread();
      changed.current?.();
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api, contactDocumentId]);

  useEffect(() => {
    setThread(null);
    setBody('');
    setReplyError(null);
    load();
  }, [load]);

  // The newest message in view.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && typeof list.scrollTo === 'function') list.scrollTo({ top: list.scrollHeight });
    else if (list) list.scrollTop = list.scrollHeight;
  }, [thread?.messages.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setSending(true);
    setReplyError(null);
    try {
      const message = await api.reply(contactDocumentId, body);
      setThread((current) => (current ? { ...current, messages: [...current.messages, message] } : current));
      setBody('');
      toggleNotification({ type: 'success', message: formatMessage({ id: t('messages.sent'), defaultMessage: 'Reply sent' }) });
      changed.current?.();
    } catch (error) {
      // 409: the contact has no active portal account; 400: "body: must not be empty".
      // The server's message names the field or the reason; shown under the reply box.
      setReplyError(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  if (loadError) {
    return (
      <Flex direction="column" alignItems="center" gap={3} padding={6}>
        <Typography role="alert" textColor="danger600">
          {formatMessage({ id: t('messages.thread.error'), defaultMessage: 'The conversation could not be loaded' })}: {loadError}
        </Typography>
        <Button variant="secondary" onClick={() => load()}>
          {formatMessage({ id: t('messages.retry'), defaultMessage: 'Retry' })}
        </Button>
      </Flex>
    );
  }
  if (!thread) {
    return (
      <Flex justifyContent="center" padding={6}>
        <Loader small>{formatMessage({ id: t('messages.thread.loading'), defaultMessage: 'Loading the conversation…' })}</Loader>
      </Flex>
    );
  }

  const name = thread.contact.name ?? thread.contact.email ?? thread.contact.documentId;

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="contact-thread">
      <Box>
        <Typography variant="delta" tag="h2">
          {name}
        </Typography>
        {thread.contact.email && thread.contact.name ? (
          <Typography variant="pi" textColor="neutral600" tag="p">
            {thread.contact.email}
          </Typography>
        ) : null}
        {!thread.contact.hasAccount ? (
          <Typography variant="pi" textColor="warning600" tag="p">
            {formatMessage({ id: t('messages.noAccount'), defaultMessage: 'This contact has no portal account yet, so a reply cannot be sent: invite them to the portal first.' })}
          </Typography>
        ) : null}
      </Box>

      {thread.messages.length === 0 ? (
        <Box padding={4} background="neutral100" hasRadius>
          <Typography textColor="neutral600">
            {formatMessage({ id: t('messages.thread.empty'), defaultMessage: 'No messages with this contact yet.' })}
          </Typography>
        </Box>
      ) : (
        <Flex
          tag="ol"
          ref={listRef}
          direction="column"
          alignItems="stretch"
          gap={3}
          aria-label={formatMessage({ id: t('messages.thread.label'), defaultMessage: 'Conversation with {name}' }, { name })}
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '60vh', overflowY: 'auto' }}
        >
          {thread.messages.map((message) => (
            <MessageBubble key={message.documentId} message={message} contactName={thread.contact.name} />
          ))}
        </Flex>
      )}

      {canReply ? (
        <form onSubmit={send} noValidate>
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Field.Root name="body" error={replyError ?? undefined}>
              <Field.Label>{formatMessage({ id: t('messages.reply'), defaultMessage: 'Reply' })}</Field.Label>
              <Textarea
                value={body}
                onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setBody(event.target.value)}
                placeholder={formatMessage({ id: t('messages.reply.placeholder'), defaultMessage: 'Write your answer to {name}' }, { name })}
              />
              <Field.Error />
            </Field.Root>
            <Flex justifyContent="flex-end">
              <Button type="submit" startIcon={<PaperPlane />} loading={sending} disabled={!body.trim()}>
                {formatMessage({ id: t('messages.send'), defaultMessage: 'Send reply' })}
              </Button>
            </Flex>
          </Flex>
        </form>
      ) : null}
    </Flex>
  );
};

export default ContactThread;
