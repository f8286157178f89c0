import { LoadError, Loading, Page, useLoad } from '../components/ui';
import { can, usePortal } from '../portal';

const Timeline = () => {
  const { client, t, fmt } = usePortal();
  const loaded = useLoad(() => client.timeline(), []);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  if (!loaded.data.length) return <p class="muted">{t('transaction.timelineNone')}</p>;
  return (
    <ol class="timeline">
      {loaded.data.map((item, index) => (
        <li key={`${item.property.documentId}-${index}`} class={item.done ? 'done' : 'todo'}>
          <span class="badge-state">{item.done ? t('transaction.done') : t('transaction.toDo')}</span> <strong>{item.title}</strong>
          <span class="muted">
            {' '}
            · {item.property.title}
            {item.date ? ` · ${fmt.date(item.date)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
};

const Documents = () => {
  const { client, t, fmt } = usePortal();
  const loaded = useLoad(() => client.documents(), []);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  if (!loaded.data.length) return <p class="muted">{t('transaction.documentsNone')}</p>;
  return (
    <ul class="list">
      {loaded.data.map((document) => (
        <li key={document.documentId}>
          {document.file ? (
            <a href={document.file.url} download={document.file.name ?? undefined} aria-label={t('transaction.download', { name: document.title })}>
              {document.title}
            </a>
          ) : (
            document.title
          )}
          <span class="muted">
            {' '}
            · {document.property.title}
            {document.folder ? ` · ${t('transaction.folder', { folder: document.folder })}` : ''}
            {document.file?.createdAt ? ` · ${fmt.date(document.file.createdAt)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
};

const Contacts = () => {
  const { client, t } = usePortal();
  const loaded = useLoad(() => client.contacts(), []);
  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  if (!loaded.data.length) return <p class="muted">{t('transaction.contactsNone')}</p>;
  return (
    <ul class="list">
      {loaded.data.map((contact, index) => (
        <li key={`${contact.property.documentId}-${index}`}>
          <strong>{contact.name}</strong>
          {contact.role?.name ? ` · ${contact.role.name}` : ''} <span class="muted">· {contact.property.title}</span>
        </li>
      ))}
    </ul>
  );
};

/** Timeline, documents (signed download links) and the other parties — each shown only with its permission. */
export const TransactionPage = () => {
  const { me, t } = usePortal();
  return (
    <Page title={t('transaction.title')}>
      {can(me, 'viewTimeline') && (
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('transaction.timeline')}</h2>
          <Timeline />
        </section>
      )}
      {can(me, 'viewDocuments') && (
        <section class="card" aria-labelledby="documents-title">
          <h2 id="documents-title">{t('transaction.documents')}</h2>
          <Documents />
        </section>
      )}
      {can(me, 'viewTransactionContacts') && (
        <section class="card" aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t('transaction.contacts')}</h2>
          <Contacts />
        </section>
      )}
    </Page>
  );
};
