import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Button, Field, Flex, Radio, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { errorDetails, errorMessage, usePortalApi } from '../../api';
import { t } from '../../pluginId';
import { ContactPicker } from '../ContactPicker';
import { useRoles, type ContactOption } from '../options';
import { FormSelect } from '../FormSelect';

type Who = 'existing' | 'new';
type FieldName = 'contact' | 'firstName' | 'lastName' | 'email' | 'portalRole';

/**
 * *Invite more to portal*: another person (an existing contact, or a new one by name and email) joins this client's
 * portal — the client's group, made for them when they have none — and is invited in the chosen role.
 */
export const InviteMoreForm = ({ client, onCancel, onDone }: { client: { documentId: string; name: string }; onCancel: () => void; onDone: () => void }) => {
  const { formatMessage } = useIntl();
  const label = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: t(id), defaultMessage }, values);
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  const { roles } = useRoles();
  const [who, setWho] = useState<Who>('new');
  const [contact, setContact] = useState<ContactOption | null>(null);
  const [person, setPerson] = useState({ firstName: '', lastName: '', email: '' });
  const [role, setRole] = useState('');
  const [message, setMessage] = useState('');
  const [form, setForm] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [saving, setSaving] = useState(false);
  const chosenRole = role || roles?.find((entry) => entry.key === 'co-owner')?.documentId || roles?.[0]?.documentId || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<FieldName, string>> = {};
    if (who === 'existing' && !contact) missing.contact = label('more.contact.required', 'Choose a contact');
    if (who === 'new') {
      for (const field of ['firstName', 'lastName', 'email'] as const) if (!person[field].trim()) missing[field] = label('more.required', 'Required');
    }
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSaving(true);
    try {
      const body = who === 'existing' ? { contact: contact!.documentId } : { firstName: person.firstName.trim(), lastName: person.lastName.trim(), email: person.email.trim() };
      const answer = await api.inviteMore(client.documentId, { ...body, portalRole: chosenRole, message: message.trim() || null, form });
      toggleNotification({ type: 'success', message: label('more.done', 'Invited into {group}', { group: answer.group.name }) });
      onDone();
    } catch (failure) {
      // A 400 names its field ("email: must be a valid email address"): shown under that field.
      const [field] = ((errorDetails(failure).errors?.[0]?.path ?? []) as string[]);
      if (field && ['contact', 'firstName', 'lastName', 'email', 'portalRole'].includes(field)) setErrors({ [field]: errorMessage(failure).replace(/^[a-zA-Z]+: /, '') });
      else toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setSaving(false);
    }
  };

  const text = (field: 'firstName' | 'lastName' | 'email', name: string) => (
    <Field.Root name={field} error={errors[field]} required>
      <Field.Label>{name}</Field.Label>
      <TextInput type={field === 'email' ? 'email' : 'text'} value={person[field]} onChange={(event: ChangeEvent<HTMLInputElement>) => setPerson((current) => ({ ...current, [field]: event.target.value }))} />
      <Field.Error />
    </Field.Root>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography tag="p">{label('more.intro', 'They join {name}’s portal: the same properties, documents and timeline, with their own account and role.', { name: client.name })}</Typography>
        <Radio.Group value={who} onValueChange={(value: string) => setWho(value as Who)} aria-label={label('more.who', 'Who')}>
          <Radio.Item value="new">{label('more.who.new', 'A new person')}</Radio.Item>
          <Radio.Item value="existing">{label('more.who.existing', 'An existing contact')}</Radio.Item>
        </Radio.Group>
        {who === 'existing' ? (
          <ContactPicker label={label('more.contact', 'Contact')} value={contact} onChange={setContact} error={errors.contact} exclude={[client.documentId]} />
        ) : (
          <Flex gap={4} direction="column" alignItems="stretch">
            {text('firstName', label('more.firstName', 'First name'))}
            {text('lastName', label('more.lastName', 'Last name'))}
            {text('email', label('more.email', 'Email'))}
          </Flex>
        )}
        <Field.Root name="portalRole" error={errors.portalRole}>
          <Field.Label>{label('more.role', 'Portal role')}</Field.Label>
          <SingleSelect value={chosenRole} onChange={(value: string | number) => setRole(String(value))}>
            {(roles ?? []).map((entry) => (
              <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.name}</SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Error />
        </Field.Root>
        <Field.Root name="message">
          <Field.Label>{label('more.message', 'Personal message (optional)')}</Field.Label>
          <Textarea value={message} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setMessage(event.target.value)} />
        </Field.Root>
        <FormSelect value={form} onChange={setForm} />
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" onClick={onCancel}>{label('more.cancel', 'Cancel')}</Button>
          <Button type="submit" loading={saving} disabled={!chosenRole}>{label('more.send', 'Send invite')}</Button>
        </Flex>
      </Flex>
    </form>
  );
};
