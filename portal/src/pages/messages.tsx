import { useState } from 'preact/hooks';
import { Field, LoadError, Loading, Notice, Page, useAction, useLoad } from '../components/ui';
import { usePortal } from '../portal';

/** The thread with the responsible agent (who is emailed on each new message) and a new message. */
export const MessagesPage = () => {
  const { client, me, t, fmt, refreshMe } = usePortal();
  const loaded = useLoad(async () => {
    const messages = await client.messages();
    // Reading the thread reads the agent's new messages: the menu stops saying "new".
    if (me?.unreadMessages) void refreshMe().catch(() => undefined);
    return messages;
  }, []);
  const action = useAction();
  const [body, setBody] = useState('');
  const send = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const message = await client.sendMessage(body);
      loaded.set([...(loaded.data ?? []), message]);
      setBody('');
    });
  };
  return (
    <Page title={t('messages.title')}>
      {me?.responsibleAgent?.name && <p class="muted">{t('messages.with', { name: me.responsibleAgent.name })}</p>}
      {loaded.error ? (
        <LoadError error={loaded.error} retry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <p>{t('messages.none')}</p>
      ) : (
        <ol class="thread" aria-label={t('messages.title')}>
          {loaded.data.map((message) => (
            <li key={message.documentId} class={message.direction === 'from_agent' ? 'from-agent' : 'from-client'}>
              <p class="meta">
                <strong>{message.direction === 'from_agent' ? t('messages.agent') : t('messages.you')}</strong> · <time dateTime={message.createdAt}>{fmt.shortDateTime(message.createdAt)}</time>
                {message.direction === 'from_agent' && !message.readAt && <span class="badge">{t('messages.unread')}</span>}
              </p>
              <p class="body">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={send} noValidate class="card">
        <Field id="body" label={t('messages.new')} error={action.fields.body}>
          <textarea id="body" name="body" rows={4} maxLength={5000} required value={body} onInput={(event) => setBody((event.currentTarget as HTMLTextAreaElement).value)} />
        </Field>
        <Notice kind="error">{action.error}</Notice>
        <button type="submit" disabled={action.busy || !body.trim()}>
          {t('messages.send')}
        </button>
      </form>
    </Page>
  );
};
