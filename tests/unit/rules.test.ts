import { apiStatus, contactStatus, displayStatus, STATUS_FILTERS, statusWhere, type InvitationState } from '../../src/plugins/client-portal/server/src/rules/invitation-status';
import { effectivePermissions, isNoStrongerThan, normalizePermissions } from '../../src/plugins/client-portal/server/src/rules/permissions';
import { describeFailure, isPermanentFailure, retryDelayMs } from '../../src/plugins/client-portal/server/src/rules/delivery';
import { pairKey } from '../../src/plugins/client-portal/server/src/rules/keys';
import { normalizeEmailField } from '../../src/plugins/client-portal/server/src/utils/email';

const NOW = new Date('2030-06-01T12:00:00Z');
const LATER = '2030-06-08T12:00:00Z';
const EARLIER = '2030-05-25T12:00:00Z';

/** Evaluates a query-engine `where` (the operators the status model uses) against one row. */
const matches = (where: Record<string, any>, row: Record<string, any>): boolean =>
  Object.entries(where).every(([key, condition]) => {
    if (key === '$or') return condition.some((part: any) => matches(part, row));
    if (key === '$and') return condition.every((part: any) => matches(part, row));
    const value = row[key];
    if (condition === null || typeof condition !== 'object' || condition instanceof Date) return value === condition;
    return Object.entries(condition).every(([op, operand]: [string, any]) => {
      const time = (v: any) => new Date(v).getTime();
      switch (op) {
        case '$gt':
          return time(value) > time(operand);
        case '$lte':
          return time(value) <= time(operand);
        case '$ne':
          return value != null && value !== operand;
        case '$null':
          return (value == null) === operand;
        default:
          throw new Error(`operator ${op} not covered by this evaluator`);
      }
    });
  });

/** Every combination of stored status, expiry and delivery an invitation can have. */
const ALL_STATES: InvitationState[] = ['pending', 'accepted', 'revoked', 'expired'].flatMap((status) =>
  [LATER, EARLIER].flatMap((expiresAt) => ['queued', 'sent', 'retrying', 'failed', null].map((deliveryStatus) => ({ status, expiresAt, deliveryStatus }))),
);

describe('invitation status model', () => {
  it('shows a pending invitation past its expiry as expired, whatever its delivery', () => {
    expect(displayStatus({ status: 'pending', expiresAt: EARLIER, deliveryStatus: 'failed' }, NOW)).toBe('expired');
    expect(displayStatus({ status: 'pending', expiresAt: EARLIER, deliveryStatus: 'sent' }, NOW)).toBe('expired');
    expect(apiStatus({ status: 'pending', expiresAt: EARLIER }, NOW)).toBe('expired');
    expect(apiStatus({ status: 'pending', expiresAt: LATER }, NOW)).toBe('pending');
  });

  it('shows a live invitation whose email failed as delivery_failed, else invited', () => {
    expect(displayStatus({ status: 'pending', expiresAt: LATER, deliveryStatus: 'failed' }, NOW)).toBe('delivery_failed');
    expect(displayStatus({ status: 'pending', expiresAt: LATER, deliveryStatus: 'retrying' }, NOW)).toBe('invited');
    expect(displayStatus({ status: 'accepted', expiresAt: EARLIER, deliveryStatus: 'failed' }, NOW)).toBe('accepted');
    expect(displayStatus({ status: 'revoked', expiresAt: LATER }, NOW)).toBe('revoked');
  });

  it.each(STATUS_FILTERS.filter((filter) => filter !== 'pending'))('lists exactly the invitations shown as %s', (filter) => {
    for (const inv of ALL_STATES) {
      expect({ inv, listed: matches(statusWhere(filter, NOW), inv) }).toEqual({ inv, listed: displayStatus(inv, NOW) === filter });
    }
  });

  it('lists as pending exactly the live invitations (invited or delivery failed)', () => {
    for (const inv of ALL_STATES) {
      expect({ inv, listed: matches(statusWhere('pending', NOW), inv) }).toEqual({ inv, listed: ['invited', 'delivery_failed'].includes(displayStatus(inv, NOW)) });
    }
  });

  it('gives a contact "active" for an active account, else its latest invitation, else not invited', () => {
    const live = { status: 'pending', expiresAt: LATER, deliveryStatus: 'sent' };
    expect(contactStatus({ portalStatus: 'active', blocked: false }, live, NOW)).toBe('active');
    expect(contactStatus({ portalStatus: 'active', blocked: true }, live, NOW)).toBe('invited');
    expect(contactStatus(null, null, NOW)).toBe('not_invited');
    expect(contactStatus(null, { status: 'accepted', expiresAt: LATER }, NOW)).toBe('not_invited');
    expect(contactStatus({ portalStatus: 'draft' }, { status: 'accepted', expiresAt: LATER }, NOW)).toBe('active');
  });
});

