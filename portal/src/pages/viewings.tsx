import { useEffect, useRef, useState } from 'preact/hooks';
import type { PortalFile, Viewing } from '../api/types';
import { Field, LoadError, Loading, Notice, Page, useAction, useLoad } from '../components/ui';
import { can, href, usePortal } from '../portal';
import { canCancel, recorderSupported, STATUS_LABEL } from '../logic/viewings';
import { NoteList } from './notes';

export const ViewingsPage = () => {
  const { client, t, fmt } = usePortal();
  const loaded = useLoad(() => client.viewings(), []);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <Page title={t('viewings.title')}>
      {loaded.data.length === 0 ? (
        <p>{t('viewings.none')}</p>
      ) : (
        <ul class="list">
          {loaded.data.map((viewing) => (
            <li key={viewing.documentId} class="card">
              <h2>
                <a href={href(`/viewings/${viewing.documentId}`)}>{t('viewing.title', { property: viewing.property.title })}</a>
              </h2>
              <p>
                <span class={`status ${viewing.status}`}>{t(STATUS_LABEL[viewing.status])}</span>{' '}
                {viewing.confirmedDate ? t('viewings.confirmedFor', { date: fmt.dateTime(viewing.confirmedDate) }) : viewing.status === 'requested' ? t('viewings.waiting') : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
};

/** Records a voice note with MediaRecorder where the browser has it, and hands the recording over. */
const VoiceRecorder = ({ onRecorded, busy }: { onRecorded: (blob: Blob, name: string) => void; busy: boolean }) => {
  const { t } = usePortal();
  const [recording, setRecording] = useState(false);
  const [denied, setDenied] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);
  if (!recorderSupported(window)) return null;
  const start = async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => event.data.size && chunks.push(event.data);
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        const type = (media.mimeType || 'audio/webm').split(';')[0];
        onRecorded(new Blob(chunks, { type }), `voice-note.${type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm'}`);
      };
      recorder.current = media;
      media.start();
      setRecording(true);
    } catch {
      setDenied(true);
    }
  };
  const stop = () => {
    recorder.current?.stop();
    setRecording(false);
  };
  return (
    <div>
      {recording ? (
        <>
          <p role="status">{t('viewing.recording')}</p>
          <button type="button" onClick={stop}>
            {t('viewing.stop')}
          </button>
        </>
      ) : (
        <button type="button" class="secondary" disabled={busy} onClick={start}>
          {t('viewing.record')}
        </button>
      )}
      {denied && <Notice kind="error">{t('viewing.micDenied')}</Notice>}
    </div>
  );
};

/** Photos or voice notes of a viewing: the list, an upload (and a recorder for voice), a remove per file. */
const MediaSection = ({ viewing, kind, onChange }: { viewing: Viewing; kind: 'photos' | 'voice-notes'; onChange: () => void }) => {
  const { client, t } = usePortal();
  const action = useAction();
  const files: PortalFile[] = kind === 'photos' ? viewing.photos : viewing.voiceNotes;
  const id = `${kind}-file`;
  const upload = (file: Blob, name: string) =>
    void action.run(async () => {
      await client.addViewingFile(viewing.documentId, kind, file, name);
      onChange();
    });
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = form.querySelector<HTMLInputElement>('input[type=file]')?.files?.[0];
    if (file) {
      upload(file, file.name);
      form.reset();
    }
  };
  const remove = (file: PortalFile) =>
    void action.run(async () => {
      await client.removeViewingFile(viewing.documentId, kind, file.id);
      onChange();
    });
  return (
    <section aria-labelledby={`${kind}-title`} class="card">
      <h3 id={`${kind}-title`}>{kind === 'photos' ? t('viewing.photos') : t('viewing.voiceNotes')}</h3>
      {files.length === 0 ? (
        <p class="muted">{kind === 'photos' ? t('viewing.photosNone') : t('viewing.voiceNone')}</p>
      ) : (
        <ul class={kind === 'photos' ? 'thumbs' : 'list'}>
          {files.map((file) => (
            <li key={file.id}>
              {kind === 'photos' ? <img src={file.formats?.thumbnail?.url ?? file.url} alt={file.name ?? ''} /> : <audio controls preload="none" src={file.url} aria-label={file.name ?? ''} />}
              {viewing.onTheDay && (
                <button type="button" class="link" disabled={action.busy} onClick={() => remove(file)}>
                  {t('viewing.remove', { name: file.name ?? '' })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {viewing.onTheDay && (
        <>
          {kind === 'voice-notes' && <VoiceRecorder busy={action.busy} onRecorded={upload} />}
          <form onSubmit={submit}>
            <Field id={id} label={kind === 'photos' ? t('viewing.addPhoto') : t('viewing.addVoice')} type="file" accept={kind === 'photos' ? 'image/jpeg,image/png,image/webp,image/gif' : 'audio/*'} error={action.fields.file} />
            <button type="submit" disabled={action.busy}>
              {t('viewing.upload')}
            </button>
          </form>
        </>
      )}
      <Notice kind="error">{action.error}</Notice>
    </section>
  );
};

export const ViewingPage = ({ id }: { id: string }) => {
  const { client, me, t, fmt } = usePortal();
  const loaded = useLoad(() => client.viewing(id), [id]);
  const cancel = useAction();
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const viewing = loaded.data;
  const doCancel = () => {
    if (!window.confirm(t('viewing.cancelConfirm'))) return;
    void cancel.run(async () => loaded.set(await client.cancelViewing(viewing.documentId)));
  };
  return (
    <Page title={t('viewing.title', { property: viewing.property.title })}>
      <p>
        <a href={href('/viewings')}>← {t('viewing.back')}</a> · <a href={href(`/properties/${viewing.property.documentId}`)}>{viewing.property.title}</a>
      </p>
      <p>
        <span class={`status ${viewing.status}`}>{t(STATUS_LABEL[viewing.status])}</span>{' '}
        {viewing.confirmedDate ? t('viewings.confirmedFor', { date: fmt.dateTime(viewing.confirmedDate) }) : viewing.status === 'requested' ? t('viewings.waiting') : null}
      </p>
      {viewing.status === 'requested' && (
        <section aria-labelledby="preferred-title">
          <h2 id="preferred-title">{t('viewings.preferred')}</h2>
          <ul>
            {viewing.preferredDates.map((date) => (
              <li key={date}>{fmt.dateTime(date)}</li>
            ))}
          </ul>
        </section>
      )}
      {viewing.agentMessage && (
        <section class="card" aria-labelledby="agent-message-title">
          <h2 id="agent-message-title">{t('viewing.agentMessage')}</h2>
          <p class="description">{viewing.agentMessage}</p>
        </section>
      )}
      {viewing.status === 'confirmed' && (
        <section class="card" aria-labelledby="route-title">
          <h2 id="route-title">{t('viewing.route')}</h2>
          {viewing.navigation?.mapUrl ? (
            <p>
              <a href={viewing.navigation.mapUrl} target="_blank" rel="noopener noreferrer">
                {t('viewing.routeLink', { address: viewing.navigation.address ?? viewing.property.title })}
              </a>
            </p>
          ) : (
            <p class="muted">{t('viewing.routeLater')}</p>
          )}
        </section>
      )}
      {(viewing.status === 'confirmed' || viewing.status === 'completed') && (
        <section aria-labelledby="day-title">
          <h2 id="day-title">{t('viewing.onTheDay')}</h2>
          {!viewing.onTheDay && <p class="muted">{t('viewing.onTheDayLater')}</p>}
          {can(me, 'uploadPhotos') && <MediaSection viewing={viewing} kind="photos" onChange={loaded.reload} />}
          {can(me, 'recordVoiceNotes') && <MediaSection viewing={viewing} kind="voice-notes" onChange={loaded.reload} />}
          {can(me, 'writeNotes') && viewing.onTheDay && (
            <section class="card" aria-labelledby="viewing-notes-title">
              <h3 id="viewing-notes-title">{t('viewing.notes')}</h3>
              <NoteList viewing={viewing} />
            </section>
          )}
        </section>
      )}
      {canCancel(viewing) && (
        <>
          <button type="button" class="secondary" disabled={cancel.busy} onClick={doCancel}>
            {t('viewing.cancel')}
          </button>
          <Notice kind="error">{cancel.error}</Notice>
        </>
      )}
      {viewing.status === 'cancelled' && <Notice>{t('viewing.cancelled')}</Notice>}
    </Page>
  );
};
