import portalRole from './portal-role';
import invitation from './invitation';
import activity from './activity';
import verificationCode from './verification-code';
import outboxMessage from './outbox-message';
import idempotencyRecord from './idempotency-record';
import portalSession from './portal-session';
import clientGroup from './client-group';
import groupMember from './group-member';
import form from './form';
import formResponse from './form-response';

export default {
  'portal-role': portalRole,
  invitation,
  activity,
  'verification-code': verificationCode,
  'outbox-message': outboxMessage,
  'idempotency-record': idempotencyRecord,
  'portal-session': portalSession,
  'client-group': clientGroup,
  'group-member': groupMember,
  form,
  'form-response': formResponse,
};
