import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError } from '../api/client';
import type { InvitationPreview } from '../api/types';
import { Field, LanguageField, LoadError, Loading, Notice, Page, formValues, useAction, useLoad } from '../components/ui';
import { href, usePortal } from '../portal';
import { readInviteToken } from '../logic/links';
import { splitList } from '../logic/forms';

const PasswordField = ({ id = 'password', label, error, autocomplete = 'new-password' }: { id?: string; label: string; error?: string; autocomplete?: string }) => {
  const { t } = usePortal();
  const [shown, setShown] = useState(false);
  return (
    <>
      <Field id={id} label={label} type={shown ? 'text' : 'password'} autocomplete={autocomplete} required help={autocomplete === 'new-password' ? t('password.rules') : null} error={error} />
      <label class="check">
        <input type="checkbox" checked={shown} onChange={(event) => setShown((event.currentTarget as HTMLInputElement).checked)} /> {t('password.show')}
      </label>
    </>
  );
};

/** Where a signed-in client goes first: the password change when a temporary one was used, else home. */
const afterSignIn = (mustChangePassword: boolean | undefined) => href(mustChangePassword ? '/change-password' : '/');

/** /accept#token=…: the token is read from the fragment (never sent in a URL) and removed from the address bar. */
export const AcceptPage = () => {
  const { client, t, fmt } = usePortal();
  const { route } = useLocation();
  const [token] = useState(() => readInviteToken(window.location.hash));
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [invalid, setInvalid] = useState(false);
  const action = useAction();
  useEffect(() => {
    if (window.location.hash) history.replaceState(history.state, '', window.location.pathname + window.location.search);
    if (!token) return setInvalid(true);
    client.previewInvitation(token).then(setPreview, () => setInvalid(true));
  }, [client, token]);

  if (invalid)
    return (
      <Page title={t('accept.invalidTitle')} narrow>
        <p>{token ? t('accept.invalid') : t('accept.noToken')}</p>
        <p>{t('accept.askAgain')}</p>
        <p>
          <a href={href('/login')}>{t('login.title')}</a>
        </p>
      </Page>
    );
  if (!preview)
    return (
      <Page title={t('accept.title')} narrow>
        <Loading />
      </Page>
    );
  const who = {
    invitedBy: preview.invitedBy ?? '',
    email: preview.email,
    portal: preview.portalName ?? t('app.name'),
    role: preview.role?.name ?? '',
    property: preview.property?.title ?? '',
  };
  const submit = (event: Event) => {
    const { password } = formValues(event);
    void action.run(async () => {
      const session = await client.acceptInvitation({ token: token!, password });
      route(afterSignIn(session.mustChangePassword));
    });
  };
  return (
    <Page title={t('accept.title')} narrow>
      <p id="invite">{t(preview.property ? 'accept.whoProperty' : 'accept.who', who)}</p>
      <p class="muted">{t('accept.expires', { date: fmt.date(preview.expiresAt) })}</p>
      <form onSubmit={submit} noValidate class="card">
        <PasswordField label={t('accept.choose')} error={action.fields.password} />
        <p class="help">{t('accept.existing')}</p>
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('accept.submit')}
        </button>
      </form>
    </Page>
  );
};

export const LoginPage = () => {
  const { client, t, setMe } = usePortal();
  const { route, query } = useLocation();
  const action = useAction();
  const [retryAfter, setRetryAfter] = useState<number | null>(null);
  const submit = (event: Event) => {
    const { email, password } = formValues(event);
    void action.run(async () => {
      try {
        const session = await client.login({ email, password });
        setMe(null);
        route(afterSignIn(session.mustChangePassword));
      } catch (error: any) {
        setRetryAfter(error?.status === 429 ? (error.retryAfter ?? 60) : null);
        throw error;
      }
    });
  };
  return (
    <Page title={t('login.title')} narrow>
      {query.ended && <Notice>{t('app.sessionEnded')}</Notice>}
      <form onSubmit={submit} noValidate class="card">
        <Field id="email" label={t('field.email')} type="email" autocomplete="email" required defaultValue={query.email ?? undefined} error={action.fields.email} />
        <PasswordField label={t('field.password')} autocomplete="current-password" error={action.fields.password} />
        <Notice kind="error">{retryAfter ? t('login.retry', { minutes: Math.max(1, Math.ceil(retryAfter / 60)) }) : action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('login.submit')}
        </button>
      </form>
      <p>
        <a href={href('/forgot-password')}>{t('login.forgot')}</a>
      </p>
      <p class="muted">{t('login.register')}</p>
    </Page>
  );
};

