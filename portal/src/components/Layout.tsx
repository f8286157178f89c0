import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { can, href, usePortal } from '../portal';
import { navigationFor } from '../logic/navigation';
import { LoadError, Loading } from './ui';

/** The header: the portal's name and, for a signed-in client, the pages their role opens and *Log out*. */
export const Header = () => {
  const { me, client, t, setMe, refreshMe } = usePortal();
  const { path, route } = useLocation();
  const [open, setOpen] = useState(false);
  const items = me ? navigationFor(me) : [];
  const signedIn = !!me;
  // Coming back to the tab reads the profile again: a message from the agent shows as new in the menu.
  useEffect(() => {
    if (!signedIn) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshMe().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [signedIn, refreshMe]);
  const logout = async () => {
    await client.logout().catch(() => undefined);
    setMe(null);
    route(href('/login'));
  };
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <a class="brand" href={href(me ? '/' : '/login')}>
        {t('app.name')}
      </a>
      {me && (
        <>
          <button type="button" class="menu secondary" aria-expanded={open} aria-controls="site-nav" onClick={() => setOpen(!open)}>
            {t('nav.menu')}
          </button>
          <nav id="site-nav" class={open ? 'open' : ''} aria-label={t('nav.label')}>
            <ul>
              {items.map((item) => (
                <li key={item.path}>
                  <a href={href(item.path)} aria-current={item.matches(path) ? 'page' : undefined} onClick={() => setOpen(false)}>
                    {item.path === '/messages' && me.unreadMessages > 0 ? t('nav.messagesNew') : t(item.label)}
                  </a>
                </li>
              ))}
              <li>
                <button type="button" class="link" onClick={logout}>
                  {t('nav.logout')}
                </button>
              </li>
            </ul>
          </nav>
        </>
      )}
    </header>
  );
};

/**
 * The pages of a signed-in client: without a session they go to the login page; with a temporary password still to
 * change, to the password change; `flag` (when given) must be held, else the home page.
 */
export const Member = ({ children, flag }: { children: ComponentChildren; flag?: string }) => {
  const { client, me, refreshMe } = usePortal();
  const { route, url } = useLocation();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!client.signedIn) return route(href(`/login?next=${encodeURIComponent(url)}`), true);
    if (!me) refreshMe().catch(setError);
  }, [client, me, refreshMe, route, url]);
  useEffect(() => {
    if (me?.mustChangePassword) route(href('/change-password'), true);
    else if (me && flag && !can(me, flag)) route(href('/'), true);
  }, [me, flag, route]);
  if (error) return <LoadError error={error} retry={() => refreshMe().then(() => setError(null), setError)} />;
  if (!me || me.mustChangePassword || (flag && !can(me, flag))) return <Loading />;
  return <>{children}</>;
};
