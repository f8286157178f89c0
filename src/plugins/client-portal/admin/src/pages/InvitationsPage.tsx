import { useEffect, useMemo, useState, type ChangeEvent, type MouseEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  Flex,
  Grid,
  IconButton,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { ArrowClockwise, Cross, Eye, WarningCircle } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams, useRBAC, withEncodedUserParams } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type Invitation, type StatusFilter } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { ListStates } from '../components/ListStates';
import { formatDate } from '../format';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

/** The list answers a few more fields than the shared type names (see server presentInvitation). */
type InvitationRow = Invitation & { deliveryAttempts?: number; permissions?: Record<string, boolean> | null; language?: string };

interface AdminUser { id: number; firstname?: string | null; lastname?: string | null; email: string }
interface PropertyOption { documentId: string; title: string }

const STATUSES: StatusFilter[] = ['pending', 'invited', 'delivery_failed', 'expired', 'accepted', 'revoked'];
const STATUS_NAMES: Record<StatusFilter, string> = {
  pending: 'Pending (not accepted, not expired)',
  invited: 'Invited, waiting to accept',
  delivery_failed: 'Email not delivered',
  expired: 'Expired',
  accepted: 'Accepted',
  revoked: 'Revoked',
};
const ALL = '__all';
const PAGE_SIZES = ['10', '25', '50', '100'];
const DEFAULT_PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 400;
/** Invitations that can still be resent or revoked (the server says no to the others). */
const CHANGEABLE = new Set(['invited', 'expired', 'delivery_failed']);

