/**
 * The one status model of invitations: what the agent sees for an invitation, and the same question as a database
 * filter for the list. Expiry is decided by the clock, whatever the stored status says.
 */
export type DisplayStatus = 'invited' | 'accepted' | 'expired' | 'revoked' | 'delivery_failed';
export type ContactStatus = DisplayStatus | 'not_invited' | 'active' | 'removed';
/** The list filters agents have: each display status, and `pending` (invited or delivery failed, not expired). */
export const STATUS_FILTERS = ['pending', 'invited', 'expired', 'delivery_failed', 'accepted', 'revoked'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface InvitationState {
  status: string;
  expiresAt: string | Date;
  deliveryStatus?: string | null;
}

export const STATUS_LABELS: Record<ContactStatus, string> = {
  not_invited: 'Not invited',
  invited: 'Invited, waiting for member to accept',
  active: 'Active',
  accepted: 'Accepted',
  expired: 'Invitation expired',
  revoked: 'Invitation revoked',
  delivery_failed: 'Invitation email could not be delivered',
  removed: 'Removed from the portal',
};

type Rule = { matches: (inv: InvitationState, now: Date) => boolean; where: (now: Date) => Record<string, unknown> };

const live = (inv: InvitationState, now: Date) => inv.status === 'pending' && new Date(inv.expiresAt) > now;

/** In this order: the first that matches is the invitation's status. */
const MODEL: Array<[DisplayStatus, Rule]> = [
  ['accepted', { matches: (inv) => inv.status === 'accepted', where: () => ({ status: 'accepted' }) }],
  ['revoked', { matches: (inv) => inv.status === 'revoked', where: () => ({ status: 'revoked' }) }],
  [
    'expired',
    {
      matches: (inv, now) => inv.status === 'expired' || (inv.status === 'pending' && !live(inv, now)),
      where: (now) => ({ $or: [{ status: 'expired' }, { status: 'pending', expiresAt: { $lte: now } }] }),
    },
  ],
  [
    'delivery_failed',
    {
      matches: (inv, now) => live(inv, now) && inv.deliveryStatus === 'failed',
      where: (now) => ({ status: 'pending', expiresAt: { $gt: now }, deliveryStatus: 'failed' }),
    },
  ],
  [
    'invited',
    {
      matches: (inv, now) => live(inv, now) && inv.deliveryStatus !== 'failed',
      where: (now) => ({ status: 'pending', expiresAt: { $gt: now }, $or: [{ deliveryStatus: { $ne: 'failed' } }, { deliveryStatus: { $null: true } }] }),
    },
  ],
];

/** The status an agent sees for one invitation. */
export const displayStatus = (inv: InvitationState, now = new Date()): DisplayStatus => MODEL.find(([, rule]) => rule.matches(inv, now))?.[0] ?? 'expired';

/** The same model as a database filter (query engine `where`). */
export const statusWhere = (filter: StatusFilter, now = new Date()): Record<string, unknown> =>
  filter === 'pending' ? { status: 'pending', expiresAt: { $gt: now } } : MODEL.find(([status]) => status === filter)![1].where(now);

/** The stored status as the API shows it: a pending invitation past its expiry is `expired`. */
export const apiStatus = (inv: InvitationState, now = new Date()) => (inv.status === 'pending' && !live(inv, now) ? 'expired' : inv.status);

/** What the agent sees on the contact: an active account wins, else its latest invitation's status. */
export const contactStatus = (
  account: { portalStatus?: string; blocked?: boolean; removedAt?: string | Date | null } | null | undefined,
  latest: InvitationState | null | undefined,
  now = new Date(),
): ContactStatus => {
  // Removed from the portal: invited again (a live invitation), else removed.
  if (account?.removedAt) {
    const status = latest ? displayStatus(latest, now) : null;
    return status === 'invited' || status === 'delivery_failed' ? status : 'removed';
  }
  if (account && account.portalStatus === 'active' && !account.blocked) return 'active';
  if (!latest) return 'not_invited';
  const status = displayStatus(latest, now);
  if (status === 'accepted') return account ? 'active' : 'not_invited';
  return status;
};
