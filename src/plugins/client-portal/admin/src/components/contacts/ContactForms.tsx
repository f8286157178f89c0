import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { usePortalApi, type FormSheet } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID, t } from '../../pluginId';
import { SheetAnswers } from '../forms/SheetAnswers';
import { SheetStatus } from '../forms/SheetStatus';

/** The forms sent to this contact, each with its status and the answers given (for agents who may read them). */
export const ContactForms = ({ documentId, version }: { documentId: string; version: number }) => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const { isLoading, allowedActions: { canAnswers } } = useRBAC({ answers: PERMISSIONS.readFormAnswers });
  const [sheets, setSheets] = useState<FormSheet[] | null>(null);
  useEffect(() => {
    if (isLoading || !canAnswers) return;
    api.contactForms(documentId).then(setSheets).catch(() => setSheets(null));
  }, [api, documentId, version, isLoading, canAnswers]);
  if (!sheets?.length) return null;
  return (
    <Box data-testid="contact-forms">
      <Typography variant="sigma" textColor="neutral600" tag="h3">{formatMessage({ id: t('panel.forms'), defaultMessage: 'Forms' })}</Typography>
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={1} tag="ul">
        {sheets.map((sheet) => (
          <li key={sheet.documentId}>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/forms/${sheet.form?.documentId}`}>{sheet.form?.title}</Link>
              <SheetStatus sheet={sheet} />
              {sheet.status === 'completed' ? <SheetAnswers sheet={sheet} /> : null}
            </Flex>
          </li>
        ))}
      </Flex>
    </Box>
  );
};
