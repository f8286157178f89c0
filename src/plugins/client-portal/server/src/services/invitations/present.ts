import { personName } from '../../utils/people';
import { apiStatus, displayStatus, STATUS_LABELS } from '../../rules/invitation-status';

/** The relations an invitation is shown with. */
export const INVITATION_POPULATE = {
  contact: { select: ['id', 'documentId', 'firstName', 'lastName', 'email', 'language'] },
  property: { select: ['id', 'documentId', 'title', 'address', 'city'] },
  portalRole: { select: ['id', 'documentId', 'key', 'name', 'permissions'] },
  invitedByAgent: { select: ['id', 'firstname', 'lastname', 'email'] },
  invitedByAccount: { select: ['id', 'documentId', 'firstName', 'lastName', 'email'] },
  formResponse: { select: ['id', 'status', 'completedAt'], populate: { form: { select: ['documentId', 'title'] } } },
} as const;

/** The form sent with an invitation: "form sent", or "completed on <date>". */
const formOf = (inv: any) =>
  inv.formResponse?.form
    ? { documentId: inv.formResponse.form.documentId, title: inv.formResponse.form.title, status: inv.formResponse.status as 'sent' | 'completed', completedAt: inv.formResponse.completedAt ?? null }
    : null;

/** `ja***@ex***.com` — enough for the invitee to recognise, not enough to harvest. */
export const maskEmail = (email: string) => {
  const [local, domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const keep = (part: string, n: number) => `${part.slice(0, Math.min(n, Math.max(1, part.length - 1)))}***`;
  return `${keep(local, 2)}@${keep(host, 2)}${tld}`;
};

/** Who invited: an agent, a client, or nobody (automatic). */
export const invitedBy = (inv: any) =>
  inv.invitedByAgent
    ? { type: 'agent' as const, name: personName(inv.invitedByAgent) }
    : inv.invitedByAccount
      ? { type: 'client' as const, name: personName(inv.invitedByAccount) }
      : { type: 'system' as const, name: null };

/** The invitation as agents and integrations see it: never the token hash or internal keys. */
export const presentInvitation = (inv: any, now = new Date()) => {
  const status = displayStatus(inv, now);
  return {
    documentId: inv.documentId,
    status: apiStatus(inv, now),
    displayStatus: status,
    label: STATUS_LABELS[status],
    email: inv.email,
    firstName: inv.firstName ?? null,
    lastName: inv.lastName ?? null,
    contact: inv.contact ? { documentId: inv.contact.documentId, firstName: inv.contact.firstName, lastName: inv.contact.lastName } : null,
    property: inv.property ? { documentId: inv.property.documentId, title: inv.property.title } : null,
    portalRole: inv.portalRole ? { documentId: inv.portalRole.documentId, key: inv.portalRole.key, name: inv.portalRole.name } : null,
    expiresAt: inv.expiresAt,
    sentAt: inv.sentAt ?? null,
    lastSentAt: inv.lastSentAt ?? null,
    sendCount: inv.sendCount ?? 0,
    acceptedAt: inv.acceptedAt ?? null,
    revokedAt: inv.revokedAt ?? null,
    deliveryStatus: inv.deliveryStatus,
    deliveryError: inv.deliveryError ?? null,
    deliveryAttempts: inv.deliveryAttempts ?? 0,
    message: inv.message ?? null,
    language: inv.language,
    permissions: inv.permissions ?? null,
    invitedBy: invitedBy(inv),
    form: formOf(inv),
    createdAt: inv.createdAt,
  };
};

/** What event subscribers get: documentIds, status and email, never a token. */
export const eventPayload = (inv: any) => ({
  invitation: { documentId: inv.documentId, status: inv.status, email: inv.email },
  contact: inv.contact?.documentId ?? null,
  property: inv.property?.documentId ?? null,
  portalRole: inv.portalRole?.key ?? null,
});
