import { Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';

interface BulkResult {
  invited: Array<{ contact: string }>;
  skipped: Array<{ contact: string; reason: string; message: string }>;
}

/** content-manager list-view bulk action on contacts: invite the selected contacts with the default role. */
export const BulkInviteAction = ({ model, documents }: { model: string; documents: Array<{ documentId: string }> }) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.invite);
  if (model !== 'api::contact.contact' || !allowedActions.canCreate) return null;

  return {
    label: 'Send portal invites',
    variant: 'secondary',
    dialog: {
      type: 'dialog',
      title: 'Send portal invites',
      content: <Typography>{`Invite the ${documents.length} selected contact(s) to the client portal as buyers?`}</Typography>,
      confirmLabel: 'Send invites',
      onConfirm: async () => {
        try {
          const { data } = await post<{ data: BulkResult }>('/client-portal/invitations/bulk', {
            contacts: documents.map((document) => document.documentId),
            portalRole: 'buyer',
          });
          const reasons = [...new Set(data.data.skipped.map((skip) => skip.message))].join('; ');
          toggleNotification({
            type: data.data.invited.length ? 'success' : 'warning',
            message: `Invited ${data.data.invited.length}, skipped ${data.data.skipped.length}${reasons ? ` (${reasons})` : ''}`,
          });
        } catch (error: any) {
          toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? 'The invites could not be sent' });
        }
      },
    },
  };
};
