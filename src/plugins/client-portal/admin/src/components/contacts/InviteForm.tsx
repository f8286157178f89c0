import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Alert, Box, Button, Field, Flex, Grid, Loader, NumberInput, SingleSelect, SingleSelectOption, TextInput, Textarea } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../../api';
import { t } from '../../pluginId';
import { useProperties, useRoles } from '../options';
import { FormSelect } from '../FormSelect';
import { PermissionChecks } from '../PermissionChecks';

export interface InviteContact {
  documentId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

/** The field a server message names ("email: must be …" → email). */
const fieldOf = (message: string) => /^([A-Za-z.]+):/.exec(message)?.[1]?.split('.')[0] ?? null;

/**
 * Invite a contact (portal role, optional property, name and email as the contact has them — corrections are saved on
 * the contact —, a personal message, expiry and permission exceptions), or, when the contact already has an account,
 * share a property with it instead.
 */
export const InviteForm = ({ contact, hasAccount, onDone, onCancel, initialProperty = '', initialRole = '' }: {
  contact: InviteContact;
  hasAccount: boolean;
  initialProperty?: string;
  /** A role key to preselect (e.g. the contact's role on the property). */
  initialRole?: string;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const api = usePortalApi();
  const { roles, flags, error: rolesError } = useRoles();
  const properties = useProperties();

  const [role, setRole] = useState<string>('');
  const [property, setProperty] = useState<string>(initialProperty);
  const [firstName, setFirstName] = useState(contact.firstName ?? '');
  const [lastName, setLastName] = useState(contact.lastName ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [message, setMessage] = useState('');
  const [expiresInDays, setExpiresInDays] = useState<number | undefined>(undefined);
  const [form, setForm] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);

  useEffect(() => {
    if (roles && !role) setRole((roles.find((entry) => entry.key === (initialRole || 'buyer')) ?? roles[0])?.documentId ?? '');
  }, [roles, role, initialRole]);

  const chosen = useMemo(() => roles?.find((entry) => entry.documentId === role) ?? null, [roles, role]);
  useEffect(() => setOverrides({}), [role]);

  const label = (id: string, text: string) => formatMessage({ id: t(id), defaultMessage: text });
  const errorFor = (field: string) => (problem?.field === field ? problem.message : undefined);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const permissions = Object.keys(overrides).length ? overrides : null;
      if (hasAccount) {
        await api.share(contact.documentId, { property, portalRole: role, permissions });
        toggleNotification({ type: 'success', message: label('invite.shared', 'Property shared; the client was told by email') });
      } else {
        const changed = email.trim() !== (contact.email ?? '') || firstName.trim() !== (contact.firstName ?? '') || lastName.trim() !== (contact.lastName ?? '');
        await api.invite({
          contact: contact.documentId,
          portalRole: role,
          property: property || null,
          email: email.trim() || null,
          firstName: firstName.trim() || null,
          lastName: lastName.trim() || null,
          message: message.trim() || null,
          expiresInDays: expiresInDays ?? null,
          permissions,
          updateContact: changed,
          form,
        });
        toggleNotification({ type: 'success', message: label('invite.sent', 'Invitation queued') });
      }
      onDone();
    } catch (error) {
      const text = errorMessage(error);
      setProblem({ field: fieldOf(text), message: text });
    } finally {
      setBusy(false);
    }
  };

  if (rolesError) return <Alert variant="danger" closeLabel={label('common.close', 'Close')}>{errorMessage(rolesError)}</Alert>;
  if (!roles) return <Loader small>{label('invite.loading', 'Loading roles…')}</Loader>;

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {hasAccount ? (
        <Alert variant="default" closeLabel={label('common.close', 'Close')} title={label('invite.hasAccount.title', 'This contact already has a portal account')}>
          {label('invite.hasAccount.body', 'Share a property with them instead: it appears in their portal at once and they get an email.')}
        </Alert>
      ) : null}
      {problem && !problem.field ? <Alert variant="danger" closeLabel={label('common.close', 'Close')} onClose={() => setProblem(null)}>{problem.message}</Alert> : null}
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="portalRole" required error={errorFor('portalRole')} hint={label('invite.role.hint', 'Decides what the client may see and do in the portal')}>
            <Field.Label>{label('invite.role', 'Portal role')}</Field.Label>
            <SingleSelect value={role} onChange={(value: string | number) => setRole(String(value))}>
              {roles.map((entry) => (
                <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.name}</SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        {properties && properties.length ? (
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Field.Root name="property" required={hasAccount} error={errorFor('property')} hint={hasAccount ? undefined : label('invite.property.hint', 'Optional: the property the invitation is about')}>
              <Field.Label>{label('invite.property', 'Property')}</Field.Label>
              <SingleSelect value={property} placeholder={label('invite.property.none', 'No property')} onChange={(value: string | number) => setProperty(String(value))} onClear={hasAccount ? undefined : () => setProperty('')}>
                {properties.map((entry) => (
                  <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.title}</SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
        ) : null}
        {!hasAccount ? (
          <>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="firstName" error={errorFor('firstName')}>
                <Field.Label>{label('invite.firstName', 'First name')}</Field.Label>
                <TextInput value={firstName} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFirstName(event.target.value)} />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="lastName" error={errorFor('lastName')}>
                <Field.Label>{label('invite.lastName', 'Last name')}</Field.Label>
                <TextInput value={lastName} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setLastName(event.target.value)} />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Field.Root name="email" required error={errorFor('email')} hint={label('invite.email.hint', 'A corrected address is also saved on the contact')}>
                <Field.Label>{label('invite.email', 'Email address')}</Field.Label>
                <TextInput type="email" value={email} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setEmail(event.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={12} direction="column" alignItems="stretch">
              <Field.Root name="message" error={errorFor('message')} hint={label('invite.message.hint', 'Shown in the invitation email')}>
                <Field.Label>{label('invite.message', 'Personal message')}</Field.Label>
                <Textarea value={message} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setMessage(event.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Field.Root name="expiresInDays" error={errorFor('expiresInDays')} hint={label('invite.expiry.hint', 'Days the link stays valid (1–30); empty for the portal default')}>
                <Field.Label>{label('invite.expiry', 'Link valid for (days)')}</Field.Label>
                <NumberInput value={expiresInDays} onValueChange={(value: number | undefined) => setExpiresInDays(value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <FormSelect value={form} onChange={setForm} error={errorFor('form')} />
            </Grid.Item>
          </>
        ) : null}
      </Grid.Root>
      {chosen ? <PermissionChecks flags={flags} base={chosen.permissions} overrides={overrides} onChange={setOverrides} /> : null}
      {problem?.field === 'permissions' ? <Alert variant="danger" closeLabel={label('common.close', 'Close')}>{problem.message}</Alert> : null}
      <Box>
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" onClick={onCancel}>{label('common.cancel', 'Cancel')}</Button>
          <Button loading={busy} disabled={!role || (hasAccount && !property)} onClick={submit}>
            {hasAccount ? label('invite.share', 'Share this property') : label('invite.submit', 'Send invitation')}
          </Button>
        </Flex>
      </Box>
    </Flex>
  );
};
