import { useState } from 'preact/hooks';
import { Field, LoadError, Loading, Notice, Page, formValues, useAction, useLoad } from '../components/ui';
import { usePortal } from '../portal';

/** Invite others: a role no stronger than the client's own (the server lists them), and the properties it shares. */
export const InvitePage = () => {
  const { client, t } = usePortal();
  const roles = useLoad(() => client.invitableRoles(), []);
  const action = useAction();
  const [role, setRole] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  if (roles.error) {
    const status = (roles.error as { status?: number }).status;
    return <Page title={t('invite.title')}>{status === 403 ? <p>{t('invite.off')}</p> : <LoadError error={roles.error} retry={roles.reload} />}</Page>;
  }
  if (!roles.data) return <Loading />;
  const chosen = roles.data.find((entry) => entry.documentId === role) ?? roles.data[0];
  const submit = (event: Event) => {
    const values = formValues(event);
    const form = event.currentTarget as HTMLFormElement;
    void action.run(async () => {
      setSent(null);
      const result = await client.inviteOther({ email: values.email, firstName: values.firstName, lastName: values.lastName, role: chosen.documentId });
      setSent(result.email);
      form.reset();
    });
  };
  if (!roles.data.length)
    return (
      <Page title={t('invite.title')}>
        <p>{t('invite.off')}</p>
      </Page>
    );
  return (
    <Page title={t('invite.title')} narrow>
      <p>{t('invite.intro')}</p>
      <form onSubmit={submit} noValidate class="card">
        <Field id="firstName" label={t('field.firstName')} required error={action.fields.firstName} />
        <Field id="lastName" label={t('field.lastName')} required error={action.fields.lastName} />
        <Field id="email" label={t('field.email')} type="email" required error={action.fields.email} />
        <Field id="role" label={t('invite.role')} help={t('invite.shares', { properties: chosen.properties.map((property) => property.title).join(', ') })} error={action.fields.role}>
          <select id="role" aria-describedby="role-help" value={chosen.documentId} onChange={(event) => setRole((event.currentTarget as HTMLSelectElement).value)}>
            {roles.data.map((entry) => (
              <option key={entry.documentId} value={entry.documentId}>
                {entry.name}
              </option>
            ))}
          </select>
        </Field>
        <Notice kind="error">{action.error}</Notice>
        <Notice kind="success">{sent ? t('invite.sent', { email: sent }) : null}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('invite.submit')}
        </button>
      </form>
    </Page>
  );
};
