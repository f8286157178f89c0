import { useIntl } from 'react-intl';
import { Flex, Link, Typography } from '@strapi/design-system';
import type { FormSheet } from '../../api';
import { t } from '../../pluginId';

/** A client's answers as "Label: answer" lines; files as signed links (checked again when opened). */
export const SheetAnswers = ({ sheet }: { sheet: Pick<FormSheet, 'answers'> }) => {
  const { formatMessage } = useIntl();
  return (
    <Flex tag="dl" direction="column" alignItems="flex-start" gap={1}>
      {sheet.answers.map((answer) => (
        <Flex key={answer.key} gap={1} alignItems="baseline">
          <Typography tag="dt" fontWeight="semiBold">{answer.label}:</Typography>
          <Typography tag="dd">
            {answer.file ? (
              <Link href={answer.file.url} isExternal>{answer.file.name}</Link>
            ) : answer.text ? (
              answer.text
            ) : (
              <Typography textColor="neutral500">{formatMessage({ id: t('forms.answer.none'), defaultMessage: 'No answer' })}</Typography>
            )}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
};
