import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Flex, Typography } from '@strapi/design-system';
import { CheckCircle, Clock, CrossCircle, Mail, WarningCircle } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import type { ContactStatus } from '../../api';
import { PLUGIN_ID, t } from '../../pluginId';

/** Dispatched on `window` after an invite from the list, so the column asks again. */
export const STATUS_CHANGED = 'client-portal:statuses-changed';

type Row = { status: ContactStatus; label: string };
type Get = ReturnType<typeof useFetchClient>['get'];

/**
 * One request for all the rows on screen: each cell asks for its contact, the asks of one render are sent together
 * (GET /client-portal/contacts/portal-status?contacts=…, at most 100 at a time).
 */
const batcher = (() => {
  const cache = new Map<string, Row>();
  const listeners = new Map<string, Set<(row: Row | null) => void>>();
  let queue = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = async (get: Get) => {
    const ids = [...queue];
    queue = new Set();
    timer = null;
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      try {
        const { data } = await get<{ data: Array<{ contact: string } & Row> }>(`/client-portal/contacts/portal-status?contacts=${chunk.join(',')}`);
        for (const row of data.data) cache.set(row.contact, { status: row.status, label: row.label });
      } catch {
        // Cells show nothing when the agent may not read portal statuses.
      }
      for (const id of chunk) listeners.get(id)?.forEach((listener) => listener(cache.get(id) ?? null));
    }
  };

  return {
    ask(id: string, get: Get, listener: (row: Row | null) => void) {
      if (!listeners.has(id)) listeners.set(id, new Set());
      listeners.get(id)!.add(listener);
      cache.delete(id);
      queue.add(id);
      if (!timer) timer = setTimeout(() => flush(get), 0);
      return () => {
        listeners.get(id)?.delete(listener);
      };
    },
  };
})();

const ICONS: Record<ContactStatus, React.ReactNode> = {
  not_invited: <Mail fill="neutral500" aria-hidden />,
  invited: <Clock fill="secondary600" aria-hidden />,
  active: <CheckCircle fill="success600" aria-hidden />,
  expired: <WarningCircle fill="warning600" aria-hidden />,
  revoked: <CrossCircle fill="neutral600" aria-hidden />,
  delivery_failed: <WarningCircle fill="danger600" aria-hidden />,
  removed: <CrossCircle fill="neutral600" aria-hidden />,
};

/** Short words for the table (the server's labels are sentences). */
const SHORT: Record<ContactStatus, string> = {
  not_invited: 'Not invited',
  invited: 'Invited',
  active: 'Active',
  expired: 'Invite expired',
  revoked: 'Invite revoked',
  delivery_failed: 'Email failed',
  removed: 'Removed',
};

const PortalStatusCell = ({ documentId }: { documentId: string }) => {
  const { get } = useFetchClient();
  const [row, setRow] = useState<Row | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const again = () => setVersion((value) => value + 1);
    window.addEventListener(STATUS_CHANGED, again);
    return () => window.removeEventListener(STATUS_CHANGED, again);
  }, []);
  useEffect(() => batcher.ask(documentId, get, setRow), [documentId, get, version]);
  if (!row) return <Typography textColor="neutral500">…</Typography>;
  return (
    <Flex gap={2} data-testid="portal-status-cell" data-status={row.status} title={row.label}>
      {ICONS[row.status]}
      <Typography textColor="neutral800">
        <FormattedShort status={row.status} />
      </Typography>
    </Flex>
  );
};

const FormattedShort = ({ status }: { status: ContactStatus }) => {
  const { formatMessage } = useIntl();
  return <>{formatMessage({ id: t(`column.status.${status}`), defaultMessage: SHORT[status] })}</>;
};

/** `Admin/CM/pages/ListView/inject-column-in-table`: a "Portal" column on the contacts list. */
export const injectPortalStatusColumn = ({ displayedHeaders, layout }: { displayedHeaders: any[]; layout: any }) => {
  if (!window.location.pathname.includes('/api::contact.contact')) return { displayedHeaders, layout };
  return {
    displayedHeaders: [
      ...displayedHeaders,
      {
        name: 'portalStatus',
        attribute: { type: 'custom' },
        label: { id: `${PLUGIN_ID}.column.portal`, defaultMessage: 'Portal' },
        searchable: false,
        sortable: false,
        cellFormatter: (row: { documentId: string }) => <PortalStatusCell documentId={row.documentId} />,
      },
    ],
    layout,
  };
};
