import { Badge } from '@strapi/design-system';
import type { ContactStatus, DisplayStatus } from '../api';

type Status = ContactStatus | DisplayStatus | 'accepted' | 'draft' | 'blocked';

const COLOURS: Record<Status, { background: string; color: string }> = {
  not_invited: { background: 'neutral150', color: 'neutral600' },
  invited: { background: 'secondary100', color: 'secondary700' },
  active: { background: 'success100', color: 'success700' },
  accepted: { background: 'success100', color: 'success700' },
  expired: { background: 'warning100', color: 'warning700' },
  revoked: { background: 'neutral150', color: 'neutral700' },
  delivery_failed: { background: 'danger100', color: 'danger700' },
  draft: { background: 'warning100', color: 'warning700' },
  blocked: { background: 'danger100', color: 'danger700' },
  removed: { background: 'neutral150', color: 'neutral700' },
};

/** A portal or invitation status as the same coloured badge everywhere (label from the server or a translation). */
export const StatusBadge = ({ status, label, testId = 'portal-status' }: { status: Status; label: string; testId?: string }) => {
  const colours = COLOURS[status] ?? COLOURS.not_invited;
  return (
    <Badge backgroundColor={colours.background} textColor={colours.color} data-testid={testId} data-status={status}>
      {label}
    </Badge>
  );
};
