import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Alert, Box, Button, Field, Flex, Loader, Modal, ProgressBar, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePortalApi } from '../../api';
import { PERMISSIONS } from '../../permissions';
import { t } from '../../pluginId';
import { useProperties, useRoles } from '../options';
import { FormSelect } from '../FormSelect';
import { STATUS_CHANGED } from './PortalStatusColumn';

interface Person { documentId: string; firstName?: string | null; lastName?: string | null; email?: string | null }
interface Outcome { contact: Person; invited: boolean; reason: string }

/** Sent in chunks so the agent sees progress on large selections; one chunk's failure is reported per contact. */
const CHUNK = 25;

const nameOf = (person: Person) => [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email || person.documentId;

export const BulkInviteModal = ({ people, onClose }: { people: Person[]; onClose: () => void }) => {
  const { formatMessage } = useIntl();
  const api = usePortalApi();
  const { roles, error: rolesError } = useRoles();
  const properties = useProperties();
  const [role, setRole] = useState('');
  const [property, setProperty] = useState('');
  const [form, setForm] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [copied, setCopied] = useState(false);
  const label = (id: string, text: string, values?: Record<string, string | number>) => formatMessage({ id: t(id), defaultMessage: text }, values);

  useEffect(() => {
    if (roles && !role) setRole((roles.find((entry) => entry.key === 'buyer') ?? roles[0])?.documentId ?? '');
  }, [roles, role]);

  const running = done !== null && done < people.length;
  const finished = done !== null && done >= people.length;

  const start = async () => {
    setDone(0);
    setOutcomes([]);
    const byId = new Map(people.map((person) => [person.documentId, person]));
    for (let i = 0; i < people.length; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK);
      try {
        const answer = await api.bulkInvite({ contacts: chunk.map((person) => person.documentId), portalRole: role, property: property || null, form });
        const skipped = new Map(answer.skipped.map((skip) => [skip.contact, skip.message]));
        setOutcomes((previous) => [
          ...previous,
          ...chunk.map((person) => ({ contact: byId.get(person.documentId)!, invited: !skipped.has(person.documentId), reason: skipped.get(person.documentId) ?? '' })),
        ]);
      } catch (error) {
        const reason = errorMessage(error);
        setOutcomes((previous) => [...previous, ...chunk.map((person) => ({ contact: person, invited: false, reason }))]);
      }
      setDone(Math.min(people.length, i + CHUNK));
    }
    window.dispatchEvent(new Event(STATUS_CHANGED));
  };

  const invitedText = label('bulk.result.invited', 'Invited');
  const skippedText = label('bulk.result.skipped', 'Skipped');
  const copy = async () => {
    const lines = [['Contact', 'Email', 'Result', 'Reason'], ...outcomes.map((o) => [nameOf(o.contact), o.contact.email ?? '', o.invited ? invitedText : skippedText, o.reason])];
    await navigator.clipboard.writeText(lines.map((line) => line.join('\t')).join('\n'));
    setCopied(true);
  };

  if (rolesError) return <Alert variant="danger" closeLabel={label('common.close', 'Close')}>{errorMessage(rolesError)}</Alert>;
  if (!roles) return <Loader small>{label('invite.loading', 'Loading…')}</Loader>;

  const invitedCount = outcomes.filter((o) => o.invited).length;

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {done === null ? (
        <>
          <Typography>{label('bulk.intro', 'Invite the {count} selected contacts to the client portal. Contacts without an email address, marked do not contact, already in the portal or already invited are skipped.', { count: people.length })}</Typography>
          <Field.Root name="bulkRole" required hint={label('invite.role.hint', 'Decides what the client may see and do in the portal')}>
            <Field.Label>{label('invite.role', 'Portal role')}</Field.Label>
            <SingleSelect value={role} onChange={(value: string | number) => setRole(String(value))}>
              {roles.map((entry) => <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.name}</SingleSelectOption>)}
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
          {properties && properties.length ? (
            <Field.Root name="bulkProperty" hint={label('invite.property.hint', 'Optional: the property the invitation is about')}>
              <Field.Label>{label('invite.property', 'Property')}</Field.Label>
              <SingleSelect value={property} placeholder={label('invite.property.none', 'No property')} onClear={() => setProperty('')} onChange={(value: string | number) => setProperty(String(value))}>
                {properties.map((entry) => <SingleSelectOption key={entry.documentId} value={entry.documentId}>{entry.title}</SingleSelectOption>)}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
          ) : null}
          <FormSelect value={form} onChange={setForm} />
          <Flex gap={2} justifyContent="flex-end">
            <Button variant="tertiary" onClick={onClose}>{label('common.cancel', 'Cancel')}</Button>
            <Button disabled={!role} onClick={start}>{label('bulk.start', 'Send {count} invitations', { count: people.length })}</Button>
          </Flex>
        </>
      ) : null}
      {running ? (
        <Box>
          <Typography tag="p">{label('bulk.progress', 'Inviting… {done} of {total}', { done: done ?? 0, total: people.length })}</Typography>
          <ProgressBar value={Math.round(((done ?? 0) / people.length) * 100)} aria-label={label('bulk.progressLabel', 'Invitations sent')} />
        </Box>
      ) : null}
      {finished ? (
        <>
          <Typography tag="p" fontWeight="bold" data-testid="bulk-summary">
            {label('bulk.summary', '{invited} invited, {skipped} skipped', { invited: invitedCount, skipped: outcomes.length - invitedCount })}
          </Typography>
          <Table colCount={3} rowCount={outcomes.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{label('bulk.column.contact', 'Contact')}</Typography></Th>
                <Th><Typography variant="sigma">{label('bulk.column.result', 'Result')}</Typography></Th>
                <Th><Typography variant="sigma">{label('bulk.column.reason', 'Why')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {outcomes.map((outcome) => (
                <Tr key={outcome.contact.documentId} data-testid="bulk-result-row">
                  <Td><Typography>{nameOf(outcome.contact)}</Typography></Td>
                  <Td><Typography textColor={outcome.invited ? 'success600' : 'warning600'}>{outcome.invited ? invitedText : skippedText}</Typography></Td>
                  <Td><Typography>{outcome.reason}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Flex gap={2} justifyContent="flex-end">
            <Button variant="secondary" onClick={copy}>{copied ? label('bulk.copied', 'Copied') : label('bulk.copy', 'Copy results')}</Button>
            <Button onClick={onClose}>{label('common.close', 'Close')}</Button>
          </Flex>
        </>
      ) : null}
    </Flex>
  );
};

/** content-manager bulk action on contacts: choose role and property, watch progress, read the per-contact results. */
export const BulkInviteAction = ({ model, documents }: { model: string; documents: Array<Record<string, any>> }) => {
  const { formatMessage } = useIntl();
  const { allowedActions } = useRBAC(PERMISSIONS.invite);
  if (model !== 'api::contact.contact' || !allowedActions.canCreate) return null;
  const people: Person[] = documents.map((document) => ({ documentId: document.documentId, firstName: document.firstName, lastName: document.lastName, email: document.email }));
  const title = formatMessage({ id: t('bulk.title'), defaultMessage: 'Send portal invites' });
  return {
    label: title,
    variant: 'secondary' as const,
    dialog: {
      type: 'modal' as const,
      title,
      content: ({ onClose }: { onClose: () => void }) => (
        <Modal.Body>
          <BulkInviteModal people={people} onClose={onClose} />
        </Modal.Body>
      ),
    },
  };
};