/** After logging in with a temporary password: nothing else opens until it is changed. */
export const ChangePasswordPage = () => {
  const { client, t, me, refreshMe } = usePortal();
  const { route } = useLocation();
  const action = useAction();
  const [done, setDone] = useState(false);
  const temporary = !me || me.mustChangePassword;
  const submit = (event: Event) => {
    const { currentPassword, password } = formValues(event);
    void action.run(async () => {
      await client.changePassword({ currentPassword, password });
      setDone(true);
      const next = await refreshMe();
      if (temporary && next && !next.mustChangePassword) route(href('/'));
    });
  };
  return (
    <Page title={temporary ? t('change.title') : t('profile.password')} narrow>
      {temporary && <p>{t('change.why')}</p>}
      <form onSubmit={submit} noValidate class="card">
        <PasswordField id="currentPassword" label={t('password.current')} autocomplete="current-password" error={action.fields.currentPassword} />
        <PasswordField label={t('password.new')} error={action.fields.password} />
        <Notice kind="error">{action.error}</Notice>
        <Notice kind="success">{done ? t('change.done') : null}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('change.submit')}
        </button>
      </form>
    </Page>
  );
};

/** /register?portal=<public portal id>: a draft account and an emailed code. */
export const RegisterPage = () => {
  const { client, t, language } = usePortal();
  const { route, query } = useLocation();
  const portalId = query.portal ?? '';
  const action = useAction();
  const [wrongPortal, setWrongPortal] = useState(false);
  const [chosen, setChosen] = useState<string>(language);
  const portal = useLoad(() => (portalId ? client.portalInfo(portalId) : Promise.resolve(null)), [portalId]);
  const unknown = portal.error instanceof ApiError && portal.error.status === 404;
  if (portal.error && !unknown) return <LoadError error={portal.error} retry={portal.reload} />;
  if (portalId && !portal.data && !unknown) return <Loading />;
  if (!portalId || wrongPortal || unknown)
    return (
      <Page title={t('register.missingTitle')} narrow>
        <p>{wrongPortal || unknown ? t('register.wrong') : t('register.missing')}</p>
        <p>
          <a href={href('/login')}>{t('register.login')}</a>
        </p>
      </Page>
    );
  const submit = (event: Event) => {
    const values = formValues(event);
    const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const preferences = {
      propertyTypes: splitList(values.propertyTypes),
      cities: splitList(values.cities),
      minPrice: number(values.minPrice),
      maxPrice: number(values.maxPrice),
      minBedrooms: number(values.minBedrooms),
    };
    const given = Object.fromEntries(Object.entries(preferences).filter(([, value]) => value !== undefined && !(Array.isArray(value) && !value.length)));
    void action.run(async () => {
      try {
        await client.register({
          portalId,
          firstName: values.firstName,
          lastName: values.lastName,
          email: values.email,
          password: values.password,
          language: chosen,
          ...(values.location.trim() ? { location: values.location.trim() } : {}),
          ...(Object.keys(given).length ? { preferences: given } : {}),
        });
        route(href(`/verify?email=${encodeURIComponent(values.email)}`));
      } catch (error: any) {
        if (error?.status === 404) setWrongPortal(true);
        throw error;
      }
    });
  };
  return (
    <Page title={t('register.title')} narrow>
      <p>{t('register.intro', { portal: portal.data?.name ?? t('app.name') })}</p>
      <form onSubmit={submit} noValidate class="card">
        <Field id="firstName" label={t('field.firstName')} autocomplete="given-name" required error={action.fields.firstName} />
        <Field id="lastName" label={t('field.lastName')} autocomplete="family-name" required error={action.fields.lastName} />
        <Field id="email" label={t('field.email')} type="email" autocomplete="email" required error={action.fields.email} />
        <PasswordField label={t('field.password')} error={action.fields.password} />
        <LanguageField value={chosen} error={action.fields.language} onChange={setChosen} />
        <Field id="location" label={t('register.location')} autocomplete="address-level2" error={action.fields.location} />
        <fieldset>
          <legend>{t('register.preferences')}</legend>
          <Field id="propertyTypes" label={t('register.types')} error={action.fields['preferences.propertyTypes']} />
          <Field id="cities" label={t('register.cities')} error={action.fields['preferences.cities']} />
          <div class="row">
            <Field id="minPrice" label={t('register.minPrice')} type="number" min={0} inputMode="numeric" error={action.fields['preferences.minPrice']} />
            <Field id="maxPrice" label={t('register.maxPrice')} type="number" min={0} inputMode="numeric" error={action.fields['preferences.maxPrice']} />
          </div>
          <Field id="minBedrooms" label={t('register.minBedrooms')} type="number" min={0} max={50} inputMode="numeric" error={action.fields['preferences.minBedrooms']} />
        </fieldset>
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('register.submit')}
        </button>
      </form>
      <p>
        <a href={href('/login')}>{t('register.login')}</a>
      </p>
    </Page>
  );
};

