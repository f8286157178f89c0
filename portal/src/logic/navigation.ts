import type { Profile } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavItem {
  path: string;
  label: MessageKey;
  /** The permission that opens it (any one of them). */
  flags: string[];
  matches: (path: string) => boolean;
}

const under = (prefix: string) => (path: string) => path === `/portal${prefix}` || path.startsWith(`/portal${prefix}/`);

/** Every page of the portal's menu, and the permission that shows it. */
export const NAVIGATION: NavItem[] = [
  { path: '/', label: 'nav.properties', flags: ['viewProperties'], matches: (path) => path === '/portal/' || path === '/portal' || under('/properties')(path) },
  { path: '/viewings', label: 'nav.viewings', flags: ['requestViewings'], matches: under('/viewings') },
  { path: '/notes', label: 'nav.notes', flags: ['writeNotes'], matches: under('/notes') },
  { path: '/messages', label: 'nav.messages', flags: ['messageAgent'], matches: under('/messages') },
  { path: '/transaction', label: 'nav.transaction', flags: ['viewTimeline', 'viewDocuments', 'viewTransactionContacts'], matches: under('/transaction') },
  { path: '/invite', label: 'nav.invite', flags: ['inviteOthers'], matches: under('/invite') },
  { path: '/profile', label: 'nav.profile', flags: [], matches: under('/profile') },
];

/** The menu a client sees: only the pages their role opens (the profile always). */
export const navigationFor = (me: Pick<Profile, 'permissions'>) => NAVIGATION.filter((item) => !item.flags.length || item.flags.some((flag) => me.permissions?.[flag]));
