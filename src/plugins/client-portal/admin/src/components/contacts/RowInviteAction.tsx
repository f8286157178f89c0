import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Loader, Modal, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type ContactStatus } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { t } from '../../pluginId';
import { InviteForm, type InviteContact } from './InviteForm';
import { STATUS_CHANGED } from './PortalStatusColumn';

export const RowInvite = ({ contact, onClose }: { contact: InviteContact; onClose: () => void }) => {
  const api = usePortalApi();
  const { formatMessage } = useIntl();
  const [status, setStatus] = useState<ContactStatus | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api.contactStatus(contact.documentId).then((answer) => setStatus(answer.status)).catch((error) => setFailed(errorMessage(error)));
  }, [api, contact.documentId]);
  if (failed) return <Typography textColor="danger600">{failed}</Typography>;
  if (!status) return <Loader small>{formatMessage({ id: t('invite.loading'), defaultMessage: 'Loading…' })}</Loader>;
  if (status === 'invited' || status === 'delivery_failed') {
    return <Typography>{formatMessage({ id: t('invite.alreadyPending'), defaultMessage: 'An invitation is already waiting for this contact: resend it from the contact or the Invitations page.' })}</Typography>;
  }
  return (
    <InviteForm
      contact={contact}
      hasAccount={status === 'active'}
      onCancel={onClose}
      onDone={() => {
        window.dispatchEvent(new Event(STATUS_CHANGED));
        onClose();
      }}
    />
  );
};

/** content-manager row action on contacts: "Send portal invite" opens the invite modal. */
export const RowInviteAction = ({ model, documentId, document }: { model: string; documentId?: string; document?: Record<string, any> }) => {
  const { formatMessage } = useIntl();
  const { allowedActions } = useRBAC(PERMISSIONS.invite);
  if (model !== 'api::contact.contact' || !documentId || !allowedActions.canCreate) return null;
  const contact = { documentId, firstName: document?.firstName ?? null, lastName: document?.lastName ?? null, email: document?.email ?? null };
  const title = formatMessage({ id: t('row.invite'), defaultMessage: 'Send portal invite' });
  return {
    label: title,
    icon: <Mail />,
    position: 'table-row' as const,
    dialog: {
      type: 'modal' as const,
      title,
      content: ({ onClose }: { onClose: () => void }) => (
        <Modal.Body>
          <RowInvite contact={contact} onClose={onClose} />
        </Modal.Body>
      ),
    },
  };
};