describe('permissions', () => {
  const FLAGS = ['viewProperties', 'giveFeedback', 'inviteOthers'];

  it('keeps known flags only, missing ones false', () => {
    expect(normalizePermissions(FLAGS, { viewProperties: true, unknownFlag: true } as any)).toEqual({ viewProperties: true, giveFeedback: false, inviteOthers: false });
    expect(normalizePermissions(FLAGS, null)).toEqual({ viewProperties: false, giveFeedback: false, inviteOthers: false });
  });

  it('applies overrides over the role in order, the last one winning', () => {
    const role = { viewProperties: true, giveFeedback: true };
    expect(effectivePermissions(FLAGS, role, { giveFeedback: false }, { inviteOthers: true })).toEqual({ viewProperties: true, giveFeedback: false, inviteOthers: true });
    expect(effectivePermissions(FLAGS, role, { giveFeedback: false }, { giveFeedback: true })).toMatchObject({ giveFeedback: true });
    expect(effectivePermissions(FLAGS, null, null, undefined)).toEqual({ viewProperties: false, giveFeedback: false, inviteOthers: false });
  });

  it('judges a role no stronger than another only when it grants nothing more', () => {
    const buyer = { viewProperties: true, giveFeedback: true };
    expect(isNoStrongerThan(FLAGS, { viewProperties: true }, buyer)).toBe(true);
    expect(isNoStrongerThan(FLAGS, buyer, buyer)).toBe(true);
    expect(isNoStrongerThan(FLAGS, { ...buyer, inviteOthers: true }, buyer)).toBe(false);
    expect(isNoStrongerThan(FLAGS, { notAFlag: true } as any, {})).toBe(true);
  });
});

describe('delivery', () => {
  it('treats 5xx replies, envelope and template errors as permanent; 4xx and network errors as passing', () => {
    expect(isPermanentFailure({ responseCode: 550, response: '550 mailbox unavailable' })).toBe(true);
    expect(isPermanentFailure({ code: 'EENVELOPE' })).toBe(true);
    expect(isPermanentFailure({ name: 'TemplateError', part: 'subject', message: 'unknown variable' })).toBe(true);
    expect(isPermanentFailure({ responseCode: 451, code: 'EENVELOPE' })).toBe(false);
    expect(isPermanentFailure({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isPermanentFailure(new Error('socket hang up'))).toBe(false);
  });

  it('describes a failure by the server reply, else the message, at most 1000 characters', () => {
    expect(describeFailure({ response: '550 no such user', message: 'Can\'t send mail' })).toBe('550 no such user');
    expect(describeFailure(new Error('connect ECONNREFUSED'))).toBe('connect ECONNREFUSED');
    expect(describeFailure({ name: 'TemplateError', part: 'html', message: 'bad tag' })).toBe('Template error in html: bad tag');
    expect(describeFailure({ message: 'x'.repeat(5000) })).toHaveLength(1000);
  });

  it('doubles the retry delay per attempt up to the cap, with jitter between half and one and a half', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 60_000, 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, 1000, 60_000, 0.5)).toBe(60_000);
    expect(retryDelayMs(1, 1000, 60_000, 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, 1)).toBe(1500);
    expect(retryDelayMs(1, 1000, 60_000, 7)).toBe(1500);
  });
});

describe('keys and addresses', () => {
  it('keys a contact on a property, `*` for no property', () => {
    expect(pairKey('c1', 'p1')).toBe('c1:p1');
    expect(pairKey('c1', null)).toBe('c1:*');
    expect(pairKey('c1')).toBe('c1:*');
  });

  it('stores the address trimmed and its normalized form beside it; leaves data without email alone', () => {
    const data: Record<string, unknown> = { email: '  Zoe\u0301@Example.COM ' };
    normalizeEmailField(data);
    expect(data).toEqual({ email: 'Zoe\u0301@Example.COM', emailNormalized: 'zo\u00e9@example.com' });
    const blank: Record<string, unknown> = { email: '   ' };
    normalizeEmailField(blank);
    expect(blank).toEqual({ email: null, emailNormalized: null });
    const other: Record<string, unknown> = { firstName: 'A' };
    normalizeEmailField(other);
    expect(other).toEqual({ firstName: 'A' });
  });
});

describe('one language list', () => {
  it('offers on the contact exactly the languages the portal writes emails in', () => {
    // The contact schema is JSON (it cannot import the list); this keeps it equal to the one definition.
    const contact = require('../../src/api/contact/content-types/contact/schema.json');
    const { LANGUAGES } = require('../../src/plugins/client-portal/server/src/constants');
    const { DEFAULT_TEMPLATES } = require('../../src/plugins/client-portal/server/src/emails');
    expect(contact.attributes.language.enum).toEqual([...LANGUAGES]);
    for (const byLanguage of Object.values(DEFAULT_TEMPLATES) as object[]) expect(Object.keys(byLanguage).sort()).toEqual([...LANGUAGES].sort());
  });

  it('grants only built-in flags in the default roles', () => {
    const { DEFAULT_ROLES } = require('../../src/plugins/client-portal/server/src/services/default-roles');
    const { PERMISSION_FLAGS } = require('../../src/plugins/client-portal/server/src/constants');
    expect(DEFAULT_ROLES.map((role: any) => role.key)).toEqual(['buyer', 'seller', 'co-owner', 'lender', 'inspector', 'read-only-guest']);
    for (const role of DEFAULT_ROLES) for (const flag of Object.keys(role.permissions)) expect(PERMISSION_FLAGS).toContain(flag);
  });
});
