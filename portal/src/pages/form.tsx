import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { FormField, PortalForm } from '../api/types';
import { Field, FieldNotes, LoadError, Loading, Notice, Page, useAction, useLoad } from '../components/ui';
import { href, usePortal } from '../portal';
import { answerErrors, boundsOf, collectAnswers, isFile } from '../logic/forms';

const boundsHelp = (field: FormField, t: ReturnType<typeof usePortal>['t']) => {
  if (field.type === 'checkbox' || field.type === 'file' || field.type === 'choice') return null;
  const { min, max } = boundsOf(field);
  if (min != null && max != null) return t('form.between', { min, max });
  if (min != null) return t('form.atLeast', { min });
  if (max != null) return t('form.atMost', { max });
  return null;
};

/** One field of the form, as its type asks, with its help, bounds and the server's error under it. */
const FormInput = ({ field, form, error }: { field: FormField; form: PortalForm; error?: string }) => {
  const { t } = usePortal();
  const id = `field-${field.key}`;
  const given = form.answers?.[field.key];
  const help = [field.help, boundsHelp(field, t), field.type === 'file' ? t('form.fileHelp') : null, field.type === 'file' && isFile(given) ? t('form.keepFile', { name: given.name ?? '' }) : null].filter(Boolean).join(' ');
  const invalid = error ? true : undefined;
  const described = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.key, 'aria-invalid': invalid, 'aria-describedby': described };
  const text = typeof given === 'string' || typeof given === 'number' ? String(given) : '';

  if (field.type === 'choice' || field.type === 'multiChoice' || field.type === 'checkbox') {
    const multiple = field.type === 'multiChoice';
    return (
      <fieldset class={error ? 'field invalid' : 'field'} aria-describedby={described}>
        <legend>
          {field.label}
          {field.required && <span class="muted"> {t('field.required')}</span>}
        </legend>
        {field.type === 'checkbox' ? (
          <label class="check">
            <input type="checkbox" name={field.key} defaultChecked={given === true} aria-invalid={invalid} /> {t('form.yes')}
          </label>
        ) : (
          (field.options ?? []).map((option) => (
            <label key={option} class="check">
              <input type={multiple ? 'checkbox' : 'radio'} name={field.key} value={option} defaultChecked={multiple ? Array.isArray(given) && given.includes(option) : given === option} aria-invalid={invalid} /> {option}
            </label>
          ))
        )}
        <FieldNotes id={id} help={help} error={error} />
      </fieldset>
    );
  }
  return (
    <Field id={id} label={field.label} required={field.required} help={help} error={error}>
      {field.type === 'longText' ? (
        <textarea {...common} rows={5} defaultValue={text} />
      ) : field.type === 'file' ? (
        <input {...common} type="file" accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" />
      ) : field.type === 'number' ? (
        <input {...common} type="text" inputMode="decimal" defaultValue={text} />
      ) : field.type === 'date' ? (
        <input {...common} type="date" defaultValue={text} min={typeof field.min === 'string' ? field.min : undefined} max={typeof field.max === 'string' ? field.max : undefined} />
      ) : (
        <input {...common} type="text" defaultValue={text} />
      )}
    </Field>
  );
};

/** /form?id=…: a form the agent sent with the invitation. Answered once; the agent may reopen it. */
export const FormPage = () => {
  const { client, t, fmt, refreshMe } = usePortal();
  const { query } = useLocation();
  const id = query.id ?? '';
  const loaded = useLoad(() => client.form(id), [id]);
  const action = useAction();
  const [sent, setSent] = useState(false);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const form = loaded.data;
  const errors = answerErrors(action.fields);
  const submit = (event: Event) => {
    event.preventDefault();
    const { answers, files } = collectAnswers(form.fields, new FormData(event.currentTarget as HTMLFormElement));
    void action.run(async () => {
      loaded.set(await client.answerForm(form.documentId, answers, files));
      setSent(true);
      await refreshMe();
    });
  };
  return (
    <Page title={form.title}>
      {form.description && <p class="muted">{form.description}</p>}
      {form.status === 'completed' ? (
        <>
          <Notice kind="success">{sent ? t('form.sent') : t('form.done', { date: fmt.date(form.completedAt) })}</Notice>
          <p>
            <a href={href('/')}>{t('app.home')}</a>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate class="card">
          {form.reopenedAt && <Notice>{t('form.reopened')}</Notice>}
          {form.fields.map((field) => (
            <FormInput key={field.key} field={field} form={form} error={errors[field.key]} />
          ))}
          <Notice kind="error">{action.error ? (Object.keys(errors).length ? t('form.fix') : action.error) : null}</Notice>
          <button type="submit" disabled={action.busy}>
            {t('form.send')}
          </button>
        </form>
      )}
    </Page>
  );
};
