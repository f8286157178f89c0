import { useIntl } from 'react-intl';
import { Box, Checkbox, Flex, Typography } from '@strapi/design-system';
import { t } from '../pluginId';
import { humanizeFlag } from './options';

/**
 * The role's permissions as checkboxes; what the agent changes becomes the invitee's overrides (only the differences
 * from the role are sent, so a later change of the role still reaches everything the agent left alone).
 */
export const PermissionChecks = ({ flags, base, overrides, onChange }: {
  flags: string[];
  base: Record<string, boolean>;
  overrides: Record<string, boolean>;
  onChange: (overrides: Record<string, boolean>) => void;
}) => {
  const { formatMessage } = useIntl();
  const toggle = (flag: string, value: boolean) => {
    const next = { ...overrides };
    if (value === !!base[flag]) delete next[flag];
    else next[flag] = value;
    onChange(next);
  };
  return (
    <Box>
      <Typography variant="pi" fontWeight="bold" tag="p">
        {formatMessage({ id: t('invite.permissions'), defaultMessage: 'What this client may do' })}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {formatMessage({ id: t('invite.permissions.hint'), defaultMessage: 'Ticked as the role allows; change a box to make an exception for this client.' })}
      </Typography>
      <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2}>
        {flags.map((flag) => {
          const value = flag in overrides ? overrides[flag] : !!base[flag];
          return (
            <Checkbox key={flag} name={`permission-${flag}`} checked={value} onCheckedChange={(checked: boolean | 'indeterminate') => toggle(flag, checked === true)}>
              {formatMessage({ id: t(`permission.${flag}`), defaultMessage: humanizeFlag(flag) })}
              {flag in overrides ? ` ${formatMessage({ id: t('invite.permissions.changed'), defaultMessage: '(changed)' })}` : ''}
            </Checkbox>
          );
        })}
      </Flex>
    </Box>
  );
};
