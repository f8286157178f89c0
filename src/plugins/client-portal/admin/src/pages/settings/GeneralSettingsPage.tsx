import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Check, Duplicate } from '@strapi/icons';
import { Layouts, Page, useClipboard, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorDetails, errorMessage, usePortalApi, type PortalRole } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { t } from '../../pluginId';

/** The settings this form edits (GET /client-portal/settings `data`, without the email templates). */
export interface GeneralSettings {
  portalEnabled: boolean;
  publicPortalId: string;
  portalUrl: string;
  agencyName: string;
  invitationExpiryDays: number | null;
  resendLimitPerHour: number | null;
  clientsCanInviteOthers: boolean;
  defaultAutoInviteRole: string;
  autoInviteGuestRoles: string[];
  officeAdministrator: number | null;
  defaultLanguage: string;
  senderName: string | null;
  senderEmail: string | null;
}

type FieldName = keyof GeneralSettings;

const FIELDS: FieldName[] = [
  'portalEnabled',
  'publicPortalId',
  'portalUrl',
  'agencyName',
  'invitationExpiryDays',
  'resendLimitPerHour',
  'clientsCanInviteOthers',
  'defaultAutoInviteRole',
  'autoInviteGuestRoles',
  'officeAdministrator',
  'defaultLanguage',
  'senderName',
  'senderEmail',
];

const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'nl', label: 'Dutch' },
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'es', label: 'Spanish' },
];

/** The office administrator select's option for "no one chosen" (the server then uses the first super admin). */
const FIRST_SUPER_ADMIN = 'first-super-admin';

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email: string;
}

const adminName = (user: AdminUser) => {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || '';
  return name ? `${name} (${user.email})` : user.email;
};

const pick = (data: Record<string, any>): GeneralSettings =>
  Object.fromEntries(FIELDS.map((field) => [field, data[field] ?? (field === 'autoInviteGuestRoles' ? [] : null)])) as unknown as GeneralSettings;

/** Blank optional texts are saved as null (the server's "not set"). */
const normalise = (field: FieldName, value: unknown) => {
  if ((field === 'senderName' || field === 'senderEmail') && typeof value === 'string' && value.trim() === '') return null;
  return value;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields the agent changed, ready for PUT /client-portal/settings. */
export const changedFields = (saved: GeneralSettings, form: GeneralSettings): Partial<GeneralSettings> => {
  const changes: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const next = normalise(field, form[field]);
    if (!same(normalise(field, saved[field]), next)) changes[field] = next;
  }
  return changes as Partial<GeneralSettings>;
};

/** Where a 400 belongs: `details.errors[0].path[0]`, else the "field: message" prefix of the message. */
export const fieldOfError = (error: unknown): { field: FieldName | null; message: string } => {
  const message = errorMessage(error);
  const path = errorDetails(error).errors?.[0]?.path;
  const prefix = /^([A-Za-z]+)[.\w-]*:\s*(.+)$/s.exec(message);
  const field = (Array.isArray(path) && path.length ? String(path[0]) : prefix?.[1]) as FieldName | undefined;
  if (!field || !FIELDS.includes(field)) return { field: null, message };
  return { field, message: prefix && prefix[1] === field ? prefix[2] : message };
};

/** The self-registration link, as the reference portal reads it (`/register?portal=<id>`). */
export const registrationLink = (portalUrl: string, publicPortalId: string) =>
  `${portalUrl.replace(/\/+$/, '')}/register?portal=${encodeURIComponent(publicPortalId)}`;

/** Admin users for the office administrator select; null when the agent may not list them. */
const useAdminUsers = () => {
  const { get } = useFetchClient();
  return useCallback(async (): Promise<AdminUser[] | null> => {
    try {
      const { data } = await get<{ data: { results: AdminUser[] } }>('/admin/users?pageSize=100');
      return data.data?.results ?? [];
    } catch {
      return null;
    }
  }, [get]);
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Grid.Root gap={5}>{children}</Grid.Root>
    </Flex>
  </Box>
);

