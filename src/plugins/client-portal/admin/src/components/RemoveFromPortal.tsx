import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Dialog, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../api';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

/**
 * *Remove from portal* with its confirmation: the account is deactivated at once (every session ends), pending
 * invitations are revoked, history is kept, and the contact can be invited again later. Shown only to agents holding
 * the `portal-users.remove` action.
 */
export const RemoveFromPortal = ({
  contact,
  name,
  onRemoved,
  size = 'S',
  fullWidth = false,
}: {
  contact: string;
  name: string;
  onRemoved: () => void;
  size?: 'S' | 'M';
  fullWidth?: boolean;
}) => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  const { allowedActions: { canRemove } } = useRBAC(PERMISSIONS.removePortalAccess);
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState(false);
  if (!canRemove) return null;

  const label = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage }, values);
  const confirm = async () => {
    setWorking(true);
    try {
      const removal = await api.removePortalAccess(contact);
      toggleNotification({
        type: 'success',
        message: label('remove.done', '{name} was removed from the portal{count, plural, =0 {} one { and # pending invitation revoked} other { and # pending invitations revoked}}', { name, count: removal.revokedInvitations.length }),
      });
      setOpen(false);
      onRemoved();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setWorking(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next: boolean) => (working ? undefined : setOpen(next))}>
      <Dialog.Trigger>
        <Button variant="danger-light" size={size} fullWidth={fullWidth}>
          {label('remove.button', 'Remove from portal')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{label('remove.title', 'Remove {name} from the portal?', { name })}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Typography tag="p" textAlign="center">
            {label(
              'remove.body',
              'Their account is deactivated at once and they are signed out everywhere. Pending invitations are revoked and group memberships end. Their notes, photos, answers and history stay. You can invite them again later: accepting brings back the same account.',
            )}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={working}>
              {label('remove.cancel', 'Cancel')}
            </Button>
          </Dialog.Cancel>
          <Button fullWidth variant="danger" loading={working} onClick={confirm}>
            {label('remove.confirm', 'Remove from portal')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
