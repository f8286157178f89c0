import { useIntl } from 'react-intl';
import { Badge } from '@strapi/design-system';
import type { FormSheet } from '../../api';
import { formatDate } from '../../format';
import { t } from '../../pluginId';

/** "Sent" or "Completed on <date>". */
export const SheetStatus = ({ sheet }: { sheet: Pick<FormSheet, 'status' | 'completedAt' | 'reopenedAt'> }) => {
  const { formatMessage, locale } = useIntl();
  const label = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: t(id), defaultMessage }, values);
  if (sheet.status === 'completed') {
    return <Badge backgroundColor="success100" textColor="success700">{label('forms.status.completed', 'Completed on {date}', { date: formatDate(sheet.completedAt, locale, false) })}</Badge>;
  }
  return <Badge>{sheet.reopenedAt ? label('forms.status.reopened', 'Reopened') : label('forms.status.sent', 'Sent')}</Badge>;
};
