import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { usePortalApi, type ActivityEntry } from '../../api';
import { formatDate } from '../../format';
import { PLUGIN_ID, t } from '../../pluginId';

/** The contact's latest portal activity, with a link to the whole feed. */
export const RecentActivity = ({ documentId, version }: { documentId: string; version: number }) => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  useEffect(() => {
    api.activities({ contact: documentId, pageSize: 5 }).then((answer) => setEntries(answer.data)).catch(() => setEntries(null));
  }, [api, documentId, version]);
  if (!entries) return null;
  return (
    <Box data-testid="recent-activity">
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {formatMessage({ id: t('panel.activity'), defaultMessage: 'Latest portal activity' })}
      </Typography>
      {entries.length === 0 ? (
        <Typography variant="pi" textColor="neutral600" tag="p">{formatMessage({ id: t('panel.activity.empty'), defaultMessage: 'Nothing yet' })}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1} tag="ul">
          {entries.map((entry) => (
            <li key={entry.documentId}>
              <Typography variant="pi" tag="p">{entry.summary}</Typography>
              <Typography variant="pi" textColor="neutral500" tag="p">{formatDate(entry.createdAt, locale)}</Typography>
            </li>
          ))}
        </Flex>
      )}
      <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/activity?contact=${documentId}`}>
        {formatMessage({ id: t('panel.activity.all'), defaultMessage: 'All activity' })}
      </Link>
    </Box>
  );
};
