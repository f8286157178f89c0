import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Divider, Flex, Link, Modal, Typography } from '@strapi/design-system';
import { unstable_useDocument as useDocument, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { errorMessage, usePortalApi, type ContactPortalStatus as PortalStatus } from '../../api';
import { formatDate } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID, t } from '../../pluginId';
import { StatusBadge } from '../StatusBadge';
import { RemoveFromPortal } from '../RemoveFromPortal';
import { InviteForm } from './InviteForm';
import { InviteMoreForm } from './InviteMoreForm';
import { LoginChecklist } from './LoginChecklist';
import { RecentActivity } from './RecentActivity';
import { ContactForms } from './ContactForms';
import { STATUS_CHANGED } from './PortalStatusColumn';

const CONTACT = 'api::contact.contact';

/** The contact's portal: status, the invite modal (or sharing a property), resend / revoke, the login checklist, activity. */
export const ContactPortalStatus = ({ documentId, collectionType = 'collection-types' }: { documentId: string; collectionType?: string }) => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  // The same query as the edit view's own (its URL parameters, without `plugins`), so refetch() refreshes the form too.
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  const params = useMemo(() => {
    if (!query) return query;
    const { plugins, ...rest } = query as Record<string, any>;
    return { ...rest, ...Object.values(plugins ?? {}).reduce((all: object, current) => (typeof current === 'object' && current ? Object.assign(all, current) : all), {}) };
  }, [query]);
  const { document, refetch } = useDocument({ collectionType, model: CONTACT, documentId, params });
  const allowed = {
    invite: useRBAC(PERMISSIONS.invite).allowedActions.canCreate,
    resend: useRBAC(PERMISSIONS.resend).allowedActions.canResend,
    revoke: useRBAC(PERMISSIONS.revoke).allowedActions.canRevoke,
    createPortalUser: useRBAC(PERMISSIONS.createPortalUser).allowedActions.canCreate,
    inviteMore: useRBAC(PERMISSIONS.inviteMore).allowedActions.canInviteMore,
  };
  const label = (id: string, text: string, values?: Record<string, string>) => formatMessage({ id: t(id), defaultMessage: text }, values);

  const [status, setStatus] = useState<PortalStatus | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [modal, setModal] = useState(false);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setStatus(await api.contactStatus(documentId));
      setFailed(null);
    } catch (error) {
      setFailed(errorMessage(error));
    }
    setVersion((value) => value + 1);
  }, [api, documentId]);

  useEffect(() => {
    load();
  }, [load]);

  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (failed) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" textColor="danger600">{label('panel.error', 'The portal status could not be loaded: {message}', { message: failed })}</Typography>
        <Button variant="secondary" onClick={load}>{label('common.retry', 'Retry')}</Button>
      </Flex>
    );
  }
  if (!status) return <Typography variant="pi" textColor="neutral600">{label('panel.loading', 'Loading portal status…')}</Typography>;

  const invitation = status.invitation;
  const pending = !!invitation && invitation.status === 'pending' && ['invited', 'delivery_failed'].includes(status.status);
  const hasActiveAccount = status.status === 'active';
  // Removed from the portal: they may be invited again (accepting brings back the same account).
  const removed = !!status.account?.removedAt;
  const contact = {
    documentId,
    firstName: (document?.firstName as string | undefined) ?? null,
    lastName: (document?.lastName as string | undefined) ?? null,
    email: (document?.email as string | undefined) ?? null,
  };

  const contactName = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || (contact.email ?? '');

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Flex gap={2} wrap="wrap">
        <StatusBadge status={status.status} label={status.label} />
      </Flex>
      {status.account ? (
        <Typography variant="pi">{label('panel.lastLogin', 'Last login: {date}', { date: formatDate(status.account.lastLoginAt, locale) })}</Typography>
      ) : null}
      {invitation && !hasActiveAccount ? (
        <Box>
          <Typography variant="pi" tag="p">
            {label('panel.invited', 'Invited {date} as {role}', { date: formatDate(invitation.sentAt ?? invitation.createdAt, locale), role: invitation.portalRole?.name ?? '' })}
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {label('panel.expires', 'Link valid until {date}', { date: formatDate(invitation.expiresAt, locale) })}
          </Typography>
          {invitation.deliveryError ? <Typography variant="pi" tag="p" textColor="danger600">{invitation.deliveryError}</Typography> : null}
        </Box>
      ) : null}

      {allowed.invite && !pending && (!status.account || hasActiveAccount || removed) ? (
        <Button fullWidth onClick={() => setModal(true)}>
          {hasActiveAccount ? label('panel.share', 'Share a property') : label('panel.invite', 'Send portal invite')}
        </Button>
      ) : null}
      {hasActiveAccount && allowed.inviteMore ? (
        <Button variant="secondary" fullWidth onClick={() => setMore(true)}>
          {label('panel.inviteMore', 'Invite more to portal')}
        </Button>
      ) : null}
      {pending && invitation ? (
        <Flex gap={2}>
          {allowed.resend ? (
            <Button variant="secondary" loading={busy} onClick={() => run(() => api.resend(invitation.documentId), label('panel.resent', 'Invitation resent'))}>
              {label('panel.resend', 'Resend')}
            </Button>
          ) : null}
          {allowed.revoke ? (
            <Button variant="danger-light" loading={busy} onClick={() => run(() => api.revoke(invitation.documentId), label('panel.revoked', 'Invitation revoked'))}>
              {label('panel.revoke', 'Revoke')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {status.account && !removed ? (
        <RemoveFromPortal
          contact={documentId}
          name={[contact.firstName, contact.lastName].filter(Boolean).join(' ') || (contact.email ?? '')}
          fullWidth
          onRemoved={() => {
            load();
            window.dispatchEvent(new Event(STATUS_CHANGED));
          }}
        />
      ) : null}
      {!status.account && allowed.createPortalUser ? (
        <Button
          variant="tertiary"
          fullWidth
          loading={busy}
          onClick={() => run(() => api.createPortalUser({ contact: documentId }), label('panel.userCreated', 'Portal user created; the temporary password was emailed'))}
        >
          {label('panel.createUser', 'Create portal user')}
        </Button>
      ) : null}

      <Divider />
      <LoginChecklist documentId={documentId} version={version} />
      <ContactForms documentId={documentId} version={version} />
      <RecentActivity documentId={documentId} version={version} />
      {status.account ? (
        <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/messages/${documentId}`}>{label('panel.messages', 'Messages with this client')}</Link>
      ) : null}

      <Modal.Root open={modal} onOpenChange={setModal}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{hasActiveAccount ? label('invite.shareTitle', 'Share a property with {name}', { name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') }) : label('invite.title', 'Invite {name} to the client portal', { name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {modal ? (
              <InviteForm
                contact={contact}
                hasAccount={hasActiveAccount}
                onCancel={() => setModal(false)}
                onDone={() => {
                  setModal(false);
                  refetch();
                  load();
                }}
              />
            ) : null}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
      <Modal.Root open={more} onOpenChange={setMore}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{label('more.title', 'Invite more people to {name}’s portal', { name: contactName })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {more ? (
              <InviteMoreForm
                client={{ documentId, name: contactName }}
                onCancel={() => setMore(false)}
                onDone={() => {
                  setMore(false);
                  load();
                }}
              />
            ) : null}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
    </Flex>
  );
};

/** content-manager edit-view side panel, shown on contacts. */
export const ContactPortalPanel = ({ model, documentId, collectionType }: { model: string; documentId?: string; collectionType: string }) => {
  const { formatMessage } = useIntl();
  if (model !== CONTACT || !documentId) return null;
  return { title: formatMessage({ id: t('panel.title'), defaultMessage: 'Client portal' }), content: <ContactPortalStatus documentId={documentId} collectionType={collectionType} /> };
};
