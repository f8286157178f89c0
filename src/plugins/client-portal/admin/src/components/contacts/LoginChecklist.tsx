import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';
import { errorMessage, usePortalApi } from '../../api';
import { t } from '../../pluginId';

interface Check { key: string; ok: boolean; message: string }

/** "Why can't this client log in?": each cause the server checks, ticked or crossed. */
export const LoginChecklist = ({ documentId, version }: { documentId: string; version: number }) => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const [checks, setChecks] = useState<{ canLogIn: boolean; checks: Check[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api.loginCheck(documentId).then(setChecks).catch((error) => setFailed(errorMessage(error)));
  }, [api, documentId, version]);
  if (failed) return <Typography variant="pi" textColor="danger600">{failed}</Typography>;
  if (!checks) return null;
  return (
    <Box data-testid="login-checklist">
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {formatMessage({ id: t('panel.checklist'), defaultMessage: 'Can this client log in?' })}
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1} tag="ul">
        {checks.checks.map((check) => (
          <Flex key={check.key} gap={2} alignItems="flex-start" tag="li">
            {check.ok ? <CheckCircle fill="success600" aria-hidden /> : <CrossCircle fill="danger600" aria-hidden />}
            <Typography variant="pi" textColor={check.ok ? 'neutral800' : 'danger600'}>{check.message}</Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
};
