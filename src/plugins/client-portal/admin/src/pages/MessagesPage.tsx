import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { Badge, Box, Button, EmptyStateLayout, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../api';
import type { Paged, Thread } from '../api';
import { ContactThread } from '../components/ContactThread';
import { formatDate } from '../format';
import { PLUGIN_ID, t } from '../pluginId';

const PAGE_SIZE = 25;
const SNIPPET_LENGTH = 90;

/** The section's messages route (`…/messages`) and the contact whose thread is open (`…/messages/<documentId>`). */
const useSelection = () => {
  const { pathname, search } = useLocation();
  return useMemo(() => {
    const match = /^(.*\/messages)(?:\/([^/]+))?\/?$/.exec(pathname);
    const base = match ? match[1] : `/plugins/${PLUGIN_ID}/messages`;
    const selected = match?.[2] ? decodeURIComponent(match[2]) : null;
    const page = Math.max(1, Number(new URLSearchParams(search).get('page')) || 1);
    return { base, selected, page, search };
  }, [pathname, search]);
};

const snippet = (text: string) => (text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH).trimEnd()}…` : text);

const ThreadItem = ({ thread, to, current }: { thread: Thread; to: string | null; current: boolean }) => {
  const { formatMessage, locale } = useIntl();
  const name =
    thread.contact?.name ?? thread.contact?.email ?? formatMessage({ id: t('messages.unknownContact'), defaultMessage: 'Unknown contact' });
  const last = thread.lastMessage;
  const content = (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={1}
      padding={3}
      hasRadius
      background={current ? 'primary100' : 'neutral0'}
      borderColor={current ? 'primary200' : 'neutral150'}
      borderStyle="solid"
      borderWidth="1px"
    >
      <Flex justifyContent="space-between" gap={2}>
        <Typography fontWeight={thread.unread > 0 ? 'bold' : 'semiBold'} textColor="neutral800" ellipsis>
          {name}
        </Typography>
        {thread.unread > 0 ? (
          <Badge
            backgroundColor="primary600"
            textColor="neutral0"
            data-testid="thread-unread"
            aria-label={formatMessage({ id: t('messages.unread'), defaultMessage: '{count, plural, one {# unread message} other {# unread messages}}' }, { count: thread.unread })}
          >
            {thread.unread}
          </Badge>
        ) : null}
      </Flex>
      {last ? (
        <>
          <Typography variant="pi" textColor="neutral600" ellipsis>
            {last.direction === 'from_agent' ? `${formatMessage({ id: t('messages.agent'), defaultMessage: 'Agent' })}: ` : ''}
            {snippet(last.body)}
          </Typography>
          <Typography variant="pi" textColor="neutral500" tag="time" dateTime={last.createdAt}>
            {formatDate(last.createdAt, locale)}
          </Typography>
        </>
      ) : null}
    </Flex>
  );
  return (
    <li data-testid="thread">
      {to ? (
        <RouterLink to={to} aria-current={current ? 'page' : undefined} style={{ textDecoration: 'none', display: 'block' }}>
          {content}
        </RouterLink>
      ) : (
        content
      )}
    </li>
  );
};

/** Client Portal → Messages: conversations with clients (unread first in mind), one open at a time (`messages/<contact>`). */
export const MessagesPage = () => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const { base, selected, page, search } = useSelection();

  const [threads, setThreads] = useState<Paged<Thread> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(0);

  /** `quiet`: refresh the list (unread counts, last message) without the loading state. */
  const load = useCallback(
    async (quiet = false) => {
      const call = ++latest.current;
      if (!quiet) setLoadError(null);
      try {
        const answer = await api.threads({ page, pageSize: PAGE_SIZE });
        if (call === latest.current) setThreads(answer);
      } catch (error) {
        if (call === latest.current && !quiet) setLoadError(errorMessage(error));
      }
    },
    [api, page],
  );

  useEffect(() => {
    load();
  }, [load]);

  const refresh = useCallback(() => {
    load(true);
  }, [load]);

  const title = formatMessage({ id: t('messages.title'), defaultMessage: 'Messages' });
  const header = (
    <>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={formatMessage({ id: t('messages.subtitle'), defaultMessage: 'Conversations with clients in the portal' })} />
    </>
  );

  if (loadError) {
    return (
      <Page.Main>
        {header}
        <Layouts.Content>
          <Flex direction="column" alignItems="center" gap={4} padding={8} background="neutral0" hasRadius shadow="tableShadow">
            <Typography role="alert" textColor="danger600">
              {formatMessage({ id: t('messages.error'), defaultMessage: 'The conversations could not be loaded' })}: {loadError}
            </Typography>
            <Button variant="secondary" onClick={() => load()}>
              {formatMessage({ id: t('messages.retry'), defaultMessage: 'Retry' })}
            </Button>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!threads) {
    return (
      <Page.Main>
        {header}
        <Layouts.Content>
          <Flex justifyContent="center" padding={8}>
            <Loader>{formatMessage({ id: t('messages.loading'), defaultMessage: 'Loading conversations…' })}</Loader>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    );
  }

  const emptyText = formatMessage({
    id: t('messages.empty'),
    defaultMessage: 'No messages from clients yet',
  });
  const emptyHint = formatMessage({
    id: t('messages.empty.hint'),
    defaultMessage: 'When a client writes to you from the portal, the conversation appears here.',
  });

  if (threads.data.length === 0 && !selected) {
    return (
      <Page.Main>
        {header}
        <Layouts.Content>
          <EmptyStateLayout
            content={emptyText}
            action={
              <Typography variant="omega" textColor="neutral600">
                {emptyHint}
              </Typography>
            }
          />
        </Layouts.Content>
      </Page.Main>
    );
  }

  const query = search && search !== '?' ? search : '';

  return (
    <Page.Main>
      {header}
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Box tag="nav" aria-label={formatMessage({ id: t('messages.threads'), defaultMessage: 'Conversations' })} width="100%">
              {threads.data.length === 0 ? (
                <Box padding={4} background="neutral0" hasRadius>
                  <Typography fontWeight="bold" tag="p">{emptyText}</Typography>
                  <Typography variant="pi" textColor="neutral600" tag="p">{emptyHint}</Typography>
                </Box>
              ) : (
                <Flex tag="ul" direction="column" alignItems="stretch" gap={2} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {threads.data.map((thread, index) => {
                    const documentId = thread.contact?.documentId;
                    return (
                      <ThreadItem
                        key={documentId ?? `unknown-${index}`}
                        thread={thread}
                        to={documentId ? `${base}/${encodeURIComponent(documentId)}${query}` : null}
                        current={!!documentId && documentId === selected}
                      />
                    );
                  })}
                </Flex>
              )}
              {threads.meta.pagination.pageCount > 1 ? (
                <Box paddingTop={4}>
                  <Pagination.Root pageCount={threads.meta.pagination.pageCount} total={threads.meta.pagination.total} defaultPageSize={PAGE_SIZE}>
                    <Pagination.Links />
                  </Pagination.Root>
                </Box>
              ) : null}
            </Box>
          </Grid.Item>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <Box padding={6} background="neutral0" hasRadius shadow="tableShadow" width="100%">
              {selected ? (
                <ContactThread key={selected} contactDocumentId={selected} onChange={refresh} />
              ) : (
                <Typography textColor="neutral600">
                  {formatMessage({ id: t('messages.pick'), defaultMessage: 'Choose a conversation to read it and reply.' })}
                </Typography>
              )}
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default MessagesPage;
