import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import {
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Link,
  Modal,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft, Plus, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type ClientGroup, type GroupRow, type InviteResults } from '../api';
import { ContactPicker } from '../components/ContactPicker';
import { ListStates } from '../components/ListStates';
import { useSearchedList } from '../components/useSearchedList';
import { FormSelect } from '../components/FormSelect';
import { StatusBadge } from '../components/StatusBadge';
import { useProperties, useRoles, type ContactOption } from '../components/options';
import { formatDate } from '../format';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID, t } from '../pluginId';

const BASE = `/plugins/${PLUGIN_ID}/groups`;

const useLabel = () => {
  const { formatMessage } = useIntl();
  const label = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage }, values);
  return label;
};

/** Properties of the content manager, as a multi-select (hidden for an agent who may not read properties). */
const PropertySelect = ({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) => {
  const label = useLabel();
  const properties = useProperties();
  if (!properties) return null;
  return (
    <Field.Root name="properties" hint={label('groups.properties.hint', 'Every member sees these properties, their documents and timeline, in their own role.')}>
      <Field.Label>{label('groups.properties', 'Properties')}</Field.Label>
      <MultiSelect value={value} onChange={(next: string[]) => onChange(next)} withTags placeholder={label('groups.properties.placeholder', 'Choose properties')}>
        {properties.map((property) => (
          <MultiSelectOption key={property.documentId} value={property.documentId}>{property.title}</MultiSelectOption>
        ))}
      </MultiSelect>
      <Field.Hint />
    </Field.Root>
  );
};

/** "New group": name, description, properties. */
const NewGroupModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const label = useLabel();
  const api = usePortalApi();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [properties, setProperties] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(label('groups.name.required', 'Give the group a name'));
    setSaving(true);
    try {
      const group = await api.createGroup({ name: name.trim(), description: description.trim() || null, properties });
      onClose();
      navigate(`${BASE}/${group.documentId}`);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{label('groups.new.title', 'New client group')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="name" error={error ?? undefined} required>
                <Field.Label>{label('groups.name', 'Name')}</Field.Label>
                <TextInput value={name} placeholder={label('groups.name.placeholder', 'e.g. The Jansen household')} onChange={(event: ChangeEvent<HTMLInputElement>) => { setName(event.target.value); setError(null); }} />
                <Field.Error />
              </Field.Root>
              <Field.Root name="description">
                <Field.Label>{label('groups.description', 'Description')}</Field.Label>
                <Textarea value={description} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setDescription(event.target.value)} />
              </Field.Root>
              <PropertySelect value={properties} onChange={setProperties} />
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{label('groups.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>{label('groups.create', 'Create group')}</Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

/** Client Portal → Client groups: every group with its members and properties. */
const GroupList = () => {
  const label = useLabel();
  const { locale } = useIntl();
  const api = usePortalApi();
  const { allowedActions: { canManage } } = useRBAC(PERMISSIONS.manageGroups);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const { rows, error } = useSearchedList(async (text) => (await api.groups({ q: text, pageSize: 100 })).data, q, reload);

  return (
    <Page.Main>
      <Page.Title>{label('groups.title', 'Client groups')}</Page.Title>
      <Layouts.Header
        title={label('groups.title', 'Client groups')}
        subtitle={label('groups.subtitle', 'Households, co-owners and companies sharing one portal')}
        primaryAction={canManage ? <Button startIcon={<Plus />} onClick={() => setCreating(true)}>{label('groups.new', 'New group')}</Button> : undefined}
      />
      <Layouts.Content>
        <Box paddingBottom={4} maxWidth="32rem">
          <Field.Root name="q">
            <Field.Label>{label('groups.search', 'Search')}</Field.Label>
            <TextInput type="search" value={q} placeholder={label('groups.search.placeholder', 'Group name')} onChange={(event: ChangeEvent<HTMLInputElement>) => setQ(event.target.value)} />
          </Field.Root>
        </Box>
        <ListStates
          error={error}
          loading={!rows}
          empty={!!rows && rows.length === 0}
          onRetry={() => setReload((count) => count + 1)}
          texts={{
            error: label('groups.error', 'The client groups could not be loaded'),
            retry: label('groups.retry', 'Retry'),
            loading: label('groups.loading', 'Loading client groups…'),
            empty: q ? label('groups.empty.filtered', 'No group has this name.') : label('groups.empty', 'No client groups yet. A group lets a household, co-owners or a company share one portal.'),
          }}
        >
          {() => (
            <Table colCount={5} rowCount={(rows?.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{label('groups.column.name', 'Group')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('groups.column.members', 'Members')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('groups.column.properties', 'Properties')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('groups.column.agent', 'Responsible agent')}</Typography></Th>
                  <Th><Typography variant="sigma">{label('groups.column.created', 'Created')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows!.map((row) => (
                  <Tr key={row.documentId} data-testid={`group-${row.documentId}`}>
                    <Td><Link tag={RouterLink} to={`${BASE}/${row.documentId}`}>{row.name}</Link></Td>
                    <Td><Typography>{row.memberCount}</Typography></Td>
                    <Td><Typography>{row.propertyCount}</Typography></Td>
                    <Td><Typography>{row.agent ? row.agent.name ?? row.agent.email : '—'}</Typography></Td>
                    <Td><Typography>{formatDate(row.createdAt, locale)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </ListStates>
        {creating ? <NewGroupModal open onClose={() => setCreating(false)} /> : null}
      </Layouts.Content>
    </Page.Main>
  );
};

/** What *Invite all* did, member by member. */
const InviteResultsTable = ({ results, group }: { results: InviteResults; group: ClientGroup }) => {
  const label = useLabel();
  const nameOf = (contact: string) => group.members.find((member) => member.contact?.documentId === contact)?.contact?.name ?? contact;
  return (
    <Box paddingTop={4} data-testid="invite-results">
      <Typography variant="delta" tag="h3">
        {label('groups.invite.summary', '{invited, plural, =0 {Nobody invited} one {# invited} other {# invited}}, {skipped, plural, =0 {none skipped} one {# skipped} other {# skipped}}', { invited: results.invited.length, skipped: results.skipped.length })}
      </Typography>
      <Table colCount={2} rowCount={results.invited.length + results.skipped.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{label('groups.invite.member', 'Member')}</Typography></Th>
            <Th><Typography variant="sigma">{label('groups.invite.result', 'Result')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {results.invited.map((entry) => (
            <Tr key={entry.contact}><Td><Typography>{nameOf(entry.contact)}</Typography></Td><Td><Typography textColor="success600">{label('groups.invite.invited', 'Invited')}</Typography></Td></Tr>
          ))}
          {results.skipped.map((entry) => (
            <Tr key={entry.contact}><Td><Typography>{nameOf(entry.contact)}</Typography></Td><Td><Typography textColor="neutral600">{label('groups.invite.skipped', 'Skipped: {reason}', { reason: entry.message })}</Typography></Td></Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};

/** One group: its properties, its members with their roles and portal status, adding and removing members, *Invite all*. */
const GroupDetail = () => {
  const label = useLabel();
  const { locale } = useIntl();
  const api = usePortalApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { documentId = '' } = useParams();
  const { allowedActions: { canManage } } = useRBAC(PERMISSIONS.manageGroups);
  const { roles } = useRoles();
  const [group, setGroup] = useState<ClientGroup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [properties, setProperties] = useState<string[]>([]);
  const [contact, setContact] = useState<ContactOption | null>(null);
  const [role, setRole] = useState<string>('');
  const [memberError, setMemberError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<InviteResults | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [form, setForm] = useState<string | null>(null);

  const show = useCallback((next: ClientGroup) => {
    setGroup(next);
    setProperties(next.properties.map((property) => property.documentId));
  }, []);
  const load = useCallback(() => {
    setError(null);
    api.group(documentId).then(show).catch((failure) => setError(errorMessage(failure)));
  }, [api, documentId, show]);
  useEffect(load, [load]);

  const act = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    try {
      await action();
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };

  if (error) {
    return (
      <Page.Main>
        <Layouts.Content>
          <ListStates error={error} loading={false} empty={false} onRetry={load} texts={{ error: label('groups.detail.error', 'The group could not be loaded'), retry: label('groups.retry', 'Retry'), loading: '', empty: '' }}>
            {() => null}
          </ListStates>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!group) return <Page.Loading />;

  const saveProperties = () =>
    act('properties', async () => {
      show(await api.updateGroup(group.documentId, { properties }));
      toggleNotification({ type: 'success', message: label('groups.properties.saved', 'Properties saved: every member sees them now') });
    });
  const addMember = () => {
    if (!contact) return setMemberError(label('groups.member.required', 'Choose a contact'));
    return act('add', async () => {
      const answer = await api.addGroupMember(group.documentId, { contact: contact.documentId, portalRole: role || roles?.[0]?.documentId || '' });
      show(answer.group);
      setContact(null);
      toggleNotification({
        type: 'success',
        message: answer.invitation ? label('groups.member.addedInvited', 'Member added and invited (guest role)') : label('groups.member.added', 'Member added'),
      });
    });
  };
  const removeMember = (contactDocumentId: string) =>
    act(`remove:${contactDocumentId}`, async () => {
      show(await api.removeGroupMember(group.documentId, contactDocumentId));
      toggleNotification({ type: 'success', message: label('groups.member.removed', 'Member removed: the group’s properties are gone from their portal') });
    });
  const inviteAll = () =>
    act('invite', async () => {
      const answer = await api.inviteGroup(group.documentId, { form });
      setResults(answer);
      show(await api.group(group.documentId));
    });
  const deleteGroup = () =>
    act('delete', async () => {
      await api.deleteGroup(group.documentId);
      toggleNotification({ type: 'success', message: label('groups.deleted', 'Group deleted') });
      navigate(BASE);
    });

  const memberIds = group.members.map((member) => member.contact?.documentId).filter(Boolean) as string[];
  const changedProperties = properties.join(',') !== group.properties.map((property) => property.documentId).join(',');

  return (
    <Page.Main>
      <Page.Title>{group.name}</Page.Title>
      <Layouts.Header
        navigationAction={<Link tag={RouterLink} startIcon={<ArrowLeft />} to={BASE}>{label('groups.back', 'Client groups')}</Link>}
        title={group.name}
        subtitle={group.description ?? label('groups.detail.subtitle', '{count, plural, one {# member} other {# members}}', { count: group.members.length })}
        primaryAction={
          canManage ? (
            <Button onClick={inviteAll} loading={busy === 'invite'} disabled={group.members.length === 0}>{label('groups.inviteAll', 'Invite all')}</Button>
          ) : undefined
        }
        secondaryAction={canManage ? <Button variant="danger-light" onClick={() => setDeleting(true)}>{label('groups.delete', 'Delete group')}</Button> : undefined}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {canManage && group.members.length ? (
            <Box maxWidth="32rem">
              <FormSelect value={form} onChange={setForm} />
            </Box>
          ) : null}
          {results ? <InviteResultsTable results={results} group={group} /> : null}
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Typography variant="delta" tag="h2">{label('groups.properties', 'Properties')}</Typography>
            {canManage ? (
              <Flex gap={4} alignItems="flex-end" paddingTop={4}>
                <Box flex="1"><PropertySelect value={properties} onChange={setProperties} /></Box>
                <Button variant="secondary" onClick={saveProperties} loading={busy === 'properties'} disabled={!changedProperties}>{label('groups.properties.save', 'Save properties')}</Button>
              </Flex>
            ) : (
              <Typography tag="p">{group.properties.map((property) => property.title).join(', ') || '—'}</Typography>
            )}
          </Box>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Typography variant="delta" tag="h2">{label('groups.members', 'Members')}</Typography>
            {group.members.length === 0 ? (
              <Typography tag="p" textColor="neutral600">{label('groups.members.empty', 'No members yet: add the people who share this portal.')}</Typography>
            ) : (
              <Table colCount={5} rowCount={group.members.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{label('groups.member.name', 'Member')}</Typography></Th>
                    <Th><Typography variant="sigma">{label('groups.member.role', 'Portal role')}</Typography></Th>
                    <Th><Typography variant="sigma">{label('groups.member.status', 'Portal status')}</Typography></Th>
                    <Th><Typography variant="sigma">{label('groups.member.lastLogin', 'Last login')}</Typography></Th>
                    <Th><Typography variant="sigma">{label('groups.member.actions', 'Actions')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {group.members.map((member) => (
                    <Tr key={member.documentId} data-testid={`member-${member.contact?.documentId}`}>
                      <Td>
                        <Typography fontWeight="bold" tag="p">{member.contact?.name ?? '—'}</Typography>
                        <Typography variant="pi" textColor="neutral600" tag="p">{member.contact?.email ?? ''}</Typography>
                      </Td>
                      <Td><Typography>{member.portalRole?.name ?? '—'}</Typography></Td>
                      <Td><StatusBadge status={member.status} label={member.label} testId="member-status" /></Td>
                      <Td><Typography>{member.lastLoginAt ? formatDate(member.lastLoginAt, locale) : label('groups.never', 'Never')}</Typography></Td>
                      <Td>
                        {canManage && member.contact ? (
                          <Button variant="danger-light" size="S" loading={busy === `remove:${member.contact.documentId}`} onClick={() => removeMember(member.contact!.documentId)}>
                            {label('groups.member.remove', 'Remove from group')}
                          </Button>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            {canManage ? (
              <Flex gap={4} alignItems="flex-start" paddingTop={4} wrap="wrap">
                <Box minWidth="28rem">
                  <ContactPicker label={label('groups.member.add.contact', 'Add a member')} value={contact} onChange={(next) => { setContact(next); setMemberError(undefined); }} error={memberError} exclude={memberIds} />
                </Box>
                <Box minWidth="16rem">
                  <Field.Root name="portalRole">
                    <Field.Label>{label('groups.member.role', 'Portal role')}</Field.Label>
                    <SingleSelect value={role || roles?.[0]?.documentId || ''} onChange={(value: string | number) => setRole(String(value))}>
                      {(roles ?? []).map((entry) => (
                        <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.name}</SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Box>
                <Box paddingTop={6}>
                  <Button variant="secondary" startIcon={<Plus />} onClick={addMember} loading={busy === 'add'}>{label('groups.member.add', 'Add member')}</Button>
                </Box>
              </Flex>
            ) : null}
          </Box>
        </Flex>
        <Dialog.Root open={deleting} onOpenChange={(open: boolean) => !open && busy !== 'delete' && setDeleting(false)}>
          <Dialog.Content>
            <Dialog.Header>{label('groups.delete.title', 'Delete {name}?', { name: group.name })}</Dialog.Header>
            <Dialog.Body icon={<WarningCircle fill="danger600" />}>
              <Typography tag="p" textAlign="center">
                {label('groups.delete.body', 'The members keep their accounts and their own properties, but lose the group’s properties at once.')}
              </Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel><Button fullWidth variant="tertiary">{label('groups.cancel', 'Cancel')}</Button></Dialog.Cancel>
              <Button fullWidth variant="danger" loading={busy === 'delete'} onClick={deleteGroup}>{label('groups.delete.confirm', 'Delete group')}</Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

/** Client Portal → Client groups (list and one group). */
export const GroupsPage = () => (
  <Routes>
    <Route index element={<GroupList />} />
    <Route path=":documentId" element={<GroupDetail />} />
  </Routes>
);

export default GroupsPage;
