import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Field, LanguageField, Notice, Page, formValues, useAction } from '../components/ui';
import { isLanguage } from '../i18n';
import { can, href, usePortal } from '../portal';

/** Names, language and picture (with editMyDetails), the contact details the agent keeps (with viewMyDetails). */
export const ProfilePage = () => {
  const { client, me, setMe, t, language, setLanguage } = usePortal();
  const { route } = useLocation();
  const details = useAction();
  const avatar = useAction();
  const [saved, setSaved] = useState(false);
  const [chosen, setChosen] = useState<string>(language);
  if (!me) return null;
  const editable = can(me, 'editMyDetails');
  const save = (event: Event) => {
    const values = formValues(event);
    void details.run(async () => {
      setSaved(false);
      const next = await client.updateMe({ firstName: values.firstName, lastName: values.lastName, language: chosen });
      setMe(next);
      if (isLanguage(chosen)) setLanguage(chosen);
      setSaved(true);
    });
  };
  const upload = (event: Event) => {
    event.preventDefault();
    const file = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[type=file]')?.files?.[0];
    if (!file) return;
    void avatar.run(async () => setMe(await client.setAvatar(file, file.name)));
  };
  const remove = () => void avatar.run(async () => setMe(await client.removeAvatar()));
  const everywhere = () =>
    void details.run(async () => {
      await client.logoutEverywhere();
      setMe(null);
      route(href('/login'));
    });
  const contact = me.contactDetails;
  return (
    <Page title={t('profile.title')}>
      <section class="card" aria-labelledby="avatar-title">
        <h2 id="avatar-title">{t('profile.avatar')}</h2>
        {me.avatar ? <img class="avatar" src={me.avatar.formats?.thumbnail?.url ?? me.avatar.url} alt={t('profile.avatar')} /> : <p class="muted">{t('profile.avatarNone')}</p>}
        {editable && (
          <form onSubmit={upload}>
            <Field id="avatar" label={t('profile.avatarUpload')} type="file" accept="image/jpeg,image/png,image/webp,image/gif" error={avatar.fields.file} />
            <button type="submit" disabled={avatar.busy}>
              {t('profile.avatarReplace')}
            </button>
            {me.avatar && (
              <button type="button" class="secondary" disabled={avatar.busy} onClick={remove}>
                {t('profile.avatarRemove')}
              </button>
            )}
          </form>
        )}
        <Notice kind="error">{avatar.error}</Notice>
      </section>

      <form onSubmit={save} noValidate class="card">
        <Field id="email" label={t('field.email')} value={me.email} readOnly />
        <Field id="firstName" label={t('field.firstName')} defaultValue={me.firstName ?? ''} readOnly={!editable} autocomplete="given-name" error={details.fields.firstName} />
        <Field id="lastName" label={t('field.lastName')} defaultValue={me.lastName ?? ''} readOnly={!editable} autocomplete="family-name" error={details.fields.lastName} />
        <LanguageField
          value={chosen}
          error={details.fields.language}
          onChange={(next) => {
            setChosen(next);
            // Without editMyDetails the choice is kept on this device only.
            if (!editable && isLanguage(next)) setLanguage(next);
          }}
        />
        <Notice kind="error">{details.error}</Notice>
        <Notice kind="success">{saved ? t('profile.saved') : null}</Notice>
        {editable && (
          <button type="submit" disabled={details.busy}>
            {t('profile.save')}
          </button>
        )}
      </form>

      {contact && (
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('profile.details')}</h2>
          <p>{[contact.email, contact.phone].filter(Boolean).join(' · ')}</p>
          <p>{[contact.address, contact.postalCode, contact.city, contact.country].filter(Boolean).join(', ')}</p>
        </section>
      )}
      <section class="card" aria-labelledby="agent-title">
        <h2 id="agent-title">{t('profile.agent')}</h2>
        <p>{[me.responsibleAgent?.name, me.responsibleAgent?.email].filter(Boolean).join(' · ') || '—'}</p>
        {me.portalRole && (
          <p class="muted">
            {t('profile.role')}: {me.portalRole.name}
          </p>
        )}
      </section>
      <p>
        <a href={href('/change-password')}>{t('profile.password')}</a>
      </p>
      <button type="button" class="secondary" onClick={everywhere}>
        {t('profile.logoutAll')}
      </button>
    </Page>
  );
};
