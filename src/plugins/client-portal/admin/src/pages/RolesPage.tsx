import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  EmptyStateLayout,
  Field,
  Flex,
  Modal,
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
import { Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorDetails, errorMessage, usePortalApi } from '../api';
import type { PortalRole } from '../api';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

type Permissions = Record<string, boolean>;

/** "viewTransactionContacts" / "view_transaction-contacts" -> "View transaction contacts" (flags without a translation). */
export const humanize = (flag: string) => {
  const words = flag
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "Co-buyer (Partner)" -> "co-buyer-partner": a role key as the server accepts it (^[a-z][a-z0-9-]{1,49}$). */
export const keyFromName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 50)
    .replace(/-+$/, '');

const samePermissions = (a: Permissions, b: Permissions, flags: string[]) => flags.every((flag) => !!a[flag] === !!b[flag]);

/** Field errors of a 400 (`details.errors[].path`), keyed by the first path segment. */
const fieldErrors = (error: any): Record<string, string> => {
  const list: Array<{ path?: string[]; message?: string }> = errorDetails(error).errors ?? [];
  const out: Record<string, string> = {};
  for (const entry of list) {
    const field = entry.path?.[0];
    if (field && !out[field]) out[field] = entry.message ?? errorMessage(error);
  }
  return out;
};

const usePermissionLabel = () => {
  const { formatMessage } = useIntl();
  return useCallback((flag: string) => formatMessage({ id: t(`permission.${flag}`), defaultMessage: humanize(flag) }), [formatMessage]);
};

/* -------------------------------------------------------------------------------------------------
 * Create / edit modal
 * -----------------------------------------------------------------------------------------------*/

interface RoleFormProps {
  /** The role being edited (name and description only), or none to create one. */
  role: PortalRole | null;
  flags: string[];
  onClose: () => void;
  onSaved: (role: PortalRole) => void;
}

