import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { usePortalApi, type PortalForm } from '../api';
import { t } from '../pluginId';

const NONE = '__none__';

/** The forms agents can send with an invitation (null while loading; empty when there are none or they can't be read). */
export const useForms = () => {
  const api = usePortalApi();
  const [forms, setForms] = useState<PortalForm[] | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .forms({ pageSize: 100 })
      .then((answer) => alive && setForms(answer.data))
      .catch(() => alive && setForms([]));
    return () => {
      alive = false;
    };
  }, [api]);
  return forms;
};

/** "Form to fill in": none, or one of the office's forms — the client's next step after accepting. Hidden when there are no forms. */
export const FormSelect = ({ value, onChange, error }: { value: string | null; onChange: (value: string | null) => void; error?: string }) => {
  const { formatMessage } = useIntl();
  const forms = useForms();
  if (!forms?.length) return null;
  return (
    <Field.Root name="form" error={error} hint={formatMessage({ id: t('forms.select.hint'), defaultMessage: 'The client fills it in right after accepting the invitation.' })}>
      <Field.Label>{formatMessage({ id: t('forms.select.label'), defaultMessage: 'Form to fill in (optional)' })}</Field.Label>
      <SingleSelect value={value ?? NONE} onChange={(next: string | number) => onChange(String(next) === NONE ? null : String(next))}>
        <SingleSelectOption value={NONE}>{formatMessage({ id: t('forms.select.none'), defaultMessage: 'No form' })}</SingleSelectOption>
        {forms.map((form) => (
          <SingleSelectOption key={form.documentId} value={form.documentId}>{form.title}</SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
