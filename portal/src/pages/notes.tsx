import { useState } from 'preact/hooks';
import type { Note, Property, Viewing } from '../api/types';
import { Field, LoadError, Loading, Notice, Page, useAction, useLoad } from '../components/ui';
import { usePortal } from '../portal';

const NoteItem = ({ note, onSaved, onDeleted }: { note: Note; onSaved: (note: Note) => void; onDeleted: () => void }) => {
  const { client, t, fmt } = usePortal();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const save = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      onSaved(await client.editNote(note.documentId, text));
      setEditing(false);
    });
  };
  const remove = () => {
    if (!window.confirm(t('notes.deleteConfirm'))) return;
    void action.run(async () => {
      await client.deleteNote(note.documentId);
      onDeleted();
    });
  };
  const id = `note-${note.documentId}`;
  return (
    <li class="card note">
      <p class="meta muted">
        <time dateTime={note.createdAt}>{fmt.shortDateTime(note.createdAt)}</time>
        {note.editedAt && ` · ${t('notes.edited', { date: fmt.shortDateTime(note.editedAt) })}`}
        {note.property && ` · ${t('notes.onProperty', { property: note.property.title })}`}
        {note.viewing && !note.property && ` · ${t('notes.onViewing')}`}
      </p>
      {editing ? (
        <form onSubmit={save} noValidate>
          <Field id={id} label={t('notes.text')} error={action.fields.text}>
            <textarea id={id} rows={4} maxLength={5000} value={text} onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)} />
          </Field>
          <button type="submit" disabled={action.busy}>
            {t('notes.save')}
          </button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            {t('notes.cancel')}
          </button>
        </form>
      ) : (
        <>
          <p class="description">{note.text}</p>
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            {t('notes.edit')}
          </button>
          <button type="button" class="secondary" disabled={action.busy} onClick={remove}>
            {t('notes.delete')}
          </button>
        </>
      )}
      <Notice kind="error">{action.error}</Notice>
    </li>
  );
};

/** Notes (all, or those on one viewing) with a new-note form; `properties` offers a property to tie a note to. */
export const NoteList = ({ viewing, properties }: { viewing?: Viewing; properties?: Property[] }) => {
  const { client, t } = usePortal();
  const loaded = useLoad(() => client.notes(), []);
  const action = useAction();
  const [text, setText] = useState('');
  const [property, setProperty] = useState('');
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const notes = loaded.data.filter((note) => !viewing || note.viewing?.documentId === viewing.documentId);
  const add = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const note = await client.addNote({ text, ...(viewing ? { viewing: viewing.documentId } : property ? { property } : {}) });
      loaded.set([note, ...(loaded.data ?? [])]);
      setText('');
    });
  };
  const replace = (next: Note) => loaded.set((loaded.data ?? []).map((note) => (note.documentId === next.documentId ? next : note)));
  const drop = (documentId: string) => () => loaded.set((loaded.data ?? []).filter((note) => note.documentId !== documentId));
  const id = viewing ? 'viewing-note' : 'note';
  return (
    <>
      <form onSubmit={add} noValidate>
        <Field id={id} label={t('notes.new')} help={t('notes.text')} error={action.fields.text}>
          <textarea id={id} rows={3} maxLength={5000} value={text} onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)} />
        </Field>
        {properties && properties.length > 0 && (
          <Field id="note-property" label={t('notes.property')} error={action.fields.property}>
            <select id="note-property" value={property} onChange={(event) => setProperty((event.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('notes.noProperty')}</option>
              {properties.map((entry) => (
                <option key={entry.documentId} value={entry.documentId}>
                  {entry.title}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy}>
          {t('notes.add')}
        </button>
      </form>
      {notes.length === 0 ? (
        <p class="muted">{t('notes.none')}</p>
      ) : (
        <ul class="list">
          {notes.map((note) => (
            <NoteItem key={note.documentId} note={note} onSaved={replace} onDeleted={drop(note.documentId)} />
          ))}
        </ul>
      )}
    </>
  );
};

export const NotesPage = () => {
  const { client, t } = usePortal();
  const properties = useLoad(() => client.properties({ pageSize: 50 }).then((page) => page.data), []);
  return (
    <Page title={t('notes.title')}>
      <NoteList properties={properties.data ?? []} />
    </Page>
  );
};
