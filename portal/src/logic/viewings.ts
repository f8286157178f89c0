import type { Viewing, ViewingStatus } from '../api/types';
import type { MessageKey } from '../i18n';

export const STATUS_LABEL: Record<ViewingStatus, MessageKey> = {
  requested: 'viewings.status.requested',
  confirmed: 'viewings.status.confirmed',
  completed: 'viewings.status.completed',
  cancelled: 'viewings.status.cancelled',
};

/** A requested or confirmed viewing may be cancelled (the server refuses a completed one). */
export const canCancel = (viewing: Pick<Viewing, 'status'>) => viewing.status === 'requested' || viewing.status === 'confirmed';

/** Whether this browser can record audio in the page (else the client chooses an audio file). */
export const recorderSupported = (scope: { MediaRecorder?: unknown; navigator?: { mediaDevices?: { getUserMedia?: unknown } } }) =>
  typeof scope.MediaRecorder === 'function' && typeof scope.navigator?.mediaDevices?.getUserMedia === 'function';
