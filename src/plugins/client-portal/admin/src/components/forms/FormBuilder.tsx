import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Checkbox, Field, Flex, Grid, IconButton, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { errorDetails, errorMessage, type FormField, type FormFieldType, type PortalForm } from '../../api';
import { t } from '../../pluginId';
import { FormPreview } from './FormPreview';

export const FIELD_TYPES: Array<{ type: FormFieldType; label: string }> = [
  { type: 'text', label: 'Short text' },
  { type: 'longText', label: 'Long text' },
  { type: 'number', label: 'Number' },
  { type: 'date', label: 'Date' },
  { type: 'choice', label: 'Single choice' },
  { type: 'multiChoice', label: 'Multiple choice' },
  { type: 'checkbox', label: 'Checkbox' },
  { type: 'file', label: 'File upload' },
];

/** A field while it is edited: limits and options as typed. */
interface Draft {
  id: number;
  key?: string;
  label: string;
  help: string;
  type: FormFieldType;
  required: boolean;
  min: string;
  max: string;
  options: string;
}

const HAS_LIMITS: FormFieldType[] = ['text', 'longText', 'number', 'date', 'multiChoice'];
const HAS_OPTIONS: FormFieldType[] = ['choice', 'multiChoice'];

/** A field key from its label: "Move-in date" → "moveInDate", unique in the form. */
export const keyFor = (label: string, taken: Set<string>) => {
  const words = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let base = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('').slice(0, 40);
  if (!/^[a-z]/.test(base)) base = `field${base}`.slice(0, 40);
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}${n}`;
  return key;
};

let nextId = 1;
const draftOf = (field?: FormField): Draft => ({
  id: nextId++,
  key: field?.key,
  label: field?.label ?? '',
  help: field?.help ?? '',
  type: field?.type ?? 'text',
  required: !!field?.required,
  min: field?.min == null ? '' : String(field.min),
  max: field?.max == null ? '' : String(field.max),
  options: (field?.options ?? []).join('\n'),
});

/** The fields as the API takes them: keys kept (answers refer to them) or made from labels. */
export const fieldsOf = (drafts: Draft[]): FormField[] => {
  const taken = new Set(drafts.map((draft) => draft.key).filter(Boolean) as string[]);
  return drafts.map((draft) => {
    const key = draft.key ?? keyFor(draft.label, taken);
    taken.add(key);
    const bound = (value: string) => (value.trim() === '' || !HAS_LIMITS.includes(draft.type) ? null : draft.type === 'date' ? value.trim() : Number(value));
    return {
      key,
      label: draft.label.trim(),
      help: draft.help.trim() || null,
      type: draft.type,
      required: draft.required,
      min: bound(draft.min),
      max: bound(draft.max),
      options: HAS_OPTIONS.includes(draft.type) ? draft.options.split('\n').map((option) => option.trim()).filter(Boolean) : null,
    };
  });
};

type Errors = Record<string, string>;

/**
 * The form builder: title, description and fields (label, help, type, required, limits, options), moved up and down,
 * with a preview of what the client will see. `onSave` gets the form as the API takes it; a 400 from the server is
 * shown under the field it names (`fields.2.options`).
 */
export const FormBuilder = ({ form, onSave, onCancel }: { form?: PortalForm | null; onSave: (body: { title: string; description: string | null; fields: FormField[] }) => Promise<void>; onCancel: () => void }) => {
  const { formatMessage } = useIntl();
  const label = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage }, values);
  const [title, setTitle] = useState(form?.title ?? '');
  const [description, setDescription] = useState(form?.description ?? '');
  const [drafts, setDrafts] = useState<Draft[]>(() => (form?.fields.length ? form.fields.map(draftOf) : [draftOf()]));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState(false);

  const change = (id: number, patch: Partial<Draft>) => setDrafts((current) => current.map((draft) => (draft.id === id ? { ...draft, ...patch } : draft)));
  const move = (index: number, by: -1 | 1) =>
    setDrafts((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved);
      return next;
    });
  const remove = (id: number) => setDrafts((current) => current.filter((draft) => draft.id !== id));
  const typeName = (type: FormFieldType) => label(`forms.type.${type}`, FIELD_TYPES.find((entry) => entry.type === type)!.label);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (!title.trim()) missing.title = label('forms.title.required', 'Give the form a title');
    drafts.forEach((draft, index) => {
      if (!draft.label.trim()) missing[`fields.${index}.label`] = label('forms.field.label.required', 'Give the field a label');
      if (HAS_OPTIONS.includes(draft.type) && !draft.options.trim()) missing[`fields.${index}.options`] = label('forms.field.options.required', 'List at least one option');
    });
    if (!drafts.length) missing.fields = label('forms.fields.required', 'Add at least one field');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setSaving(true);
    try {
      await onSave({ title: title.trim(), description: description.trim() || null, fields: fieldsOf(drafts) });
    } catch (failure) {
      const list = (errorDetails(failure).errors ?? []) as Array<{ path: string[]; message: string }>;
      if (list.length) setErrors(Object.fromEntries(list.map((entry) => [entry.path.join('.'), entry.message])));
      else setErrors({ form: errorMessage(failure) });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (index: number, name: string) => errors[`fields.${index}.${name}`];

  return (
    <form onSubmit={submit} noValidate aria-label={label('forms.builder', 'Form builder')}>
      <Flex direction="column" alignItems="stretch" gap={6}>
        {errors.form ? <Typography textColor="danger600" role="alert">{errors.form}</Typography> : null}
        <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="title" error={errors.title} required>
              <Field.Label>{label('forms.title', 'Title')}</Field.Label>
              <TextInput value={title} placeholder={label('forms.title.placeholder', 'e.g. Buyer intake')} onChange={(event: ChangeEvent<HTMLInputElement>) => setTitle(event.target.value)} />
              <Field.Error />
            </Field.Root>
            <Field.Root name="description" hint={label('forms.description.hint', 'Shown to the client above the fields.')}>
              <Field.Label>{label('forms.description', 'Description')}</Field.Label>
              <Textarea value={description} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setDescription(event.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Box>

        {drafts.map((draft, index) => {
          const name = draft.label.trim() || label('forms.field.number', 'field {number}', { number: index + 1 });
          return (
            <Box key={draft.id} background="neutral0" padding={6} shadow="tableShadow" hasRadius data-testid={`field-${index}`}>
              <Flex justifyContent="space-between" paddingBottom={4}>
                <Typography variant="delta" tag="h3">{label('forms.field.heading', 'Field {number}: {type}', { number: index + 1, type: typeName(draft.type) })}</Typography>
                <Flex gap={1}>
                  <IconButton variant="ghost" label={label('forms.field.up', 'Move {name} up', { name })} disabled={index === 0} onClick={() => move(index, -1)}><ArrowUp /></IconButton>
                  <IconButton variant="ghost" label={label('forms.field.down', 'Move {name} down', { name })} disabled={index === drafts.length - 1} onClick={() => move(index, 1)}><ArrowDown /></IconButton>
                  <IconButton variant="ghost" label={label('forms.field.remove', 'Remove {name}', { name })} disabled={drafts.length === 1} onClick={() => remove(draft.id)}><Trash /></IconButton>
                </Flex>
              </Flex>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`fields.${index}.label`} error={fieldError(index, 'label') ?? fieldError(index, 'key')} required>
                    <Field.Label>{label('forms.field.label', 'Label')}</Field.Label>
                    <TextInput value={draft.label} onChange={(event: ChangeEvent<HTMLInputElement>) => change(draft.id, { label: event.target.value })} />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`fields.${index}.type`} error={fieldError(index, 'type')}>
                    <Field.Label>{label('forms.field.type', 'Type')}</Field.Label>
                    <SingleSelect value={draft.type} onChange={(value: string | number) => change(draft.id, { type: String(value) as FormFieldType, min: '', max: '' })}>
                      {FIELD_TYPES.map((entry) => <SingleSelectOption key={entry.type} value={entry.type}>{typeName(entry.type)}</SingleSelectOption>)}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Field.Root name={`fields.${index}.help`} error={fieldError(index, 'help')} hint={label('forms.field.help.hint', 'Shown under the field, to explain what you need.')}>
                    <Field.Label>{label('forms.field.help', 'Help text')}</Field.Label>
                    <TextInput value={draft.help} onChange={(event: ChangeEvent<HTMLInputElement>) => change(draft.id, { help: event.target.value })} />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                {HAS_LIMITS.includes(draft.type) ? (
                  <>
                    {(['min', 'max'] as const).map((bound) => (
                      <Grid.Item key={bound} col={6} s={12} direction="column" alignItems="stretch">
                        <Field.Root name={`fields.${index}.${bound}`} error={fieldError(index, bound)} hint={label(`forms.field.${bound}.hint.${draft.type}`, boundHint(draft.type, bound))}>
                          <Field.Label>{bound === 'min' ? label('forms.field.min', 'Minimum') : label('forms.field.max', 'Maximum')}</Field.Label>
                          <TextInput type={draft.type === 'date' ? 'date' : 'number'} value={draft[bound]} onChange={(event: ChangeEvent<HTMLInputElement>) => change(draft.id, { [bound]: event.target.value })} />
                          <Field.Hint />
                          <Field.Error />
                        </Field.Root>
                      </Grid.Item>
                    ))}
                  </>
                ) : null}
                {HAS_OPTIONS.includes(draft.type) ? (
                  <Grid.Item col={12} direction="column" alignItems="stretch">
                    <Field.Root name={`fields.${index}.options`} error={fieldError(index, 'options')} hint={label('forms.field.options.hint', 'One option per line.')} required>
                      <Field.Label>{label('forms.field.options', 'Options')}</Field.Label>
                      <Textarea value={draft.options} onChange={(event: ChangeEvent<HTMLTextAreaElement>) => change(draft.id, { options: event.target.value })} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                ) : null}
                <Grid.Item col={12}>
                  <Checkbox checked={draft.required} onCheckedChange={(checked: boolean | 'indeterminate') => change(draft.id, { required: checked === true })}>
                    {draft.type === 'checkbox' ? label('forms.field.requiredTick', 'Must be ticked') : label('forms.field.required', 'Required')}
                  </Checkbox>
                </Grid.Item>
              </Grid.Root>
            </Box>
          );
        })}
        {errors.fields ? <Typography textColor="danger600">{errors.fields}</Typography> : null}

        <Flex gap={2} wrap="wrap">
          <Button type="button" variant="secondary" startIcon={<Plus />} onClick={() => setDrafts((current) => [...current, draftOf()])}>{label('forms.field.add', 'Add field')}</Button>
          <Button type="button" variant="tertiary" onClick={() => setPreview((shown) => !shown)} aria-expanded={preview}>
            {preview ? label('forms.preview.hide', 'Hide preview') : label('forms.preview.show', 'Preview')}
          </Button>
        </Flex>
        {preview ? <FormPreview title={title} description={description} fields={fieldsOf(drafts)} /> : null}

        <Flex gap={2} justifyContent="flex-end">
          <Button type="button" variant="tertiary" onClick={onCancel}>{label('forms.cancel', 'Cancel')}</Button>
          <Button type="submit" loading={saving}>{label('forms.save', 'Save form')}</Button>
        </Flex>
      </Flex>
    </form>
  );
};

/** What a limit means for a field type. */
const boundHint = (type: FormFieldType, bound: 'min' | 'max') => {
  const which = bound === 'min' ? 'Fewest' : 'Most';
  switch (type) {
    case 'number':
      return bound === 'min' ? 'Smallest number accepted' : 'Largest number accepted';
    case 'date':
      return bound === 'min' ? 'Earliest date accepted' : 'Latest date accepted';
    case 'multiChoice':
      return `${which} options the client may pick`;
    default:
      return `${which} characters`;
  }
};
