import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Divider, Field, Flex, Link, Modal, Radio, Textarea, Typography } from '@strapi/design-system';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi, type PropertyPortal } from '../../api';
import { formatDate } from '../../format';
import { PERMISSIONS } from '../../permissions';
import { t } from '../../pluginId';
import { StatusBadge } from '../StatusBadge';
import { InviteForm } from '../contacts/InviteForm';

type Viewing = PropertyPortal['viewings'][number];
type Person = PropertyPortal['contacts'][number];

const contactLink = (documentId: string) => `/admin/content-manager/collection-types/api::contact.contact/${documentId}`;

/** Confirm a viewing: one of the client's preferred dates, and a message for the client. */
export const ConfirmViewing = ({ viewing, onDone, onCancel }: { viewing: Viewing; onDone: () => void; onCancel: () => void }) => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const [date, setDate] = useState(viewing.confirmedDate ?? viewing.preferredDates[0] ?? '');
  const [message, setMessage] = useState(viewing.agentMessage ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const label = (id: string, text: string) => formatMessage({ id: t(id), defaultMessage: text });
  const submit = async () => {
    setBusy(true);
    try {
      await api.confirmViewing(viewing.documentId, { date, message: message.trim() || null });
      onDone();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Field.Root name="date" required error={problem ?? undefined}>
        <Field.Label>{label('viewing.date', 'Date of the viewing')}</Field.Label>
        <Radio.Group value={date} onValueChange={setDate} aria-label={label('viewing.date', 'Date of the viewing')}>
          {viewing.preferredDates.map((value) => (
            <Radio.Item key={value} value={value}>{formatDate(value, locale)}</Radio.Item>
          ))}
        </Radio.Group>
        <Field.Error />
      </Field.Root>
      <Field.Root name="agentMessage" hint={label('viewing.message.hint', 'Shown to the client with the confirmed date')}>
        <Field.Label>{label('viewing.message', 'Message to the client')}</Field.Label>
        <Textarea value={message} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setMessage(event.target.value)} />
        <Field.Hint />
      </Field.Root>
      <Flex gap={2} justifyContent="flex-end">
        <Button variant="tertiary" onClick={onCancel}>{label('common.cancel', 'Cancel')}</Button>
        <Button loading={busy} disabled={!date} onClick={submit}>{label('viewing.confirm', 'Confirm viewing')}</Button>
      </Flex>
    </Flex>
  );
};

