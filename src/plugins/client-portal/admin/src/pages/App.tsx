import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge } from '@strapi/design-system';
import { Layouts, Page, SubNav, useRBAC } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID, t } from '../pluginId';
import { usePortalApi } from '../api';
import { InvitationsPage } from './InvitationsPage';
import { PortalUsersPage } from './PortalUsersPage';
import { RolesPage } from './RolesPage';
import { ActivityPage } from './ActivityPage';
import { MessagesPage } from './MessagesPage';
import { GroupsPage } from './GroupsPage';
import { FormsPage } from './FormsPage';

const UNREAD_REFRESH_MS = 30_000;

/** Unread client messages, refreshed while the section is open (and when a thread is read: `client-portal:unread`). */
const useUnread = () => {
  const api = usePortalApi();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () => api.unread().then((count) => alive && setUnread(count)).catch(() => undefined);
    load();
    const timer = setInterval(load, UNREAD_REFRESH_MS);
    window.addEventListener('client-portal:unread', load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('client-portal:unread', load);
    };
  }, [api]);
  return unread;
};

const Nav = () => {
  const { formatMessage } = useIntl();
  const unread = useUnread();
  const base = `/plugins/${PLUGIN_ID}`;
  const links = [
    { to: `${base}/invitations`, id: 'nav.invitations', label: 'Invitations' },
    { to: `${base}/portal-users`, id: 'nav.portalUsers', label: 'Portal users' },
    { to: `${base}/groups`, id: 'nav.groups', label: 'Client groups' },
    { to: `${base}/forms`, id: 'nav.forms', label: 'Forms' },
    { to: `${base}/messages`, id: 'nav.messages', label: 'Messages', badge: unread },
    { to: `${base}/activity`, id: 'nav.activity', label: 'Activity' },
    { to: `${base}/roles`, id: 'nav.roles', label: 'Roles' },
  ];
  return (
    <SubNav.Main aria-label={formatMessage({ id: t('plugin.name'), defaultMessage: 'Client Portal' })}>
      <SubNav.Header label={formatMessage({ id: t('plugin.name'), defaultMessage: 'Client Portal' })} />
      <SubNav.Content>
        <SubNav.Sections>
          {links.map((link) => (
            <SubNav.Link
              key={link.to}
              to={link.to}
              label={formatMessage({ id: t(link.id), defaultMessage: link.label })}
              endAction={
                link.badge ? (
                  <Badge
                    backgroundColor="primary600"
                    textColor="neutral0"
                    data-testid="unread-count"
                    aria-label={formatMessage({ id: t('nav.unread'), defaultMessage: '{count, plural, one {# unread message} other {# unread messages}}' }, { count: link.badge })}
                  >
                    {link.badge}
                  </Badge>
                ) : undefined
              }
            />
          ))}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};

/** Client Portal section: every page behind the plugin's read action; actions inside check their own. */
const App = () => {
  const { isLoading, allowedActions } = useRBAC(PERMISSIONS.read);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  return (
    <Layouts.Root sideNav={<Nav />}>
      <Routes>
        <Route index element={<Navigate to="invitations" replace />} />
        <Route path="invitations" element={<Page.Protect permissions={PERMISSIONS.read}><InvitationsPage /></Page.Protect>} />
        <Route path="portal-users" element={<Page.Protect permissions={PERMISSIONS.read}><PortalUsersPage /></Page.Protect>} />
        <Route path="groups/*" element={<Page.Protect permissions={PERMISSIONS.read}><GroupsPage /></Page.Protect>} />
        <Route path="forms/*" element={<Page.Protect permissions={PERMISSIONS.read}><FormsPage /></Page.Protect>} />
        <Route path="messages/*" element={<Page.Protect permissions={PERMISSIONS.read}><MessagesPage /></Page.Protect>} />
        <Route path="activity" element={<Page.Protect permissions={PERMISSIONS.read}><ActivityPage /></Page.Protect>} />
        <Route path="roles" element={<Page.Protect permissions={PERMISSIONS.read}><RolesPage /></Page.Protect>} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  );
};

export default App;
