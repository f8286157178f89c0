import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import {
  Badge,
  Box,
  Button,
  Combobox,
  ComboboxOption,
  EmptyStateLayout,
  Field,
  Flex,
  Link,
  Loader,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, Pagination, useFetchClient } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../api';
import type { ActivityEntry, Paged } from '../api';
import { formatDate } from '../format';
import { contactLabel, useContactSearch, type ContactOption } from '../components/options';
import { t } from '../pluginId';

/** Mirrors server/src/constants.ts ACTIVITY_TYPES, with the English label of each. */
export const ACTIVITY_TYPES: Record<string, string> = {
  invited: 'Invited',
  invite_sent: 'Invite sent',
  invite_failed: 'Invite failed',
  invite_resent: 'Invite resent',
  invite_revoked: 'Invite revoked',
  invite_accepted: 'Invite accepted',
  invite_expired: 'Invite expired',
  account_created: 'Account created',
  email_verified: 'Email verified',
  logged_in: 'Logged in',
  password_reset: 'Password reset',
  password_changed: 'Password changed',
  property_access_granted: 'Property access granted',
  viewing_requested: 'Viewing requested',
  viewing_confirmed: 'Viewing confirmed',
  viewing_cancelled: 'Viewing cancelled',
  feedback_given: 'Feedback given',
  note_written: 'Note written',
  message_sent: 'Message sent',
  profile_updated: 'Profile updated',
  auto_invite_skipped: 'Automatic invite skipped',
  portal_removed: 'Removed from the portal',
  account_reactivated: 'Back in the portal',
  group_joined: 'Joined a client group',
  group_left: 'Left a client group',
  form_completed: 'Form completed',
  form_reopened: 'Form reopened',
};

const TYPE_COLOURS: Record<string, { background: string; color: string }> = {
  invite_failed: { background: 'danger100', color: 'danger700' },
  auto_invite_skipped: { background: 'warning100', color: 'warning700' },
  invite_revoked: { background: 'neutral150', color: 'neutral700' },
  portal_removed: { background: 'neutral150', color: 'neutral700' },
  invite_expired: { background: 'warning100', color: 'warning700' },
  invite_accepted: { background: 'success100', color: 'success700' },
  account_created: { background: 'success100', color: 'success700' },
};

const PAGE_SIZE = 25;
const CONTACT_UID = 'api::contact.contact';
const PROPERTY_UID = 'api::property.property';

/** Where the content manager edits a contact (inside the admin router: `/admin/content-manager/…`). */
export const contactEditPath = (documentId: string) => `/content-manager/collection-types/${CONTACT_UID}/${documentId}`;

interface PropertyOption { documentId: string; title?: string | null }

type FeedParam = 'contact' | 'property' | 'type' | 'page' | 'pageSize';

/** The feed's filters live in the URL (`?contact=…&property=…&type=a,b&page=2`), so other views can link to them. */
const useFeedQuery = () => {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const read = (key: FeedParam) => params.get(key) || undefined;
  /** A filter change starts at page 1; an empty value leaves the URL. */
  const update = useCallback(
    (changes: Partial<Record<FeedParam, string | undefined>>) => {
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!('page' in changes)) next.delete('page');
      navigate({ search: next.toString() });
    },
    [search, navigate],
  );
  return { read, update };
};

/** The properties to filter on (the content manager's list, by title). */
const useProperties = () => {
  const { get } = useFetchClient();
  const [properties, setProperties] = useState<PropertyOption[]>([]);
  useEffect(() => {
    let alive = true;
    get<{ results: PropertyOption[] }>(`/content-manager/collection-types/${PROPERTY_UID}?pageSize=100&sort=title:ASC`)
      .then(({ data }) => alive && setProperties(data.results ?? []))
      .catch(() => alive && setProperties([]));
    return () => {
      alive = false;
    };
  }, [get]);
  return properties;
};

/** The name of the contact the feed is filtered on when it came from the URL (not picked from the search). */
const useContactName = (documentId: string | undefined, known: string | undefined) => {
  const { get } = useFetchClient();
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    setName(undefined);
    if (!documentId || known) return;
    let alive = true;
    get<{ data: ContactOption }>(`/content-manager/collection-types/${CONTACT_UID}/${documentId}`)
      .then(({ data }) => alive && data?.data && setName(contactLabel({ ...data.data, documentId })))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [get, documentId, known]);
  return known ?? name;
};