/** URL query of the page (the search box is `_q`, as in the content manager, so Strapi's helpers encode it). */
interface Query { page?: string; pageSize?: string; status?: string; agent?: string; property?: string; from?: string; to?: string; _q?: string }

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const isDay = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const agentName = (user: AdminUser) => [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
const inviteeName = (row: InvitationRow) =>
  [row.firstName ?? row.contact?.firstName, row.lastName ?? row.contact?.lastName].filter(Boolean).join(' ') || null;
const humanize = (flag: string) => {
  const words = flag.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const stop = (event: MouseEvent) => event.stopPropagation();

/** Admin users for the agent filter; null when the agent may not list them (the filter is then hidden). */
const useAgents = () => {
  const { get } = useFetchClient();
  const [agents, setAgents] = useState<AdminUser[] | null>(null);
  useEffect(() => {
    get<{ data: { results: AdminUser[] } }>('/admin/users?pageSize=100')
      .then(({ data }) => setAgents(data.data.results))
      .catch(() => setAgents(null));
  }, [get]);
  return agents;
};

/** Properties for the property filter; null when the agent may not read properties (the filter is then hidden). */
const usePropertyOptions = () => {
  const { get } = useFetchClient();
  const [properties, setProperties] = useState<PropertyOption[] | null>(null);
  useEffect(() => {
    get<{ results: PropertyOption[] }>('/content-manager/collection-types/api::property.property?pageSize=100&sort=title:ASC')
      .then(({ data }) => setProperties(data.results.map(({ documentId, title }) => ({ documentId, title }))))
      .catch(() => setProperties(null));
  }, [get]);
  return properties;
};

type Change = 'resend' | 'revoke';
type Confirmation = { change: Change; rows: InvitationRow[]; single: boolean };

/** Invitations: every invite sent from the CRM, with filters, details, and resend / revoke (one or many). */
export const InvitationsPage = () => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  const { allowedActions: { canResend } } = useRBAC(PERMISSIONS.resend);
  const { allowedActions: { canRevoke } } = useRBAC(PERMISSIONS.revoke);
  const agents = useAgents();
  const properties = usePropertyOptions();

  const [{ query }, setQuery] = useQueryParams<Query>();
  const status = STATUSES.includes(query.status as StatusFilter) ? (query.status as StatusFilter) : undefined;
  const agent = text(query.agent) && /^\d+$/.test(query.agent!) ? Number(query.agent) : undefined;
  const property = text(query.property);
  const from = isDay(query.from) ? query.from : undefined;
  const to = isDay(query.to) ? query.to : undefined;
  const q = text(query._q)?.trim();
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));
  const params = useMemo(() => ({ status, agent, property, from, to, q, page, pageSize }), [status, agent, property, from, to, q, page, pageSize]);

  /** A filter changed: back to the first page. */
  const setFilters = (next: Partial<Query>) => setQuery(withEncodedUserParams(query, { ...next, page: '1' }) as Query);

  // Search box: typed freely, sent after a pause.
  const [search, setSearch] = useState(q ?? '');
  useEffect(() => setSearch(q ?? ''), [q]);
  useEffect(() => {
    if (search.trim() === (q ?? '')) return undefined;
    const timer = setTimeout(() => setFilters({ _q: search.trim() ? encodeURIComponent(search.trim()) : undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, q]);

  const [selected, setSelected] = useState<string[]>([]);
  const [reload, setReload] = useState(0);
  const [data, setData] = useState<{ rows: InvitationRow[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } } | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .invitations(params)
      .then((answer) => {
        if (!alive) return;
        setData({ rows: answer.data as InvitationRow[], pagination: answer.meta.pagination });
        setSelected([]);
      })
      .catch((failure) => alive && setError(errorMessage(failure)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [api, params, reload]);

  const [details, setDetails] = useState<InvitationRow | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [working, setWorking] = useState(false);

  const rows = data?.rows ?? [];
  const selectedRows = rows.filter((row) => selected.includes(row.documentId));
  const allSelected = rows.length > 0 && selected.length === rows.length;
  const filtered = Boolean(status || agent || property || from || to || q);
  const canChange = canResend || canRevoke;

  const statusLabel = (row: InvitationRow) => formatMessage({ id: t(`invitations.status.${row.displayStatus}`), defaultMessage: row.label });
  const inviterLabel = (row: InvitationRow) =>
    row.invitedBy.type === 'system'
      ? formatMessage({ id: t('invitations.invitedBy.system'), defaultMessage: 'Automatic' })
      : row.invitedBy.type === 'client'
        ? formatMessage({ id: t('invitations.invitedBy.client'), defaultMessage: '{name} (client)' }, { name: row.invitedBy.name ?? '—' })
        : (row.invitedBy.name ?? '—');

  const run = async () => {
    if (!confirmation) return;
    const { change, rows: targets, single } = confirmation;
    setWorking(true);
    try {
      if (single) {
        const target = targets[0];
        if (change === 'resend') await api.resend(target.documentId);
        else await api.revoke(target.documentId);
        toggleNotification({
          type: 'success',
          message:
            change === 'resend'
              ? formatMessage({ id: t('invitations.resent.one'), defaultMessage: 'Invitation resent to {email}' }, { email: target.email })
              : formatMessage({ id: t('invitations.revoked.one'), defaultMessage: 'Invitation of {email} revoked' }, { email: target.email }),
        });
      } else {
        const outcome = await api.bulkChange(change, targets.map((row) => row.documentId));
        if (outcome.done.length > 0) {
          toggleNotification({
            type: 'success',
            message:
              change === 'resend'
                ? formatMessage({ id: t('invitations.resent.many'), defaultMessage: '{count, plural, one {# invitation resent} other {# invitations resent}}' }, { count: outcome.done.length })
                : formatMessage({ id: t('invitations.revoked.many'), defaultMessage: '{count, plural, one {# invitation revoked} other {# invitations revoked}}' }, { count: outcome.done.length }),
          });
        }
        if (outcome.failed.length > 0) {
          const byId = new Map(targets.map((row) => [row.documentId, row]));
          const list = outcome.failed
            .map((failure) => {
              const row = byId.get(failure.invitation);
              const who = row ? (inviteeName(row) ? `${inviteeName(row)} <${row.email}>` : row.email) : failure.invitation;
              return `${who}: ${failure.message}`;
            })
            .join('; ');
          toggleNotification({
            type: 'warning',
            timeout: 15_000,
            title:
              change === 'resend'
                ? formatMessage({ id: t('invitations.resendFailed'), defaultMessage: '{count, plural, one {# invitation was not resent} other {# invitations were not resent}}' }, { count: outcome.failed.length })
                : formatMessage({ id: t('invitations.revokeFailed'), defaultMessage: '{count, plural, one {# invitation was not revoked} other {# invitations were not revoked}}' }, { count: outcome.failed.length }),
            message: list,
          });
        }
      }
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setWorking(false);
      setConfirmation(null);
      setDetails(null);
      setReload((count) => count + 1);
    }
  };

  const toggleRow = (documentId: string, checked: boolean) =>
    setSelected((current) => (checked ? [...new Set([...current, documentId])] : current.filter((id) => id !== documentId)));

  const column = (id: string, defaultMessage: string) => <Typography variant="sigma">{formatMessage({ id: t(id), defaultMessage })}</Typography>;

  const filters = (
    <Flex gap={4} wrap="wrap" alignItems="flex-end" paddingBottom={4}>
      <Box minWidth="24rem">
        <Field.Root name="q">
          <Field.Label>{formatMessage({ id: t('invitations.filter.search'), defaultMessage: 'Search' })}</Field.Label>
          <TextInput
            type="search"
            value={search}
            placeholder={formatMessage({ id: t('invitations.filter.search.placeholder'), defaultMessage: 'Name or email' })}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
          />
        </Field.Root>
      </Box>
      <Box minWidth="20rem">
        <Field.Root name="status">
          <Field.Label>{formatMessage({ id: t('invitations.filter.status'), defaultMessage: 'Status' })}</Field.Label>
          <SingleSelect value={status ?? ALL} onChange={(value: string | number) => setFilters({ status: value === ALL ? undefined : String(value) })}>
            <SingleSelectOption value={ALL}>{formatMessage({ id: t('invitations.filter.status.all'), defaultMessage: 'All statuses' })}</SingleSelectOption>
            {STATUSES.map((entry) => (
              <SingleSelectOption key={entry} value={entry}>
                {formatMessage({ id: t(`invitations.filter.status.${entry}`), defaultMessage: STATUS_NAMES[entry] })}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      {agents ? (
        <Box minWidth="20rem">
          <Field.Root name="agent">
            <Field.Label>{formatMessage({ id: t('invitations.filter.agent'), defaultMessage: 'Invited by' })}</Field.Label>
            <SingleSelect value={agent ? String(agent) : ALL} onChange={(value: string | number) => setFilters({ agent: value === ALL ? undefined : String(value) })}>
              <SingleSelectOption value={ALL}>{formatMessage({ id: t('invitations.filter.agent.all'), defaultMessage: 'All agents' })}</SingleSelectOption>
              {agents.map((user) => (
                <SingleSelectOption key={user.id} value={String(user.id)}>{agentName(user)}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
      ) : null}
      {properties ? (
        <Box minWidth="20rem">
          <Field.Root name="property">
            <Field.Label>{formatMessage({ id: t('invitations.filter.property'), defaultMessage: 'Property' })}</Field.Label>
            <SingleSelect value={property ?? ALL} onChange={(value: string | number) => setFilters({ property: value === ALL ? undefined : String(value) })}>
              <SingleSelectOption value={ALL}>{formatMessage({ id: t('invitations.filter.property.all'), defaultMessage: 'All properties' })}</SingleSelectOption>
              {properties.map((entry) => (
                <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.title}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
      ) : null}
      <Box>
        <Field.Root name="from">
          <Field.Label>{formatMessage({ id: t('invitations.filter.from'), defaultMessage: 'Sent from' })}</Field.Label>
          <TextInput type="date" value={from ?? ''} max={to} onChange={(event: ChangeEvent<HTMLInputElement>) => setFilters({ from: event.target.value || undefined })} />
        </Field.Root>
      </Box>
      <Box>
        <Field.Root name="to">
          <Field.Label>{formatMessage({ id: t('invitations.filter.to'), defaultMessage: 'Sent until' })}</Field.Label>
          <TextInput type="date" value={to ?? ''} min={from} onChange={(event: ChangeEvent<HTMLInputElement>) => setFilters({ to: event.target.value || undefined })} />
        </Field.Root>
      </Box>
      {filtered ? (
        <Button
          variant="tertiary"
          onClick={() => {
            setSearch('');
            setQuery(
              { page: '1', pageSize: query.pageSize, status: undefined, agent: undefined, property: undefined, from: undefined, to: undefined, _q: undefined },
            );
          }}
        >
          {formatMessage({ id: t('invitations.filter.clear'), defaultMessage: 'Clear filters' })}
        </Button>
      ) : null}
    </Flex>
  );

  const bulkBar =
    canChange && selected.length > 0 ? (
      <Flex gap={2} paddingBottom={4} alignItems="center">
        <Typography variant="omega" textColor="neutral600">
          {formatMessage({ id: t('invitations.selected'), defaultMessage: '{count, plural, one {# invitation selected} other {# invitations selected}}' }, { count: selected.length })}
        </Typography>
        {canResend ? (
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setConfirmation({ change: 'resend', rows: selectedRows, single: false })}>
            {formatMessage({ id: t('invitations.bulk.resend'), defaultMessage: 'Resend' })}
          </Button>
        ) : null}
        {canRevoke ? (
          <Button variant="danger-light" startIcon={<Cross />} onClick={() => setConfirmation({ change: 'revoke', rows: selectedRows, single: false })}>
            {formatMessage({ id: t('invitations.bulk.revoke'), defaultMessage: 'Revoke' })}
          </Button>
        ) : null}
      </Flex>
    ) : null;

  const body = (
    <ListStates
      error={error}
      loading={!data || (loading && rows.length === 0)}
      empty={rows.length === 0}
      onRetry={() => setReload((count) => count + 1)}
      texts={{
        error: formatMessage({ id: t('invitations.error'), defaultMessage: 'The invitations could not be loaded' }),
        retry: formatMessage({ id: t('invitations.retry'), defaultMessage: 'Retry' }),
        loading: formatMessage({ id: t('invitations.loading'), defaultMessage: 'Loading invitations…' }),
        empty: filtered
          ? formatMessage({ id: t('invitations.empty.filtered'), defaultMessage: 'No invitations match these filters. Change or clear the filters to see more.' })
          : formatMessage({ id: t('invitations.empty'), defaultMessage: 'No invitations yet. Invite a contact from the Client portal panel on its page in the Content Manager, or select contacts in the list and choose "Send portal invites".' }),
      }}
    >
      {() => (
        <>
          {bulkBar}
          <Table colCount={canChange ? 10 : 9} rowCount={rows.length + 1} aria-busy={loading}>
            <Thead>
              <Tr>
                {canChange ? (
                  <Th>
                    <Checkbox
                      aria-label={formatMessage({ id: t('invitations.selectAll'), defaultMessage: 'Select all invitations on this page' })}
                      checked={allSelected ? true : selected.length > 0 ? 'indeterminate' : false}
                      onCheckedChange={(checked: boolean | 'indeterminate') => setSelected(checked === true ? rows.map((row) => row.documentId) : [])}
                    />
                  </Th>
                ) : null}
                <Th>{column('invitations.column.invitee', 'Invitee')}</Th>
                <Th>{column('invitations.column.property', 'Property')}</Th>
                <Th>{column('invitations.column.role', 'Role')}</Th>
                <Th>{column('invitations.column.status', 'Status')}</Th>
                <Th>{column('invitations.column.sends', 'Sends')}</Th>
                <Th>{column('invitations.column.lastSent', 'Last sent')}</Th>
                <Th>{column('invitations.column.expires', 'Expires')}</Th>
                <Th>{column('invitations.column.invitedBy', 'Invited by')}</Th>
                <Th>
                  <VisuallyHidden>{formatMessage({ id: t('invitations.column.actions'), defaultMessage: 'Actions' })}</VisuallyHidden>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => {
                const name = inviteeName(row);
                const changeable = CHANGEABLE.has(row.displayStatus);
                return (
                  <Tr key={row.documentId} cursor="pointer" onClick={() => setDetails(row)} data-testid={`invitation-${row.documentId}`}>
                    {canChange ? (
                      <Td onClick={stop}>
                        <Checkbox
                          aria-label={formatMessage({ id: t('invitations.select'), defaultMessage: 'Select invitation of {email}' }, { email: row.email })}
                          checked={selected.includes(row.documentId)}
                          onCheckedChange={(checked: boolean | 'indeterminate') => toggleRow(row.documentId, checked === true)}
                        />
                      </Td>
                    ) : null}
                    <Td>
                      <Box>
                        {name ? <Typography fontWeight="bold" tag="p">{name}</Typography> : null}
                        <Typography variant="pi" textColor="neutral600" tag="p">{row.email}</Typography>
                      </Box>
                    </Td>
                    <Td><Typography>{row.property?.title ?? '—'}</Typography></Td>
                    <Td><Typography>{row.portalRole?.name ?? '—'}</Typography></Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <StatusBadge status={row.displayStatus} label={statusLabel(row)} testId="invitation-status" />
                        {row.displayStatus === 'delivery_failed' && row.deliveryError ? (
                          <Typography variant="pi" textColor="danger600" tag="p" data-testid="delivery-error">{row.deliveryError}</Typography>
                        ) : null}
                        {row.form ? (
                          <Typography variant="pi" textColor="neutral600" tag="p" data-testid="invitation-form">
                            {row.form.status === 'completed'
                              ? formatMessage({ id: t('invitations.form.completed'), defaultMessage: '{title}: completed on {date}' }, { title: row.form.title, date: formatDate(row.form.completedAt, locale, false) })
                              : formatMessage({ id: t('invitations.form.sent'), defaultMessage: '{title}: form sent' }, { title: row.form.title })}
                          </Typography>
                        ) : null}
                      </Flex>
                    </Td>
                    <Td><Typography>{row.sendCount}</Typography></Td>
                    <Td><Typography>{formatDate(row.lastSentAt ?? row.sentAt, locale)}</Typography></Td>
                    <Td><Typography>{formatDate(row.expiresAt, locale)}</Typography></Td>
                    <Td><Typography>{inviterLabel(row)}</Typography></Td>
                    <Td onClick={stop}>
                      <Flex gap={1} justifyContent="flex-end">
                        <IconButton
                          variant="ghost"
                          label={formatMessage({ id: t('invitations.action.details'), defaultMessage: 'Details of {email}' }, { email: row.email })}
                          onClick={() => setDetails(row)}
                        >
                          <Eye />
                        </IconButton>
                        {canResend && changeable ? (
                          <IconButton
                            variant="ghost"
                            label={formatMessage({ id: t('invitations.action.resend'), defaultMessage: 'Resend invitation to {email}' }, { email: row.email })}
                            onClick={() => setConfirmation({ change: 'resend', rows: [row], single: true })}
                          >
                            <ArrowClockwise />
                          </IconButton>
                        ) : null}
                        {canRevoke && changeable ? (
                          <IconButton
                            variant="ghost"
                            label={formatMessage({ id: t('invitations.action.revoke'), defaultMessage: 'Revoke invitation of {email}' }, { email: row.email })}
                            onClick={() => setConfirmation({ change: 'revoke', rows: [row], single: true })}
                          >
                            <Cross />
                          </IconButton>
                        ) : null}
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
          <Box paddingTop={4}>
            <Pagination.Root pageCount={data!.pagination.pageCount} total={data!.pagination.total} defaultPageSize={DEFAULT_PAGE_SIZE}>
              <Pagination.PageSize options={PAGE_SIZES} />
              <Pagination.Links />
            </Pagination.Root>
          </Box>
        </>
      )}
    </ListStates>
  );

  return (
    <Page.Main aria-busy={loading}>
      <Page.Title>{formatMessage({ id: t('invitations.title'), defaultMessage: 'Invitations' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: t('invitations.title'), defaultMessage: 'Invitations' })}
        subtitle={
          data
            ? formatMessage({ id: t('invitations.subtitle'), defaultMessage: '{count, plural, =0 {No invitations} one {# invitation} other {# invitations}}' }, { count: data.pagination.total })
            : formatMessage({ id: t('invitations.subtitle.loading'), defaultMessage: 'Portal invitations sent to contacts' })
        }
      />
      <Layouts.Content>
        {filters}
        {body}
      </Layouts.Content>

      <ConfirmChange confirmation={confirmation} working={working} onCancel={() => setConfirmation(null)} onConfirm={run} />
      <InvitationDetails invitation={details} statusLabel={details ? statusLabel(details) : ''} inviter={details ? inviterLabel(details) : ''} onClose={() => setDetails(null)} />
    </Page.Main>
  );
};

/** "Resend 3 invitations?" / "Revoke the invitation of x?" */
const ConfirmChange = ({ confirmation, working, onCancel, onConfirm }: { confirmation: Confirmation | null; working: boolean; onCancel: () => void; onConfirm: () => void }) => {
  const { formatMessage } = useIntl();
  const count = confirmation?.rows.length ?? 0;
  const email = confirmation?.rows[0]?.email ?? '';
  const resend = confirmation?.change === 'resend';
  const title = !confirmation
    ? ''
    : confirmation.single
      ? resend
        ? formatMessage({ id: t('invitations.confirm.resend.one'), defaultMessage: 'Resend the invitation to {email}?' }, { email })
        : formatMessage({ id: t('invitations.confirm.revoke.one'), defaultMessage: 'Revoke the invitation of {email}?' }, { email })
      : resend
        ? formatMessage({ id: t('invitations.confirm.resend.many'), defaultMessage: '{count, plural, one {Resend # invitation?} other {Resend # invitations?}}' }, { count })
        : formatMessage({ id: t('invitations.confirm.revoke.many'), defaultMessage: '{count, plural, one {Revoke # invitation?} other {Revoke # invitations?}}' }, { count });
  return (
    <Dialog.Root open={!!confirmation} onOpenChange={(open: boolean) => (!open && !working ? onCancel() : undefined)}>
      {confirmation ? (
        <Dialog.Content>
          <Dialog.Header>{title}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle fill={resend ? 'warning600' : 'danger600'} />}>
            <Typography tag="p" textAlign="center">
              {resend
                ? formatMessage({ id: t('invitations.confirm.resend.body'), defaultMessage: 'A new email with a fresh link is sent; earlier links stop working and the expiry starts again.' })
                : formatMessage({ id: t('invitations.confirm.revoke.body'), defaultMessage: 'The invite link stops working at once. This cannot be undone; invite the contact again if needed.' })}
            </Typography>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary" disabled={working}>
                {formatMessage({ id: t('invitations.confirm.cancel'), defaultMessage: 'Cancel' })}
              </Button>
            </Dialog.Cancel>
            <Button
              fullWidth
              variant={resend ? 'default' : 'danger'}
              loading={working}
              onClick={onConfirm}
            >
              {resend
                ? formatMessage({ id: t('invitations.confirm.resend'), defaultMessage: 'Resend' })
                : formatMessage({ id: t('invitations.confirm.revoke'), defaultMessage: 'Revoke' })}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      ) : null}
    </Dialog.Root>
  );
};

/** One label and value of the details modal. */
const Detail = ({ label, children }: { label: string; children: ReactNode }) => (
  <Grid.Item col={6} s={12} direction="column" alignItems="flex-start">
    <Typography variant="sigma" textColor="neutral600" tag="dt">{label}</Typography>
    <Typography tag="dd">{children}</Typography>
  </Grid.Item>
);

/** Everything about one invitation: status, sends, dates, inviter, message, permission overrides, delivery. */
const InvitationDetails = ({ invitation, statusLabel, inviter, onClose }: { invitation: InvitationRow | null; statusLabel: string; inviter: string; onClose: () => void }) => {
  const { formatMessage, locale } = useIntl();
  const label = (id: string, defaultMessage: string) => formatMessage({ id: t(`invitations.details.${id}`), defaultMessage });
  const overrides = Object.entries(invitation?.permissions ?? {});
  const name = invitation ? inviteeName(invitation) : null;
  return (
    <Modal.Root open={!!invitation} onOpenChange={(open: boolean) => (!open ? onClose() : undefined)}>
      {invitation ? (
        <Modal.Content>
          <Modal.Header closeLabel={label('close', 'Close')}>
            <Modal.Title>
              {formatMessage({ id: t('invitations.details.title'), defaultMessage: 'Invitation of {who}' }, { who: name ? `${name} <${invitation.email}>` : invitation.email })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Grid.Root gap={4} tag="dl">
              <Detail label={label('status', 'Status')}>
                <StatusBadge status={invitation.displayStatus} label={statusLabel} testId="invitation-details-status" />
              </Detail>
              <Detail label={label('email', 'Email')}>{invitation.email}</Detail>
              <Detail label={label('property', 'Property')}>{invitation.property?.title ?? label('noProperty', 'No property (account-wide)')}</Detail>
              <Detail label={label('role', 'Portal role')}>{invitation.portalRole?.name ?? '—'}</Detail>
              <Detail label={label('sends', 'Sends')}>{invitation.sendCount}</Detail>
              <Detail label={label('invitedBy', 'Invited by')}>{inviter}</Detail>
              <Detail label={label('createdAt', 'Created')}>{formatDate(invitation.createdAt, locale)}</Detail>
              <Detail label={label('sentAt', 'First sent')}>{formatDate(invitation.sentAt, locale)}</Detail>
              <Detail label={label('lastSentAt', 'Last sent')}>{formatDate(invitation.lastSentAt, locale)}</Detail>
              <Detail label={label('expiresAt', 'Expires')}>{formatDate(invitation.expiresAt, locale)}</Detail>
              {invitation.acceptedAt ? <Detail label={label('acceptedAt', 'Accepted')}>{formatDate(invitation.acceptedAt, locale)}</Detail> : null}
              {invitation.revokedAt ? <Detail label={label('revokedAt', 'Revoked')}>{formatDate(invitation.revokedAt, locale)}</Detail> : null}
              <Detail label={label('deliveryStatus', 'Email delivery')}>
                {formatMessage({ id: t(`invitations.delivery.${invitation.deliveryStatus}`), defaultMessage: invitation.deliveryStatus ?? '—' })}
              </Detail>
              <Detail label={label('deliveryAttempts', 'Delivery attempts')}>{invitation.deliveryAttempts ?? 0}</Detail>
              {invitation.deliveryError ? (
                <Grid.Item col={12} direction="column" alignItems="flex-start">
                  <Typography variant="sigma" textColor="neutral600" tag="dt">{label('deliveryError', 'Mail server answer')}</Typography>
                  <Typography tag="dd" textColor="danger600" data-testid="details-delivery-error">{invitation.deliveryError}</Typography>
                </Grid.Item>
              ) : null}
              <Grid.Item col={12} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600" tag="dt">{label('message', 'Personal message')}</Typography>
                <Typography tag="dd" style={{ whiteSpace: 'pre-wrap' }}>{invitation.message || label('noMessage', 'No personal message')}</Typography>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="flex-start">
                <Typography variant="sigma" textColor="neutral600" tag="dt">{label('permissions', 'Permission changes for this invitee')}</Typography>
                <Box tag="dd">
                  {overrides.length === 0 ? (
                    <Typography>{label('noOverrides', 'None: the role’s permissions apply')}</Typography>
                  ) : (
                    <Flex gap={1} wrap="wrap">
                      {overrides.map(([flag, granted]) => (
                        <Badge key={flag} textTransform="none" backgroundColor={granted ? 'success100' : 'danger100'} textColor={granted ? 'success700' : 'danger700'}>
                          {formatMessage(
                            { id: t(granted ? 'invitations.details.granted' : 'invitations.details.denied'), defaultMessage: granted ? '{flag}: allowed' : '{flag}: not allowed' },
                            { flag: formatMessage({ id: t(`permission.${flag}`), defaultMessage: humanize(flag) }) },
                          )}
                        </Badge>
                      ))}
                    </Flex>
                  )}
                </Box>
              </Grid.Item>
            </Grid.Root>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{label('close', 'Close')}</Button>
            </Modal.Close>
          </Modal.Footer>
        </Modal.Content>
      ) : null}
    </Modal.Root>
  );
};

export default InvitationsPage;
