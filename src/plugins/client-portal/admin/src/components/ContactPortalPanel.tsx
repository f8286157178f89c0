import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { t } from '../pluginId';

interface PortalStatus {
  status: 'not_invited' | 'invited' | 'active' | 'expired' | 'revoked' | 'delivery_failed';
  label: string;
  account: { documentId: string; lastLoginAt: string | null; portalStatus: string; blocked: boolean } | null;
  invitation: {
    documentId: string;
    status: string;
    sentAt: string | null;
    createdAt: string;
    expiresAt: string;
    deliveryError: string | null;
    portalRole: { key: string; name: string } | null;
  } | null;
}

interface Role {
  key: string;
  name: string;
}

const BADGE: Record<PortalStatus['status'], { background: string; color: string }> = {
  not_invited: { background: 'neutral150', color: 'neutral600' },
  invited: { background: 'secondary100', color: 'secondary700' },
  active: { background: 'success100', color: 'success700' },
  expired: { background: 'warning100', color: 'warning700' },
  revoked: { background: 'neutral150', color: 'neutral700' },
  delivery_failed: { background: 'danger100', color: 'danger700' },
};

const date = (value: string | null | undefined) => (value ? new Date(value).toLocaleString() : '—');

/** Portal status of one contact, with invite / resend / revoke / create-user controls (each behind its RBAC action). */
export const ContactPortalStatus = ({ documentId }: { documentId: string }) => {
  const { formatMessage } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // useRBAC names actions by their last segment ("invitations.create" and "portal-users.create" are both
  // canCreate), so each action is checked on its own.
  const allowedActions = {
    canInvite: useRBAC(PERMISSIONS.invite).allowedActions.canCreate,
    canResend: useRBAC(PERMISSIONS.resend).allowedActions.canResend,
    canRevoke: useRBAC(PERMISSIONS.revoke).allowedActions.canRevoke,
    canCreatePortalUser: useRBAC(PERMISSIONS.createPortalUser).allowedActions.canCreate,
  };

  const [status, setStatus] = useState<PortalStatus | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [role, setRole] = useState<string>('buyer');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data } = await get<{ data: PortalStatus }>(`/client-portal/contacts/${documentId}/portal-status`);
    setStatus(data.data);
  }, [get, documentId]);

  useEffect(() => {
    load().catch(() => setStatus(null));
    get<{ data: Role[] }>('/client-portal/roles')
      .then(({ data }) => setRoles(data.data))
      .catch(() => setRoles([]));
  }, [load, get]);

  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
      await load();
    } catch (error: any) {
      const message = error?.response?.data?.error?.message ?? error?.message ?? 'Something went wrong';
      toggleNotification({ type: 'danger', message });
    } finally {
      setBusy(false);
    }
  };

  if (!status) return <Typography variant="pi" textColor="neutral600">{formatMessage({ id: t('panel.loading'), defaultMessage: 'Loading portal status…' })}</Typography>;

  const colours = BADGE[status.status];
  const pending = status.invitation && status.invitation.status === 'pending' && ['invited', 'delivery_failed'].includes(status.status);

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} wrap="wrap">
        <Badge backgroundColor={colours.background} textColor={colours.color} data-testid="portal-status">
          {status.label}
        </Badge>
      </Flex>
      {status.status === 'active' && status.account ? (
        <Typography variant="pi">{formatMessage({ id: t('panel.lastLogin'), defaultMessage: 'Last login: {date}' }, { date: date(status.account.lastLoginAt) })}</Typography>
      ) : null}
      {status.invitation && status.status !== 'active' ? (
        <Box>
          <Typography variant="pi" tag="p">
            {formatMessage({ id: t('panel.invited'), defaultMessage: 'Invited {date} as {role}' }, { date: date(status.invitation.sentAt ?? status.invitation.createdAt), role: status.invitation.portalRole?.name ?? '' })}
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {formatMessage({ id: t('panel.expires'), defaultMessage: 'Link valid until {date}' }, { date: date(status.invitation.expiresAt) })}
          </Typography>
          {status.invitation.deliveryError ? (
            <Typography variant="pi" tag="p" textColor="danger600">{status.invitation.deliveryError}</Typography>
          ) : null}
        </Box>
      ) : null}

      {!status.account && !pending && allowedActions.canInvite ? (
        <>
          <Field.Root name="portalRole">
            <Field.Label>{formatMessage({ id: t('panel.role'), defaultMessage: 'Portal role' })}</Field.Label>
            <SingleSelect value={role} onChange={(value: string | number) => setRole(String(value))}>
              {roles.map((entry) => (
                <SingleSelectOption key={entry.key} value={entry.key}>
                  {entry.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Button
            fullWidth
            loading={busy}
            onClick={() => run(() => post('/client-portal/invitations', { contact: documentId, portalRole: role }), formatMessage({ id: t('panel.sent'), defaultMessage: 'Invitation queued' }))}
          >
            {formatMessage({ id: t('panel.invite'), defaultMessage: 'Send portal invite' })}
          </Button>
        </>
      ) : null}
      {pending && status.invitation ? (
        <Flex gap={2}>
          {allowedActions.canResend ? (
            <Button variant="secondary" loading={busy} onClick={() => run(() => post(`/client-portal/invitations/${status.invitation!.documentId}/resend`, {}), formatMessage({ id: t('panel.resent'), defaultMessage: 'Invitation resent' }))}>
              {formatMessage({ id: t('panel.resend'), defaultMessage: 'Resend' })}
            </Button>
          ) : null}
          {allowedActions.canRevoke ? (
            <Button variant="danger-light" loading={busy} onClick={() => run(() => post(`/client-portal/invitations/${status.invitation!.documentId}/revoke`, {}), formatMessage({ id: t('panel.revoked'), defaultMessage: 'Invitation revoked' }))}>
              {formatMessage({ id: t('panel.revoke'), defaultMessage: 'Revoke' })}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {!status.account && allowedActions.canCreatePortalUser ? (
        <Button
          variant="tertiary"
          fullWidth
          loading={busy}
          onClick={() => run(() => post('/client-portal/portal-users', { contact: documentId, portalRole: role }), formatMessage({ id: t('panel.userCreated'), defaultMessage: 'Portal user created; the temporary password was emailed' }))}
        >
          {formatMessage({ id: t('panel.createUser'), defaultMessage: 'Create portal user' })}
        </Button>
      ) : null}
    </Flex>
  );
};

/** content-manager edit-view side panel, shown on contacts. */
export const ContactPortalPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  if (model !== 'api::contact.contact' || !documentId) return null;
  return { title: 'Client portal', content: <ContactPortalStatus documentId={documentId} /> };
};