/** The property's clients (role, portal status, invite / resend) and its viewings with the client's notes and media. */
export const PropertyPortalView = ({ documentId }: { documentId: string }) => {
  const { formatMessage, locale } = useIntl();
  const api = usePortalApi();
  const { toggleNotification } = useNotification();
  const canInvite = useRBAC(PERMISSIONS.invite).allowedActions.canCreate;
  const canResend = useRBAC(PERMISSIONS.resend).allowedActions.canResend;
  const canConfirm = useRBAC(PERMISSIONS.confirmViewings).allowedActions.canConfirm;
  const [portal, setPortal] = useState<PropertyPortal | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [inviting, setInviting] = useState<Person | null>(null);
  const [confirming, setConfirming] = useState<Viewing | null>(null);
  const label = (id: string, text: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage: text }, values);

  const load = useCallback(async () => {
    try {
      setPortal(await api.propertyPortal(documentId));
      setFailed(null);
    } catch (error) {
      setFailed(errorMessage(error));
    }
  }, [api, documentId]);
  useEffect(() => {
    load();
  }, [load]);

  const resend = async (person: Person) => {
    try {
      await api.resend(person.invitation!.documentId);
      toggleNotification({ type: 'success', message: label('property.resent', 'Invitation resent') });
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  if (failed) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" textColor="danger600">{failed}</Typography>
        <Button variant="secondary" onClick={load}>{label('common.retry', 'Retry')}</Button>
      </Flex>
    );
  }
  if (!portal) return <Typography variant="pi" textColor="neutral600">{label('property.loading', 'Loading clients and viewings…')}</Typography>;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Typography variant="sigma" textColor="neutral600" tag="h3">{label('property.clients', 'Clients on this property')}</Typography>
      {portal.contacts.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">{label('property.clients.empty', 'No contacts are linked to this property yet: add them as deals.')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
          {portal.contacts.map((person) => {
            const pending = person.status === 'invited' || person.status === 'delivery_failed';
            const invitable = person.status === 'not_invited' || person.status === 'expired' || person.status === 'revoked';
            return (
              <Box key={person.contact.documentId} tag="li" data-testid="property-contact">
                <Flex justifyContent="space-between" gap={2} wrap="wrap">
                  <Box>
                    <Link href={contactLink(person.contact.documentId)}>{person.contact.name ?? person.contact.email}</Link>
                    <Typography variant="pi" textColor="neutral600" tag="p">{person.portalRole?.name ?? label('property.noRole', 'No portal role')}</Typography>
                  </Box>
                  <StatusBadge status={person.status} label={person.label} testId="property-contact-status" />
                </Flex>
                <Flex gap={2} paddingTop={1}>
                  {invitable && canInvite ? (
                    <Button size="S" variant="secondary" onClick={() => setInviting(person)} aria-label={label('property.invite.aria', 'Invite {name}', { name: person.contact.name ?? '' })}>
                      {label('property.invite', 'Invite')}
                    </Button>
                  ) : null}
                  {pending && person.invitation && canResend ? (
                    <Button size="S" variant="secondary" onClick={() => resend(person)} aria-label={label('property.resend.aria', 'Resend the invitation to {name}', { name: person.contact.name ?? '' })}>
                      {label('property.resend', 'Resend')}
                    </Button>
                  ) : null}
                </Flex>
              </Box>
            );
          })}
        </Flex>
      )}

      <Divider />
      <Typography variant="sigma" textColor="neutral600" tag="h3">{label('property.viewings', 'Viewings')}</Typography>
      {portal.viewings.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">{label('property.viewings.empty', 'No viewings requested yet.')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3} tag="ul">
          {portal.viewings.map((viewing) => (
            <Box key={viewing.documentId} tag="li" data-testid="property-viewing" padding={2} hasRadius borderColor="neutral200">
              <Typography fontWeight="bold" tag="p">{viewing.contact?.name ?? '—'}</Typography>
              <Typography variant="pi" tag="p" data-testid="viewing-status">
                {viewing.status === 'confirmed' && viewing.confirmedDate
                  ? label('viewing.confirmedOn', 'Confirmed for {date}', { date: formatDate(viewing.confirmedDate, locale) })
                  : label(`viewing.status.${viewing.status}`, viewing.status)}
              </Typography>
              {viewing.status === 'requested' ? (
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {label('viewing.preferred', 'Preferred: {dates}', { dates: viewing.preferredDates.map((value) => formatDate(value, locale)).join(' · ') })}
                </Typography>
              ) : null}
              {viewing.message ? <Typography variant="pi" tag="p">“{viewing.message}”</Typography> : null}
              {viewing.notes.map((note) => (
                <Typography key={note.documentId} variant="pi" tag="p" textColor="neutral700">📝 {note.text}</Typography>
              ))}
              {viewing.photos.length ? (
                <Flex gap={1} wrap="wrap" paddingTop={1}>
                  {viewing.photos.map((photo) => (
                    <a key={photo.id} href={photo.url} target="_blank" rel="noreferrer noopener">
                      <img src={photo.url} alt={photo.name} width={72} height={54} style={{ objectFit: 'cover', borderRadius: 4 }} />
                    </a>
                  ))}
                </Flex>
              ) : null}
              {viewing.voiceNotes.map((voice) => (
                <audio key={voice.id} controls preload="none" src={voice.url} aria-label={label('viewing.voiceNote', 'Voice note {name}', { name: voice.name })} style={{ width: '100%' }} />
              ))}
              {canConfirm && viewing.status === 'requested' && viewing.preferredDates.length ? (
                <Box paddingTop={2}>
                  <Button size="S" onClick={() => setConfirming(viewing)} aria-label={label('viewing.confirm.aria', 'Confirm the viewing of {name}', { name: viewing.contact?.name ?? '' })}>
                    {label('viewing.confirm', 'Confirm viewing')}
                  </Button>
                </Box>
              ) : null}
            </Box>
          ))}
        </Flex>
      )}

      <Modal.Root open={!!inviting} onOpenChange={(open: boolean) => !open && setInviting(null)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{label('invite.title', 'Invite {name} to the client portal', { name: inviting?.contact.name ?? '' })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {inviting ? (
              <InviteForm
                contact={{ documentId: inviting.contact.documentId, email: inviting.contact.email, firstName: inviting.contact.firstName ?? null, lastName: inviting.contact.lastName ?? null }}
                hasAccount={false}
                initialProperty={portal.property.documentId}
                initialRole={inviting.portalRole?.key ?? ''}
                onCancel={() => setInviting(null)}
                onDone={() => {
                  setInviting(null);
                  load();
                }}
              />
            ) : null}
          </Modal.Body>
        </Modal.Content>
      </Modal.Root>
      <Modal.Root open={!!confirming} onOpenChange={(open: boolean) => !open && setConfirming(null)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{label('viewing.confirmTitle', 'Confirm the viewing of {name}', { name: confirming?.contact?.name ?? '' })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {confirming ? (
              <ConfirmViewing
                viewing={confirming}
                onCancel={() => setConfirming(null)}
                onDone={() => {
                  setConfirming(null);
                  toggleNotification({ type: 'success', message: label('viewing.confirmed', 'Viewing confirmed; the client sees the date in the portal') });
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

/** content-manager edit-view side panel, shown on properties. */
export const PropertyPortalPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
  const { formatMessage } = useIntl();
  if (model !== 'api::property.property' || !documentId) return null;
  return { title: formatMessage({ id: t('property.panel'), defaultMessage: 'Client portal' }), content: <PropertyPortalView documentId={documentId} /> };
};