export const GeneralSettingsPage = () => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const loadAdmins = useAdminUsers();
  const { toggleNotification } = useNotification();
  const { copy } = useClipboard();
  const canUpdate = useRBAC(PERMISSIONS.settingsUpdate).allowedActions.canUpdate === true;

  const [saved, setSaved] = useState<GeneralSettings | null>(null);
  const [form, setForm] = useState<GeneralSettings | null>(null);
  const [roles, setRoles] = useState<PortalRole[]>([]);
  const [admins, setAdmins] = useState<AdminUser[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [saving, setSaving] = useState(false);

  const m = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: t(`settings.${id}`), defaultMessage }, values);

  const load = useCallback(async () => {
    setLoadError(null);
    setSaved(null);
    try {
      const [settings, roleList, adminList] = await Promise.all([
        api.settings(),
        api.roles().then((answer) => answer.data).catch(() => [] as PortalRole[]),
        loadAdmins(),
      ]);
      const values = pick(settings.data);
      setSaved(values);
      setForm(values);
      setRoles(roleList);
      setAdmins(adminList);
      setErrors({});
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api, loadAdmins]);

  useEffect(() => {
    load();
  }, [load]);

  const changes = useMemo(() => (saved && form ? changedFields(saved, form) : {}), [saved, form]);
  const dirty = Object.keys(changes).length > 0;

  const set = <K extends FieldName>(field: K, value: GeneralSettings[K]) => {
    setForm((current) => (current ? { ...current, [field]: value } : current));
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!canUpdate || !dirty || saving) return;
    setSaving(true);
    try {
      const data = pick(await api.updateSettings(changes));
      setSaved(data);
      setForm(data);
      setErrors({});
      toggleNotification({ type: 'success', message: m('general.saved', 'Settings saved') });
    } catch (error) {
      const { field, message } = fieldOfError(error);
      if (field) setErrors({ [field]: message });
      toggleNotification({ type: 'danger', message: errorMessage(error, m('general.saveFailed', 'The settings could not be saved')) });
    } finally {
      setSaving(false);
    }
  };

  const title = m('general.title', 'Portal settings');

  if (loadError) {
    return (
      <Page.Error
        content={`${m('general.loadFailed', 'The portal settings could not be loaded')}: ${loadError}`}
        action={
          <Button variant="secondary" onClick={load}>
            {m('retry', 'Retry')}
          </Button>
        }
      />
    );
  }
  if (!saved || !form) return <Page.Loading />;

  const link = registrationLink(saved.portalUrl, saved.publicPortalId);
  const readOnly = !canUpdate;
  const roleOptions = roles.length
    ? roles
    : [...new Set([form.defaultAutoInviteRole, ...form.autoInviteGuestRoles].filter(Boolean))].map((key) => ({ key, name: key }) as PortalRole);
  const onOff = { onLabel: m('on', 'On'), offLabel: m('off', 'Off') };
  const yesNo = { onLabel: m('yes', 'Yes'), offLabel: m('no', 'No') };

  const copyLink = async () => {
    const ok = await copy(link);
    toggleNotification(
      ok
        ? { type: 'success', message: m('general.linkCopied', 'Registration link copied') }
        : { type: 'warning', message: m('general.copyFailed', 'The link could not be copied; select it and copy it by hand') },
    );
  };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <form onSubmit={save} noValidate>
        <Layouts.Header
          title={title}
          subtitle={m('general.subtitle', 'How the client portal works for your office')}
          primaryAction={
            canUpdate ? (
              <Button type="submit" startIcon={<Check />} loading={saving} disabled={!dirty}>
                {m('save', 'Save')}
              </Button>
            ) : undefined
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {readOnly ? (
              <Typography variant="pi" textColor="neutral600">
                {m('readOnly', 'You can view these settings but not change them.')}
              </Typography>
            ) : null}

            <Section title={m('general.section.portal', 'Portal')}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="portalEnabled" hint={m('general.portalEnabled.hint', 'When off, clients cannot log in, register or accept invitations.')} error={errors.portalEnabled}>
                  <Field.Label>{m('general.portalEnabled', 'Client portal')}</Field.Label>
                  <Toggle {...onOff} checked={form.portalEnabled} disabled={readOnly} onChange={(event) => set('portalEnabled', event.target.checked)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="defaultLanguage" hint={m('general.defaultLanguage.hint', 'Used for emails and the portal when a client has not chosen a language.')} error={errors.defaultLanguage}>
                  <Field.Label>{m('general.defaultLanguage', 'Default language')}</Field.Label>
                  <SingleSelect value={form.defaultLanguage} disabled={readOnly} onChange={(value) => set('defaultLanguage', String(value))}>
                    {LANGUAGES.map((language) => (
                      <SingleSelectOption key={language.code} value={language.code}>
                        {m(`language.${language.code}`, language.label)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="portalUrl" hint={m('general.portalUrl.hint', 'Where the portal runs; links in emails point here.')} error={errors.portalUrl}>
                  <Field.Label>{m('general.portalUrl', 'Portal URL')}</Field.Label>
                  <TextInput type="url" value={form.portalUrl ?? ''} disabled={readOnly} onChange={(event) => set('portalUrl', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="agencyName" hint={m('general.agencyName.hint', 'Shown to clients in the portal and in emails.')} error={errors.agencyName}>
                  <Field.Label>{m('general.agencyName', 'Agency name')}</Field.Label>
                  <TextInput value={form.agencyName ?? ''} disabled={readOnly} onChange={(event) => set('agencyName', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root
                  name="publicPortalId"
                  hint={m('general.publicPortalId.hint', 'Carried by the self-registration link: 3–64 letters, digits, "_" or "-". Changing it breaks links already handed out.')}
                  error={errors.publicPortalId}
                >
                  <Field.Label>{m('general.publicPortalId', 'Public portal id')}</Field.Label>
                  <TextInput value={form.publicPortalId ?? ''} disabled={readOnly} onChange={(event) => set('publicPortalId', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="registrationLink" hint={m('general.registrationLink.hint', 'Share it so new clients can create an account themselves.')}>
                  <Field.Label>{m('general.registrationLink', 'Registration link')}</Field.Label>
                  <Flex gap={2} alignItems="flex-start">
                    <Box grow={1}>
                      <TextInput value={link} readOnly onFocus={(event) => event.target.select()} />
                    </Box>
                    <Button variant="secondary" size="L" startIcon={<Duplicate />} onClick={copyLink}>
                      {m('general.copyLink', 'Copy link')}
                    </Button>
                  </Flex>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Section>

            <Section title={m('general.section.invitations', 'Invitations')}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="invitationExpiryDays" hint={m('general.invitationExpiryDays.hint', 'How long an invitation link stays valid: 1 to 30 days.')} error={errors.invitationExpiryDays}>
                  <Field.Label>{m('general.invitationExpiryDays', 'Invitation valid for (days)')}</Field.Label>
                  <NumberInput
                    value={form.invitationExpiryDays ?? undefined}
                    min={1}
                    max={30}
                    step={1}
                    disabled={readOnly}
                    onValueChange={(value) => set('invitationExpiryDays', value ?? null)}
                  />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="resendLimitPerHour" hint={m('general.resendLimitPerHour.hint', 'How often one invitation may be resent within an hour: 1 to 100.')} error={errors.resendLimitPerHour}>
                  <Field.Label>{m('general.resendLimitPerHour', 'Resends per hour')}</Field.Label>
                  <NumberInput
                    value={form.resendLimitPerHour ?? undefined}
                    min={1}
                    max={100}
                    step={1}
                    disabled={readOnly}
                    onValueChange={(value) => set('resendLimitPerHour', value ?? null)}
                  />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="clientsCanInviteOthers" hint={m('general.clientsCanInviteOthers.hint', 'Lets clients whose role allows it invite others to their property.')} error={errors.clientsCanInviteOthers}>
                  <Field.Label>{m('general.clientsCanInviteOthers', 'Clients may invite others')}</Field.Label>
                  <Toggle {...yesNo} checked={form.clientsCanInviteOthers} disabled={readOnly} onChange={(event) => set('clientsCanInviteOthers', event.target.checked)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="defaultAutoInviteRole" hint={m('general.defaultAutoInviteRole.hint', 'The role given to contacts invited automatically.')} error={errors.defaultAutoInviteRole}>
                  <Field.Label>{m('general.defaultAutoInviteRole', 'Default role for automatic invitations')}</Field.Label>
                  <SingleSelect value={form.defaultAutoInviteRole} disabled={readOnly} onChange={(value) => set('defaultAutoInviteRole', String(value))}>
                    {roleOptions.map((role) => (
                      <SingleSelectOption key={role.key} value={role.key}>
                        {role.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="autoInviteGuestRoles" hint={m('general.autoInviteGuestRoles.hint', 'Contacts with these roles get an invitation as soon as they are added to a property (e.g. co-owners, guests).')} error={errors.autoInviteGuestRoles}>
                  <Field.Label>{m('general.autoInviteGuestRoles', 'Roles invited automatically')}</Field.Label>
                  <MultiSelect
                    value={form.autoInviteGuestRoles}
                    withTags
                    disabled={readOnly}
                    placeholder={m('general.autoInviteGuestRoles.none', 'No role is invited automatically')}
                    onChange={(value) => set('autoInviteGuestRoles', value)}
                  >
                    {roleOptions.map((role) => (
                      <MultiSelectOption key={role.key} value={role.key}>
                        {role.name}
                      </MultiSelectOption>
                    ))}
                  </MultiSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Section>

            <Section title={m('general.section.office', 'Office and sender')}>
              {admins ? (
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Field.Root name="officeAdministrator" hint={m('general.officeAdministrator.hint', 'Owns self-registered leads and accounts that have no responsible agent.')} error={errors.officeAdministrator}>
                    <Field.Label>{m('general.officeAdministrator', 'Office administrator')}</Field.Label>
                    <SingleSelect
                      value={form.officeAdministrator ? String(form.officeAdministrator) : FIRST_SUPER_ADMIN}
                      disabled={readOnly}
                      onChange={(value) => set('officeAdministrator', value === FIRST_SUPER_ADMIN ? null : Number(value))}
                    >
                      <SingleSelectOption value={FIRST_SUPER_ADMIN}>{m('general.officeAdministrator.default', 'The first super admin (default)')}</SingleSelectOption>
                      {form.officeAdministrator && !admins.some((user) => user.id === form.officeAdministrator) ? (
                        <SingleSelectOption value={String(form.officeAdministrator)}>
                          {m('general.officeAdministrator.unknown', 'Admin user #{id}', { id: form.officeAdministrator })}
                        </SingleSelectOption>
                      ) : null}
                      {admins.map((user) => (
                        <SingleSelectOption key={user.id} value={String(user.id)}>
                          {adminName(user)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
              ) : null}
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="senderName" hint={m('general.senderName.hint', 'The name clients see as the sender of portal emails.')} error={errors.senderName}>
                  <Field.Label>{m('general.senderName', 'Sender name')}</Field.Label>
                  <TextInput value={form.senderName ?? ''} disabled={readOnly} onChange={(event) => set('senderName', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="senderEmail" hint={m('general.senderEmail.hint', 'Leave empty to use the email plugin’s default sender.')} error={errors.senderEmail}>
                  <Field.Label>{m('general.senderEmail', 'Sender email')}</Field.Label>
                  <TextInput type="email" value={form.senderEmail ?? ''} disabled={readOnly} onChange={(event) => set('senderEmail', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Section>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

export default GeneralSettingsPage;
