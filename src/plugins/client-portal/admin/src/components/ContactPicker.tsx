import { useEffect, useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { t } from '../pluginId';
import { contactLabel, useContactSearch, type ContactOption } from './options';

/** Picks one contact, searched in the content manager as the agent types. */
export const ContactPicker = ({
  label,
  value,
  onChange,
  error,
  hint,
  exclude = [],
}: {
  label: string;
  value: ContactOption | null;
  onChange: (contact: ContactOption | null) => void;
  error?: string;
  hint?: string;
  /** Contacts not to offer (e.g. the group's members). */
  exclude?: string[];
}) => {
  const { formatMessage } = useIntl();
  const search = useContactSearch();
  const [text, setText] = useState<string | undefined>();
  // Cleared from outside (e.g. after the contact was added): the box empties for the next one.
  useEffect(() => {
    if (!value) setText('');
  }, [value]);
  const options = search.options.filter((option) => !exclude.includes(option.documentId));
  return (
    <Field.Root name="contact" error={error} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        autocomplete={{ type: 'list', filter: 'contains' }}
        placeholder={formatMessage({ id: t('picker.contact.placeholder'), defaultMessage: 'Search by name or email' })}
        value={value?.documentId ?? ''}
        textValue={text ?? (value ? contactLabel(value) : '')}
        onTextValueChange={(next: string) => setText(next)}
        onInputChange={(event: ChangeEvent<HTMLInputElement>) => search.search(event.currentTarget.value)}
        onOpenChange={(open: boolean) => open && search.search(text ?? '')}
        loading={search.loading}
        loadingMessage={formatMessage({ id: t('picker.contact.searching'), defaultMessage: 'Searching contacts…' })}
        noOptionsMessage={() => formatMessage({ id: t('picker.contact.none'), defaultMessage: 'No contact found' })}
        onChange={(documentId?: string) => {
          setText(undefined);
          onChange(options.find((option) => option.documentId === documentId) ?? null);
        }}
        onClear={() => {
          setText(undefined);
          onChange(null);
        }}
        clearLabel={formatMessage({ id: t('picker.contact.clear'), defaultMessage: 'Clear the contact' })}
      >
        {options.map((option) => (
          <ComboboxOption key={option.documentId} value={option.documentId} textValue={contactLabel(option)}>
            {contactLabel(option)}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