const RoleFormModal = ({ role, flags, onClose, onSaved }: RoleFormProps) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const api = usePortalApi();
  const label = usePermissionLabel();
  const creating = role === null;

  const [name, setName] = useState(role?.name ?? '');
  const [key, setKey] = useState(role?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<Permissions>(() => Object.fromEntries(flags.map((flag) => [flag, false])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const changeName = (value: string) => {
    setName(value);
    if (creating && !keyEdited) setKey(keyFromName(value));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const body = { name: name.trim(), description: description.trim() ? description.trim() : null };
      const saved = creating
        ? await api.createRole({ ...body, key: key.trim(), permissions })
        : await api.updateRole(role.documentId, body);
      toggleNotification({
        type: 'success',
        message: creating
          ? formatMessage({ id: t('roles.created'), defaultMessage: 'Role "{name}" created' }, { name: saved.name })
          : formatMessage({ id: t('roles.saved'), defaultMessage: 'Role "{name}" saved' }, { name: saved.name }),
      });
      onSaved(saved);
    } catch (error: any) {
      // The admin fetch client's FetchError carries the HTTP status on itself (`response` only holds `data`).
      const status = error?.status ?? error?.response?.status;
      const byField = fieldErrors(error);
      if (status === 409 && creating) {
        // ROLE_KEY_TAKEN: "A portal role with this key already exists".
        setErrors({ key: errorMessage(error) });
      } else if (Object.keys(byField).some((field) => ['name', 'key', 'description'].includes(field))) {
        setErrors(byField);
      } else {
        setFormError(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const title = creating
    ? formatMessage({ id: t('roles.create.title'), defaultMessage: 'Create a portal role' })
    : formatMessage({ id: t('roles.edit.title'), defaultMessage: 'Edit role "{name}"' }, { name: role.name });

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header closeLabel={formatMessage({ id: t('roles.modal.close'), defaultMessage: 'Close' })}>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="name" error={errors.name} required>
                <Field.Label>{formatMessage({ id: t('roles.field.name'), defaultMessage: 'Name' })}</Field.Label>
                <TextInput value={name} onChange={(event: ChangeEvent<HTMLInputElement>) => changeName(event.target.value)} />
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="key"
                error={errors.key}
                required={creating}
                hint={
                  creating
                    ? formatMessage({ id: t('roles.field.key.hint'), defaultMessage: 'How code, config and invitations name the role: lower-case letters, digits and dashes. It cannot be changed later.' })
                    : formatMessage({ id: t('roles.field.key.fixed'), defaultMessage: 'The key cannot be changed.' })
                }
              >
                <Field.Label>{formatMessage({ id: t('roles.field.key'), defaultMessage: 'Key' })}</Field.Label>
                <TextInput
                  value={key}
                  disabled={!creating}
                  onChange={(event: ChangeEvent<HTMLInputElement>) => {
                    setKey(event.target.value);
                    setKeyEdited(true);
                  }}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="description" error={errors.description}>
                <Field.Label>{formatMessage({ id: t('roles.field.description'), defaultMessage: 'Description' })}</Field.Label>
                <Textarea value={description} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setDescription(event.target.value)} />
                <Field.Error />
              </Field.Root>
              {creating ? (
                <Box tag="fieldset" borderWidth={0} padding={0} margin={0}>
                  <Typography tag="legend" variant="sigma" textColor="neutral600">
                    {formatMessage({ id: t('roles.field.permissions'), defaultMessage: 'Permissions' })}
                  </Typography>
                  <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
                    {flags.map((flag) => (
                      <Checkbox
                        key={flag}
                        name={`permissions.${flag}`}
                        checked={!!permissions[flag]}
                        onCheckedChange={(checked: boolean | 'indeterminate') => setPermissions((current) => ({ ...current, [flag]: checked === true }))}
                      >
                        {label(flag)}
                      </Checkbox>
                    ))}
                  </Flex>
                </Box>
              ) : null}
              {formError ? (
                <Typography role="alert" textColor="danger600" variant="pi">
                  {formError}
                </Typography>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button type="button" variant="tertiary" onClick={onClose}>
              {formatMessage({ id: t('roles.cancel'), defaultMessage: 'Cancel' })}
            </Button>
            <Button type="submit" loading={saving}>
              {creating
                ? formatMessage({ id: t('roles.create.submit'), defaultMessage: 'Create role' })
                : formatMessage({ id: t('roles.edit.submit'), defaultMessage: 'Save' })}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Delete confirmation
 * -----------------------------------------------------------------------------------------------*/

const DeleteRoleDialog = ({ role, onClose, onDeleted }: { role: PortalRole; onClose: () => void; onDeleted: (role: PortalRole) => void }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const api = usePortalApi();
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setDeleting(true);
    setFailure(null);
    try {
      await api.deleteRole(role.documentId);
      toggleNotification({ type: 'success', message: formatMessage({ id: t('roles.deleted'), defaultMessage: 'Role "{name}" deleted' }, { name: role.name }) });
      onDeleted(role);
    } catch (error) {
      // ROLE_IN_USE: "This role is in use by 2 portal accounts; give them another role first".
      setFailure(errorMessage(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>{formatMessage({ id: t('roles.delete.title'), defaultMessage: 'Delete role' })}</Dialog.Header>
        <Dialog.Body>
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography>
              {formatMessage({ id: t('roles.delete.confirm'), defaultMessage: 'Delete the portal role "{name}"? This cannot be undone.' }, { name: role.name })}
            </Typography>
            {role.usage && role.usage.total > 0 && !failure ? (
              <Typography variant="pi" textColor="warning600">
                {formatMessage({ id: t('roles.delete.inUse'), defaultMessage: 'This role is still in use; it can only be deleted once nobody has it.' })}
              </Typography>
            ) : null}
            {failure ? (
              <Typography role="alert" textColor="danger600">
                {failure}
              </Typography>
            ) : null}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary">
              {formatMessage({ id: t('roles.cancel'), defaultMessage: 'Cancel' })}
            </Button>
          </Dialog.Cancel>
          <Button fullWidth variant="danger-light" loading={deleting} onClick={confirm}>
            {formatMessage({ id: t('roles.delete.submit'), defaultMessage: 'Delete' })}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Page
 * -----------------------------------------------------------------------------------------------*/

/** Client Portal → Roles: the permission matrix of every portal role; editable with `roles.manage`. */
export const RolesPage = () => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const api = usePortalApi();
  const label = usePermissionLabel();
  const canManage = !!useRBAC(PERMISSIONS.manageRoles).allowedActions.canManage;

  const [roles, setRoles] = useState<PortalRole[] | null>(null);
  const [flags, setFlags] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Permissions>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [editing, setEditing] = useState<PortalRole | null | undefined>(undefined); // undefined: closed, null: creating
  const [deleting, setDeleting] = useState<PortalRole | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const { data, meta } = await api.roles();
      const known = meta?.permissionFlags ?? [];
      const extra = data.flatMap((role) => Object.keys(role.permissions ?? {})).filter((flag) => !known.includes(flag));
      setFlags([...known, ...new Set(extra)]);
      setRoles(data);
      setDrafts({});
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api]);

  useEffect(() => {
    load();
  }, [load]);

  const changed = useMemo(
    () => new Set((roles ?? []).filter((role) => drafts[role.documentId] && !samePermissions(drafts[role.documentId], role.permissions, flags)).map((role) => role.documentId)),
    [roles, drafts, flags],
  );

  const toggle = (role: PortalRole, flag: string, value: boolean) =>
    setDrafts((current) => ({ ...current, [role.documentId]: { ...role.permissions, ...current[role.documentId], [flag]: value } }));

  const discard = (role: PortalRole) =>
    setDrafts((current) => {
      const { [role.documentId]: _dropped, ...rest } = current;
      return rest;
    });

  /** The server's answer replaces the role (it has no usage: the known one stays). */
  const replace = (saved: PortalRole) =>
    setRoles((current) => (current ?? []).map((role) => (role.documentId === saved.documentId ? { ...role, ...saved, usage: saved.usage ?? role.usage } : role)));

  /** A new role joins the matrix in name order (the server lists by name); it is used nowhere yet. */
  const add = (saved: PortalRole) =>
    setRoles((current) =>
      [...(current ?? []), { ...saved, usage: saved.usage ?? { deals: 0, accounts: 0, invitations: 0, contacts: 0, settings: false, total: 0 } }].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );

  const save = async (role: PortalRole) => {
    const permissions = { ...role.permissions, ...drafts[role.documentId] };
    setSaving(role.documentId);
    try {
      const saved = await api.updateRole(role.documentId, { permissions });
      replace(saved);
      discard(role);
      toggleNotification({ type: 'success', message: formatMessage({ id: t('roles.saved'), defaultMessage: 'Role "{name}" saved' }, { name: saved.name }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(null);
    }
  };

  const title = formatMessage({ id: t('roles.title'), defaultMessage: 'Portal roles' });

  if (loadError) {
    return (
      <Page.Main>
        <Page.Title>{title}</Page.Title>
        <Layouts.Header title={title} />
        <Layouts.Content>
          <Flex direction="column" alignItems="center" gap={4} padding={8} background="neutral0" hasRadius shadow="tableShadow">
            <Typography role="alert" textColor="danger600">
              {formatMessage({ id: t('roles.error'), defaultMessage: 'The portal roles could not be loaded' })}: {loadError}
            </Typography>
            <Button variant="secondary" onClick={() => load()}>
              {formatMessage({ id: t('roles.retry'), defaultMessage: 'Retry' })}
            </Button>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!roles) return <Page.Loading />;

  const createButton = canManage ? (
    <Button startIcon={<Plus />} onClick={() => setEditing(null)}>
      {formatMessage({ id: t('roles.create'), defaultMessage: 'Create role' })}
    </Button>
  ) : undefined;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage({ id: t('roles.subtitle'), defaultMessage: 'What clients with each role may see and do in the portal' })}
        primaryAction={createButton}
      />
      <Layouts.Content>
        {roles.length === 0 ? (
          <EmptyStateLayout
            content={formatMessage({
              id: t('roles.empty'),
              defaultMessage: 'No portal roles yet. Create a role to decide what invited clients may see and do.',
            })}
            action={createButton}
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3}>
            {!canManage ? (
              <Typography variant="pi" textColor="neutral600">
                {formatMessage({ id: t('roles.readOnly'), defaultMessage: 'You may look at the portal roles; changing them needs the "Manage roles" permission.' })}
              </Typography>
            ) : null}
            <Table colCount={roles.length + 1} rowCount={flags.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{formatMessage({ id: t('roles.column.permission'), defaultMessage: 'Permission' })}</Typography>
                  </Th>
                  {roles.map((role) => (
                    <Th key={role.documentId} data-testid={`role-${role.key}`}>
                      <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} paddingBottom={2}>
                        <Flex gap={2} wrap="wrap">
                          <Typography fontWeight="bold" textColor="neutral800">
                            {role.name}
                          </Typography>
                          {role.builtIn ? (
                            <Badge textTransform="none">{formatMessage({ id: t('roles.builtIn'), defaultMessage: 'Built-in' })}</Badge>
                          ) : null}
                        </Flex>
                        <Typography variant="pi" textColor="neutral600">
                          {role.key}
                        </Typography>
                        {role.description ? (
                          <Typography variant="pi" textColor="neutral600" title={role.description} ellipsis style={{ maxWidth: '16rem' }}>
                            {role.description}
                          </Typography>
                        ) : null}
                        {role.usage ? (
                          <Typography variant="pi" textColor="neutral500">
                            {role.usage.total > 0
                              ? formatMessage({ id: t('roles.usage'), defaultMessage: 'In use ({total, plural, one {# use} other {# uses}})' }, { total: role.usage.total })
                              : formatMessage({ id: t('roles.unused'), defaultMessage: 'Not in use' })}
                          </Typography>
                        ) : null}
                        {canManage ? (
                          <Flex gap={1} wrap="wrap">
                            <Button
                              size="S"
                              variant="tertiary"
                              startIcon={<Pencil />}
                              aria-label={formatMessage({ id: t('roles.edit.label'), defaultMessage: 'Edit {name}' }, { name: role.name })}
                              onClick={() => setEditing(role)}
                            >
                              {formatMessage({ id: t('roles.edit'), defaultMessage: 'Edit' })}
                            </Button>
                            {!role.builtIn ? (
                              <Button
                                size="S"
                                variant="danger-light"
                                startIcon={<Trash />}
                                aria-label={formatMessage({ id: t('roles.delete.label'), defaultMessage: 'Delete {name}' }, { name: role.name })}
                                onClick={() => setDeleting(role)}
                              >
                                {formatMessage({ id: t('roles.delete'), defaultMessage: 'Delete' })}
                              </Button>
                            ) : null}
                          </Flex>
                        ) : null}
                        {canManage && changed.has(role.documentId) ? (
                          <Flex gap={1} wrap="wrap">
                            <Button
                              size="S"
                              loading={saving === role.documentId}
                              aria-label={formatMessage({ id: t('roles.save.label'), defaultMessage: 'Save {name}' }, { name: role.name })}
                              onClick={() => save(role)}
                            >
                              {formatMessage({ id: t('roles.save'), defaultMessage: 'Save' })}
                            </Button>
                            <Button
                              size="S"
                              variant="tertiary"
                              disabled={saving === role.documentId}
                              aria-label={formatMessage({ id: t('roles.discard.label'), defaultMessage: 'Discard changes to {name}' }, { name: role.name })}
                              onClick={() => discard(role)}
                            >
                              {formatMessage({ id: t('roles.discard'), defaultMessage: 'Discard' })}
                            </Button>
                          </Flex>
                        ) : null}
                      </Flex>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {flags.map((flag) => (
                  <Tr key={flag}>
                    <Td>
                      <Typography textColor="neutral800">{label(flag)}</Typography>
                    </Td>
                    {roles.map((role) => {
                      const checked = !!(drafts[role.documentId]?.[flag] ?? role.permissions?.[flag]);
                      return (
                        <Td key={role.documentId}>
                          <Checkbox
                            checked={checked}
                            disabled={!canManage || saving === role.documentId}
                            aria-label={formatMessage({ id: t('roles.cell'), defaultMessage: '{permission} for {role}' }, { permission: label(flag), role: role.name })}
                            onCheckedChange={(value: boolean | 'indeterminate') => toggle(role, flag, value === true)}
                          />
                        </Td>
                      );
                    })}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Flex>
        )}
      </Layouts.Content>
      {canManage && editing !== undefined ? (
        <RoleFormModal
          role={editing}
          flags={flags}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            if (editing === null) add(saved);
            else replace(saved);
          }}
        />
      ) : null}
      {canManage && deleting ? (
        <DeleteRoleDialog
          role={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(role) => {
            setDeleting(null);
            setRoles((current) => (current ?? []).filter((entry) => entry.documentId !== role.documentId));
            discard(role);
          }}
        />
      ) : null}
    </Page.Main>
  );
};

export default RolesPage;
