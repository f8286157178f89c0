import { useIntl } from 'react-intl';
import { Box, Checkbox, Field, Flex, Radio, TextInput, Textarea, Typography } from '@strapi/design-system';
import type { FormField } from '../../api';
import { t } from '../../pluginId';

type Say = (id: string, text: string, values?: Record<string, string | number>) => string;

/** What the limits of a field mean to the client, in words ("3 to 60 characters", "at most 2 choices"). */
export const limitsText = (field: FormField, say: Say) => {
  const min = field.min === '' ? null : (field.min ?? null);
  const max = field.max === '' ? null : (field.max ?? null);
  if (min == null && max == null) return null;
  const unit =
    field.type === 'text' || field.type === 'longText'
      ? say('forms.unit.characters', 'characters')
      : field.type === 'multiChoice'
        ? say('forms.unit.choices', 'choices')
        : '';
  if (min != null && max != null) return say('forms.limits.between', '{min} to {max} {unit}', { min, max, unit }).trim();
  if (min != null) return say('forms.limits.min', 'at least {min} {unit}', { min, unit }).trim();
  return say('forms.limits.max', 'at most {max} {unit}', { max: max!, unit }).trim();
};

/** One field as the client will see it (inputs disabled: a preview). */
const PreviewField = ({ field }: { field: FormField }) => {
  const { formatMessage } = useIntl();
  const say: Say = (id, text, values) => formatMessage({ id: t(id), defaultMessage: text }, values);
  const limits = limitsText(field, say);
  const hint = [field.help, limits].filter(Boolean).join(' · ') || undefined;
  const name = `preview-${field.key}`;
  const title = field.label || say('forms.preview.untitled', 'Untitled field');
  if (field.type === 'checkbox') {
    return (
      <Field.Root name={name} hint={hint} required={field.required}>
        <Checkbox disabled>{title}</Checkbox>
        <Field.Hint />
      </Field.Root>
    );
  }
  const control = (() => {
    switch (field.type) {
      case 'longText':
        return <Textarea disabled />;
      case 'choice':
        return (
          <Radio.Group disabled aria-label={title}>
            {(field.options ?? []).map((option) => <Radio.Item key={option} value={option}>{option}</Radio.Item>)}
          </Radio.Group>
        );
      case 'multiChoice':
        return (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {(field.options ?? []).map((option) => <Checkbox key={option} disabled>{option}</Checkbox>)}
          </Flex>
        );
      case 'file':
        return <Typography variant="pi" textColor="neutral600">{say('forms.preview.file', 'The client picks a picture or PDF (at most 10 MB).')}</Typography>;
      default:
        return <TextInput disabled type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'} />;
    }
  })();
  return (
    <Field.Root name={name} hint={hint} required={field.required}>
      <Field.Label>{title}</Field.Label>
      {control}
      <Field.Hint />
    </Field.Root>
  );
};

/** The whole form as the client will see it after accepting the invitation. */
export const FormPreview = ({ title, description, fields }: { title: string; description?: string | null; fields: FormField[] }) => {
  const { formatMessage } = useIntl();
  return (
    <Box background="neutral100" padding={6} hasRadius data-testid="form-preview">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="beta" tag="h2">{title || formatMessage({ id: t('forms.preview.untitledForm'), defaultMessage: 'Untitled form' })}</Typography>
        {description ? <Typography tag="p">{description}</Typography> : null}
        {fields.map((field, index) => <PreviewField key={`${field.key}-${index}`} field={field} />)}
      </Flex>
    </Box>
  );
};
