import type { ComponentChildren, PartialInputHTMLAttributes, JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { usePortal } from '../portal';
import { LANGUAGES } from '../i18n';

/** A page's main heading and content; the heading takes focus on arrival so screen readers hear the new page. */
export const Page = ({ title, children, narrow = false }: { title: string; children?: ComponentChildren; narrow?: boolean }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${document.documentElement.dataset.appName ?? 'Client portal'}`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section class={narrow ? 'page narrow' : 'page'} aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
};

/** A status or error line that assistive technology reads out when it changes. */
export const Notice = ({ kind = 'info', children }: { kind?: 'info' | 'error' | 'success'; children?: ComponentChildren }) =>
  children ? (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  ) : null;

export const Loading = () => {
  const { t } = usePortal();
  return (
    <p class="muted" role="status">
      {t('app.loading')}
    </p>
  );
};

/** A failed load, with the server's message and a retry. */
export const LoadError = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const { t } = usePortal();
  return (
    <div class="notice error" role="alert">
      <p>{t('app.error', { message: error instanceof Error ? error.message : String(error) })}</p>
      {retry && (
        <button type="button" class="secondary" onClick={retry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
};

type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'id'>;

/**
 * A labelled input with its help and its error (from the server, by field path), tied together for assistive
 * technology: the error is announced and the input marked invalid.
 */
export const Field = ({ id, label, help, error, required, children, ...input }: InputProps & { id: string; label: string; help?: string | null; error?: string | null; required?: boolean; children?: ComponentChildren }) => {
  const { t } = usePortal();
  const described = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <div class="field-label">
        <label for={id}>{label}</label>
        {/* Announced from the input's own `required`; shown for sighted users. */}
        {required && <span class="muted" aria-hidden="true"> {t('field.required')}</span>}
      </div>
      {children ?? <input id={id} name={id} required={required} aria-invalid={error ? true : undefined} aria-describedby={described} {...(input as Record<string, unknown>)} />}
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
};

/** The portal's languages, each named in its own language. */
export const LanguageField = ({ value, error, onChange }: { value: string; error?: string | null; onChange: (language: string) => void }) => {
  const { t } = usePortal();
  return (
    <Field id="language" label={t('field.language')} error={error}>
      <select id="language" name="language" value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </Field>
  );
};

/** A field's help and error under it, with the ids its input's `aria-describedby` names (`<id>-help`, `<id>-error`). */
export const FieldNotes = ({ id, help, error }: { id: string; help?: string | null; error?: string | null }) => (
  <>
    {help && (
      <p id={`${id}-help`} class="help">
        {help}
      </p>
    )}
    {error && (
      <p id={`${id}-error`} class="field-error">
        {error}
      </p>
    )}
  </>
);

/** Busy state, the error message and the per-field errors of one action (a form's submit, a button). */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await action();
    } catch (failure) {
      if (failure instanceof ApiError) {
        setFields(failure.fields);
        setError(failure.message);
      } else setError(failure instanceof Error ? failure.message : String(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, fields, run, setError };
};

/** Loads data for a page: `{ data, error, loading, reload }`. */
export const useLoad = <T,>(load: () => Promise<T>, deps: unknown[] = []) => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return { ...state, reload: () => setRound((value) => value + 1), set: (data: T) => setState({ data, loading: false }) };
};

/** The values of a submitted form as text. */
export const formValues = (event: Event) => {
  event.preventDefault();
  return Object.fromEntries([...new FormData(event.currentTarget as HTMLFormElement).entries()].map(([key, value]) => [key, typeof value === 'string' ? value : ''])) as Record<string, string>;
};