/** Client Portal → Activity: what happened in the portal, newest first, filtered by type, contact and property. */
export const ActivityPage = () => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const { read, update: filter } = useFeedQuery();
  const contact = read('contact');
  const property = read('property');
  const typeText = read('type');
  const types = useMemo(() => (typeText ? typeText.split(',').filter((type) => type in ACTIVITY_TYPES) : []), [typeText]);
  const page = Math.max(1, Number(read('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(read('pageSize')) || PAGE_SIZE));

  const [feed, setFeed] = useState<Paged<ActivityEntry> | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);

  const contactSearch = useContactSearch();
  const properties = useProperties();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [contactText, setContactText] = useState<string | undefined>();
  const contactName = useContactName(contact, contact ? picked[contact] ?? feed?.data.find((entry) => entry.contact?.documentId === contact)?.contact?.name ?? undefined : undefined);

  const typeParam = types.join(',');
  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      setFeed(await api.activities({ contact, property, type: typeParam || undefined, page, pageSize }));
    } catch (error) {
      setLoadError(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, [api, contact, property, typeParam, page, pageSize]);

  useEffect(() => {
    load();
  }, [load]);

  const typeLabel = (type: string) => formatMessage({ id: t(`activity.type.${type}`), defaultMessage: ACTIVITY_TYPES[type] ?? type });
  const actorLabel = (actor: ActivityEntry['actor']) =>
    actor.type === 'system'
      ? formatMessage({ id: t('activity.actor.system'), defaultMessage: 'System' })
      : actor.name ?? (actor.type === 'agent' ? formatMessage({ id: t('activity.actor.agent'), defaultMessage: 'Agent' }) : formatMessage({ id: t('activity.actor.client'), defaultMessage: 'Client' }));

  const title = formatMessage({ id: t('activity.title'), defaultMessage: 'Activity' });
  const filtered = !!(contact || property || types.length);
  const contactOptions = useMemo(() => {
    const list = contactSearch.options.map((option) => ({ value: option.documentId, label: contactLabel(option) }));
    if (contact && !list.some((option) => option.value === contact)) list.unshift({ value: contact, label: contactName ?? contact });
    return list;
  }, [contactSearch.options, contact, contactName]);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={formatMessage({ id: t('activity.subtitle'), defaultMessage: 'What happened in the client portal, newest first' })} />
      <Layouts.Action
        startActions={
          <Flex gap={3} wrap="wrap" alignItems="flex-end">
            <Box width="16rem">
              <Field.Root name="type">
                <Field.Label>{formatMessage({ id: t('activity.filter.type'), defaultMessage: 'Type' })}</Field.Label>
                <MultiSelect
                  aria-label={formatMessage({ id: t('activity.filter.type'), defaultMessage: 'Type' })}
                  placeholder={formatMessage({ id: t('activity.filter.anyType'), defaultMessage: 'All types' })}
                  value={types}
                  withTags
                  onChange={(value: string[]) => filter({ type: value.join(',') || undefined })}
                  onClear={() => filter({ type: undefined })}
                  clearLabel={formatMessage({ id: t('activity.filter.clearType'), defaultMessage: 'Clear the type filter' })}
                >
                  {Object.keys(ACTIVITY_TYPES).map((type) => (
                    <MultiSelectOption key={type} value={type}>
                      {typeLabel(type)}
                    </MultiSelectOption>
                  ))}
                </MultiSelect>
              </Field.Root>
            </Box>
            <Box width="18rem">
              <Field.Root name="contact">
                <Field.Label>{formatMessage({ id: t('activity.filter.contact'), defaultMessage: 'Contact' })}</Field.Label>
                <Combobox
                  autocomplete={{ type: 'list', filter: 'contains' }}
                  placeholder={formatMessage({ id: t('activity.filter.anyContact'), defaultMessage: 'Search a contact' })}
                  value={contact ?? ''}
                  textValue={contactText ?? (contact ? contactName ?? contact : '')}
                  onTextValueChange={(text: string) => setContactText(text)}
                  onInputChange={(event: ChangeEvent<HTMLInputElement>) => contactSearch.search(event.currentTarget.value)}
                  onOpenChange={(open: boolean) => open && contactSearch.search(contactText ?? '')}
                  loading={contactSearch.loading}
                  loadingMessage={formatMessage({ id: t('activity.filter.searching'), defaultMessage: 'Searching contacts…' })}
                  noOptionsMessage={() => formatMessage({ id: t('activity.filter.noContacts'), defaultMessage: 'No contact found' })}
                  onChange={(value?: string) => {
                    const option = contactOptions.find((entry) => entry.value === value);
                    if (value && option) setPicked((current) => ({ ...current, [value]: option.label }));
                    setContactText(undefined);
                    filter({ contact: value || undefined });
                  }}
                  onClear={() => {
                    setContactText(undefined);
                    filter({ contact: undefined });
                  }}
                  clearLabel={formatMessage({ id: t('activity.filter.clearContact'), defaultMessage: 'Clear the contact filter' })}
                >
                  {contactOptions.map((option) => (
                    <ComboboxOption key={option.value} value={option.value} textValue={option.label}>
                      {option.label}
                    </ComboboxOption>
                  ))}
                </Combobox>
              </Field.Root>
            </Box>
            <Box width="16rem">
              <Field.Root name="property">
                <Field.Label>{formatMessage({ id: t('activity.filter.property'), defaultMessage: 'Property' })}</Field.Label>
                <SingleSelect
                  placeholder={formatMessage({ id: t('activity.filter.anyProperty'), defaultMessage: 'All properties' })}
                  value={property ?? ''}
                  onChange={(value: string | number) => filter({ property: String(value) || undefined })}
                  onClear={() => filter({ property: undefined })}
                  clearLabel={formatMessage({ id: t('activity.filter.clearProperty'), defaultMessage: 'Clear the property filter' })}
                >
                  {property && !properties.some((entry) => entry.documentId === property) ? (
                    <SingleSelectOption value={property}>
                      {feed?.data.find((entry) => entry.property?.documentId === property)?.property?.title ?? property}
                    </SingleSelectOption>
                  ) : null}
                  {properties.map((entry) => (
                    <SingleSelectOption key={entry.documentId} value={entry.documentId}>
                      {entry.title || entry.documentId}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            {filtered ? (
              <Button variant="tertiary" onClick={() => filter({ contact: undefined, property: undefined, type: undefined })}>
                {formatMessage({ id: t('activity.filter.clear'), defaultMessage: 'Clear filters' })}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        {loadError ? (
          <Flex direction="column" alignItems="center" gap={4} padding={8} background="neutral0" hasRadius shadow="tableShadow">
            <Typography role="alert" textColor="danger600">
              {formatMessage({ id: t('activity.error'), defaultMessage: 'The activity could not be loaded' })}: {loadError}
            </Typography>
            <Button variant="secondary" onClick={() => load()}>
              {formatMessage({ id: t('activity.retry'), defaultMessage: 'Retry' })}
            </Button>
          </Flex>
        ) : !feed ? (
          <Flex justifyContent="center" padding={8}>
            <Loader>{formatMessage({ id: t('activity.loading'), defaultMessage: 'Loading activity…' })}</Loader>
          </Flex>
        ) : feed.data.length === 0 ? (
          <EmptyStateLayout
            content={
              filtered
                ? formatMessage({ id: t('activity.emptyFiltered'), defaultMessage: 'No activity matches these filters. Choose other filters or clear them.' })
                : formatMessage({ id: t('activity.empty'), defaultMessage: 'No activity yet. Invite a contact to the portal and what happens appears here.' })
            }
            action={
              filtered ? (
                <Button variant="secondary" onClick={() => filter({ contact: undefined, property: undefined, type: undefined })}>
                  {formatMessage({ id: t('activity.filter.clear'), defaultMessage: 'Clear filters' })}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Table colCount={5} rowCount={feed.data.length + 1} aria-busy={loading}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{formatMessage({ id: t('activity.column.when'), defaultMessage: 'When' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: t('activity.column.type'), defaultMessage: 'What' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: t('activity.column.actor'), defaultMessage: 'Who' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: t('activity.column.contact'), defaultMessage: 'Contact' })}</Typography></Th>
                  <Th><Typography variant="sigma">{formatMessage({ id: t('activity.column.property'), defaultMessage: 'Property' })}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {feed.data.map((entry) => {
                  const colours = TYPE_COLOURS[entry.type];
                  return (
                    <Tr key={entry.documentId} data-testid="activity-entry" data-type={entry.type}>
                      <Td>
                        <Typography textColor="neutral800" tag="time" dateTime={entry.createdAt}>
                          {formatDate(entry.createdAt, locale)}
                        </Typography>
                      </Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Badge textTransform="none" backgroundColor={colours?.background} textColor={colours?.color}>
                            {typeLabel(entry.type)}
                          </Badge>
                          {entry.summary ? (
                            <Typography variant="pi" textColor="neutral600">
                              {entry.summary}
                            </Typography>
                          ) : null}
                        </Flex>
                      </Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start">
                          <Typography textColor="neutral800">{actorLabel(entry.actor)}</Typography>
                          {entry.actor.type !== 'system' ? (
                            <Typography variant="pi" textColor="neutral500">
                              {entry.actor.type === 'agent'
                                ? formatMessage({ id: t('activity.actor.agent'), defaultMessage: 'Agent' })
                                : formatMessage({ id: t('activity.actor.client'), defaultMessage: 'Client' })}
                            </Typography>
                          ) : null}
                        </Flex>
                      </Td>
                      <Td>
                        {entry.contact ? (
                          <Link tag={RouterLink} to={contactEditPath(entry.contact.documentId)}>
                            {entry.contact.name || entry.contact.documentId}
                          </Link>
                        ) : (
                          <Typography textColor="neutral500">—</Typography>
                        )}
                      </Td>
                      <Td>
                        <Typography textColor={entry.property ? 'neutral800' : 'neutral500'}>{entry.property?.title ?? '—'}</Typography>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
            <Pagination.Root pageCount={feed.meta.pagination.pageCount} total={feed.meta.pagination.total} defaultPageSize={PAGE_SIZE}>
              <Pagination.PageSize options={['10', '25', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default ActivityPage;
