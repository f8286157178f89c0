import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import {
  Box,
  Button,
  Field,
  Flex,
  Link,
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
import { Download } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification, useQueryParams, useRBAC, withEncodedUserParams } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type RoleRef } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { ListStates } from '../components/ListStates';
import { RemoveFromPortal } from '../components/RemoveFromPortal';
import { InviteMoreForm } from '../components/contacts/InviteMoreForm';
import { formatDate } from '../format';
import { downloadFile } from '../components/download';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

type ActivationStatus = 'draft' | 'active' | 'blocked' | 'removed';

/** A row of GET /client-portal/portal-users (server/src/services/portal-users.ts `rows`). */
export interface PortalUserRow {
  documentId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  activationStatus: ActivationStatus;
  removedAt?: string | null;
  mustChangePassword: boolean;
  creationMethod: 'agent_created' | 'invitation' | 'self_registration' | null;
  contact: { documentId: string; name: string | null } | null;
  role: { key: string; name: string } | null;
  responsibleAgent: { name: string | null; email: string } | null;
  invitedAt: string | null;
  groups?: string[];
  firstLoginAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

interface AdminUser { id: number; firstname?: string | null; lastname?: string | null; email: string }

const STATUSES: ActivationStatus[] = ['active', 'draft', 'blocked', 'removed'];
const STATUS_NAMES: Record<ActivationStatus, string> = { active: 'Active', draft: 'Not verified yet', blocked: 'Blocked', removed: 'Removed from the portal' };
const ALL = '__all';
const PAGE_SIZES = ['10', '25', '50', '100'];
const DEFAULT_PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 400;
const CONTACT_UID = 'api::contact.contact';

/** URL query of the page (the search box is `_q`, as in the content manager, so Strapi's helpers encode it). */
interface Query { page?: string; pageSize?: string; status?: string; role?: string; agent?: string; _q?: string }

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const agentName = (user: AdminUser) => [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
const userName = (row: PortalUserRow) => [row.firstName, row.lastName].filter(Boolean).join(' ') || row.contact?.name || null;
const contactEditPath = (documentId: string) => `/content-manager/collection-types/${CONTACT_UID}/${documentId}`;

/** `attachment; filename="portal-users-2026-01-31.csv"` -> the file name; today's name otherwise. */
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

/** Portal roles for the role filter (hidden while loading or when they cannot be read). */
const useRoleOptions = () => {
  const api = usePortalApi();
  const [roles, setRoles] = useState<RoleRef[] | null>(null);
  useEffect(() => {
    api
      .roles()
      .then((answer) => setRoles(answer.data.map(({ documentId, key, name }) => ({ documentId, key, name }))))
      .catch(() => setRoles(null));
  }, [api]);
  return roles;
};

/** Portal users: every client account with its activation status, logins, role and agent; CSV export. */
export const PortalUsersPage = () => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions: { canExport } } = useRBAC(PERMISSIONS.export);
  const { allowedActions: { canInviteMore } } = useRBAC(PERMISSIONS.inviteMore);
  const [inviteMoreFor, setInviteMoreFor] = useState<{ documentId: string; name: string } | null>(null);
  const agents = useAgents();
  const roles = useRoleOptions();