/** /verify?email=…: the 6-digit code from the registration email. */
export const VerifyPage = () => {
  const { client, t } = usePortal();
  const { route, query } = useLocation();
  const action = useAction();
  const resend = useAction();
  const [resent, setResent] = useState(false);
  const [email, setEmail] = useState(query.email ?? '');
  const submit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      await client.verifyEmail({ email: values.email, code: values.code.replace(/\s+/g, '') });
      route(href('/'));
    });
  };
  const again = () =>
    void resend.run(async () => {
      setResent(false);
      await client.resendCode(email);
      setResent(true);
    });
  return (
    <Page title={t('verify.title')} narrow>
      <p>{query.email ? t('verify.sent', { email: query.email }) : t('verify.sentAny')}</p>
      <form onSubmit={submit} noValidate class="card">
        <Field id="email" label={t('field.email')} type="email" autocomplete="email" required value={email} onInput={(event) => setEmail((event.currentTarget as HTMLInputElement).value)} error={action.fields.email} />
        <Field id="code" label={t('field.code')} inputMode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required error={action.fields.code} />
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('verify.submit')}
        </button>
        <button type="button" class="secondary" disabled={resend.busy || !email} onClick={again}>
          {t('verify.resend')}
        </button>
        <Notice kind="error">{resend.error}</Notice>
        <Notice kind="success">{resent ? t('verify.resent') : null}</Notice>
      </form>
    </Page>
  );
};

export const ForgotPasswordPage = () => {
  const { client, t } = usePortal();
  const { route } = useLocation();
  const action = useAction();
  const submit = (event: Event) => {
    const { email } = formValues(event);
    void action.run(async () => {
      await client.forgotPassword(email);
      route(href(`/reset-password?email=${encodeURIComponent(email)}`));
    });
  };
  return (
    <Page title={t('forgot.title')} narrow>
      <p>{t('forgot.intro')}</p>
      <form onSubmit={submit} noValidate class="card">
        <Field id="email" label={t('field.email')} type="email" autocomplete="email" required error={action.fields.email} />
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('forgot.submit')}
        </button>
      </form>
    </Page>
  );
};

export const ResetPasswordPage = () => {
  const { client, t } = usePortal();
  const { query } = useLocation();
  const action = useAction();
  const [done, setDone] = useState(false);
  const submit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      await client.resetPassword({ email: values.email, code: values.code.replace(/\s+/g, ''), password: values.password });
      setDone(true);
    });
  };
  if (done)
    return (
      <Page title={t('reset.title')} narrow>
        <Notice kind="success">{t('reset.done')}</Notice>
        <p>
          <a href={href('/login')}>{t('login.title')}</a>
        </p>
      </Page>
    );
  return (
    <Page title={t('reset.title')} narrow>
      <p>{t('reset.intro')}</p>
      <form onSubmit={submit} noValidate class="card">
        <Field id="email" label={t('field.email')} type="email" autocomplete="email" required defaultValue={query.email ?? undefined} error={action.fields.email} />
        <Field id="code" label={t('field.code')} inputMode="numeric" autocomplete="one-time-code" maxLength={7} required error={action.fields.code} />
        <PasswordField label={t('password.new')} error={action.fields.password} />
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('reset.submit')}
        </button>
      </form>
    </Page>
  );
};