  const [{ query }, setQuery] = useQueryParams<Query>();
  const status = STATUSES.includes(query.status as ActivationStatus) ? (query.status as ActivationStatus) : undefined;
  const role = text(query.role);
  const agent = text(query.agent) && /^\d+$/.test(query.agent!) ? Number(query.agent) : undefined;
  const q = text(query._q)?.trim();
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || DEFAULT_PAGE_SIZE));
  const filters = useMemo(() => ({ status, role, agent, q }), [status, role, agent, q]);
  const params = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const filtered = Boolean(status || role || agent || q);

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

  const [reload, setReload] = useState(0);
  const [data, setData] = useState<{ rows: PortalUserRow[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } } | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .portalUsers(params)
      .then((answer) => alive && setData({ rows: answer.data as PortalUserRow[], pagination: answer.meta.pagination }))
      .catch((failure) => alive && setError(errorMessage(failure)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [api, params, reload]);

  const [exporting, setExporting] = useState(false);
  /** GET …/export with the current filters (admin JWT through the fetch client), saved as a file. */
  const downloadCsv = async () => {
    setExporting(true);
    try {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== '') search.set(key, String(value));
      const suffix = search.toString() ? `?${search}` : '';
      await downloadFile(get, `/client-portal/portal-users/export${suffix}`, `portal-users-${new Date().toISOString().slice(0, 10)}.csv`, (status) =>
        formatMessage({ id: t('portal-users.export.failed'), defaultMessage: 'The CSV could not be downloaded (HTTP {status})' }, { status }),
      );
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setExporting(false);
    }
  };

  const statusLabel = (value: ActivationStatus) => formatMessage({ id: t(`portal-users.status.${value}`), defaultMessage: STATUS_NAMES[value] });
  const column = (id: string, defaultMessage: string) => <Typography variant="sigma">{formatMessage({ id: t(id), defaultMessage })}</Typography>;
  const rows = data?.rows ?? [];

  const filterBar = (
    <Flex gap={4} wrap="wrap" alignItems="flex-end" paddingBottom={4}>
      <Box minWidth="24rem">
        <Field.Root name="q">
          <Field.Label>{formatMessage({ id: t('portal-users.filter.search'), defaultMessage: 'Search' })}</Field.Label>
          <TextInput
            type="search"
            value={search}
            placeholder={formatMessage({ id: t('portal-users.filter.search.placeholder'), defaultMessage: 'Name or email' })}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
          />
        </Field.Root>
      </Box>
      <Box minWidth="18rem">
        <Field.Root name="status">
          <Field.Label>{formatMessage({ id: t('portal-users.filter.status'), defaultMessage: 'Activation status' })}</Field.Label>
          <SingleSelect value={status ?? ALL} onChange={(value: string | number) => setFilters({ status: value === ALL ? undefined : String(value) })}>
            <SingleSelectOption value={ALL}>{formatMessage({ id: t('portal-users.filter.status.all'), defaultMessage: 'All statuses' })}</SingleSelectOption>
            {STATUSES.map((entry) => (
              <SingleSelectOption key={entry} value={entry}>{statusLabel(entry)}</SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
      {roles ? (
        <Box minWidth="18rem">
          <Field.Root name="role">
            <Field.Label>{formatMessage({ id: t('portal-users.filter.role'), defaultMessage: 'Portal role' })}</Field.Label>
            <SingleSelect value={role ?? ALL} onChange={(value: string | number) => setFilters({ role: value === ALL ? undefined : String(value) })}>
              <SingleSelectOption value={ALL}>{formatMessage({ id: t('portal-users.filter.role.all'), defaultMessage: 'All roles' })}</SingleSelectOption>
              {roles.map((entry) => (
                <SingleSelectOption key={entry.key} value={entry.key}>{entry.name}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
      ) : null}
      {agents ? (
        <Box minWidth="18rem">
          <Field.Root name="agent">
            <Field.Label>{formatMessage({ id: t('portal-users.filter.agent'), defaultMessage: 'Responsible agent' })}</Field.Label>
            <SingleSelect value={agent ? String(agent) : ALL} onChange={(value: string | number) => setFilters({ agent: value === ALL ? undefined : String(value) })}>
              <SingleSelectOption value={ALL}>{formatMessage({ id: t('portal-users.filter.agent.all'), defaultMessage: 'All agents' })}</SingleSelectOption>
              {agents.map((user) => (
                <SingleSelectOption key={user.id} value={String(user.id)}>{agentName(user)}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
      ) : null}
      {filtered ? (
        <Button
          variant="tertiary"
          onClick={() => {
            setSearch('');
            setQuery({ page: '1', pageSize: query.pageSize, status: undefined, role: undefined, agent: undefined, _q: undefined });
          }}
        >
          {formatMessage({ id: t('portal-users.filter.clear'), defaultMessage: 'Clear filters' })}
        </Button>
      ) : null}
    </Flex>
  );

  const body = (
    <ListStates
      error={error}
      loading={!data || (loading && rows.length === 0)}
      empty={rows.length === 0}
      onRetry={() => setReload((count) => count + 1)}
      texts={{
        error: formatMessage({ id: t('portal-users.error'), defaultMessage: 'The portal users could not be loaded' }),
        retry: formatMessage({ id: t('portal-users.retry'), defaultMessage: 'Retry' }),
        loading: formatMessage({ id: t('portal-users.loading'), defaultMessage: 'Loading portal users…' }),
        empty: filtered
          ? formatMessage({ id: t('portal-users.empty.filtered'), defaultMessage: 'No portal users match these filters. Change or clear the filters to see more.' })
          : formatMessage({ id: t('portal-users.empty'), defaultMessage: 'No portal users yet. Invite a contact to the portal, or create a portal user from the contact’s page in the Content Manager.' }),
      }}
    >
      {() => (
        <>
          <Table colCount={10} rowCount={rows.length + 1} aria-busy={loading}>
            <Thead>
              <Tr>
                <Th>{column('portal-users.column.status', 'Status')}</Th>
                <Th>{column('portal-users.column.user', 'Name / email')}</Th>
                <Th>{column('portal-users.column.role', 'Role')}</Th>
                <Th>{column('portal-users.column.agent', 'Responsible agent')}</Th>
                <Th>{column('portal-users.column.groups', 'Client groups')}</Th>
                <Th>{column('portal-users.column.invitedAt', 'Invited')}</Th>
                <Th>{column('portal-users.column.firstLogin', 'First login')}</Th>
                <Th>{column('portal-users.column.lastLogin', 'Last login')}</Th>
                <Th>{column('portal-users.column.contact', 'Contact')}</Th>
                <Th>
                  <VisuallyHidden>{formatMessage({ id: t('portal-users.column.actions'), defaultMessage: 'Actions' })}</VisuallyHidden>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => {
                const name = userName(row);
                return (
                  <Tr key={row.documentId} data-testid={`portal-user-${row.documentId}`}>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <StatusBadge status={row.activationStatus} label={statusLabel(row.activationStatus)} testId="activation-status" />
                        {row.mustChangePassword && row.activationStatus === 'active' ? (
                          <Typography variant="pi" textColor="neutral600">
                            {formatMessage({ id: t('portal-users.mustChangePassword'), defaultMessage: 'Temporary password' })}
                          </Typography>
                        ) : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Box>
                        {name ? <Typography fontWeight="bold" tag="p">{name}</Typography> : null}
                        <Typography variant="pi" textColor="neutral600" tag="p">{row.email}</Typography>
                      </Box>
                    </Td>
                    <Td><Typography>{row.role?.name ?? '—'}</Typography></Td>
                    <Td><Typography>{row.responsibleAgent ? (row.responsibleAgent.name ?? row.responsibleAgent.email) : '—'}</Typography></Td>
                    <Td><Typography>{row.groups?.length ? row.groups.join(', ') : '—'}</Typography></Td>
                    <Td><Typography>{formatDate(row.invitedAt, locale)}</Typography></Td>
                    <Td>
                      <Typography>
                        {row.firstLoginAt ? formatDate(row.firstLoginAt, locale) : formatMessage({ id: t('portal-users.never'), defaultMessage: 'Never' })}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {row.lastLoginAt ? formatDate(row.lastLoginAt, locale) : formatMessage({ id: t('portal-users.never'), defaultMessage: 'Never' })}
                      </Typography>
                    </Td>
                    <Td>
                      {row.contact ? (
                        <Link
                          tag={RouterLink}
                          to={contactEditPath(row.contact.documentId)}
                        >
                          {row.contact.name ?? formatMessage({ id: t('portal-users.openContact'), defaultMessage: 'Open contact' })}
                        </Link>
                      ) : (
                        <Typography textColor="neutral600">
                          {formatMessage({ id: t('portal-users.noContact'), defaultMessage: 'Not linked yet' })}
                        </Typography>
                      )}
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        {row.contact && row.activationStatus === 'active' && canInviteMore ? (
                          <Button variant="secondary" size="S" onClick={() => setInviteMoreFor({ documentId: row.contact!.documentId, name: name ?? row.email })}>
                            {formatMessage({ id: t('portal-users.inviteMore'), defaultMessage: 'Invite more' })}
                          </Button>
                        ) : null}
                        {row.contact && row.activationStatus !== 'removed' ? (
                          <RemoveFromPortal contact={row.contact.documentId} name={name ?? row.email} onRemoved={() => setReload((count) => count + 1)} />
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
      <Page.Title>{formatMessage({ id: t('portal-users.title'), defaultMessage: 'Portal users' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: t('portal-users.title'), defaultMessage: 'Portal users' })}
        subtitle={
          data
            ? formatMessage({ id: t('portal-users.subtitle'), defaultMessage: '{count, plural, =0 {No portal users} one {# portal user} other {# portal users}}' }, { count: data.pagination.total })
            : formatMessage({ id: t('portal-users.subtitle.loading'), defaultMessage: 'Client accounts of the portal' })
        }
        primaryAction={
          canExport ? (
            <Button startIcon={<Download />} onClick={downloadCsv} loading={exporting} disabled={exporting}>
              {formatMessage({ id: t('portal-users.export'), defaultMessage: 'Download CSV' })}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {filterBar}
        {body}
        <Modal.Root open={!!inviteMoreFor} onOpenChange={(open: boolean) => !open && setInviteMoreFor(null)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>
                {formatMessage({ id: t('more.title'), defaultMessage: 'Invite more people to {name}’s portal' }, { name: inviteMoreFor?.name ?? '' })}
              </Modal.Title>
            </Modal.Header>
            <Modal.Body>
              {inviteMoreFor ? (
                <InviteMoreForm
                  client={inviteMoreFor}
                  onCancel={() => setInviteMoreFor(null)}
                  onDone={() => {
                    setInviteMoreFor(null);
                    setReload((count) => count + 1);
                  }}
                />
              ) : null}
            </Modal.Body>
          </Modal.Content>
        </Modal.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default PortalUsersPage;
