/**
 * Rendering client-portal admin components in tests (`npm run test:admin`, config jest.admin.config.js).
 *
 * `render()` below wraps the render of Strapi's own admin test harness (`@strapi/strapi/admin/test`), which puts the
 * component inside the admin's providers: router (MemoryRouter, `initialEntries`), redux store with the admin API,
 * react-query, theme, notifications, and an AuthProvider whose permissions decide what `useRBAC` allows. On top of it:
 *
 * - the plugin's English texts (src/plugins/client-portal/admin/src/translations/en/<area>.json for each of its AREAS,
 *   keys prefixed with `client-portal.`, as `registerTrads` does), so tests see the real labels, not only the
 *   `defaultMessage`s (`locale` picks another language);
 * - `permissions`: the plugin actions the agent holds, by their short name ('read', 'invitations.create', ...; the
 *   `action` uids of src/plugins/client-portal/admin/src/permissions.ts). Nothing else of the plugin is granted, so a
 *   control behind an action the list leaves out must be absent. A name that is no plugin action throws.
 * - `server`, `http`, `HttpResponse` (msw v2) to answer the admin API. The fetch client calls
 *   http://localhost:1337/<path>, so a handler takes the path alone. Handlers added with `server.use()` are dropped
 *   after each test; a request that nothing answers fails the request (tests/admin/setup/after-env.ts).
 *
 * The pattern (a page or panel; this one ran green against RolesPage):
 *
 *   import { RolesPage } from '../../src/plugins/client-portal/admin/src/pages/RolesPage';
 *   import { render, server, http, HttpResponse, screen } from './render';
 *
 *   const role = { id: 1, documentId: 'r1', key: 'buyer', name: 'Buyer', builtIn: true, permissions: { viewProperties: true } };
 *
 *   it('lets a role manager create a role', async () => {
 *     server.use(http.get('/client-portal/roles', () => HttpResponse.json({ data: [role], meta: { permissionFlags: ['viewProperties'] } })));
 *     const { user } = render(<RolesPage />, { permissions: ['read', 'roles.manage'], initialEntries: ['/plugins/client-portal/roles'] });
 *     expect(await screen.findByText('Buyer')).toBeInTheDocument();
 *     await user.click(screen.getByRole('button', { name: 'Create role' }));
 *     expect(await screen.findByRole('dialog', { name: 'Create a portal role' })).toBeInTheDocument();
 *   });
 *
 * For "absent without the permission", first wait for something that shows the page has loaded (and, where timing
 * matters, for a control behind another granted action), then assert with `queryBy...` / `not.toBeInTheDocument()`.
 *
 * `user` is a @testing-library/user-event instance; `screen`, `waitFor`, `act`, `fireEvent` come from the harness.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as React from 'react';
import { IntlProvider } from 'react-intl';
import { http, HttpResponse } from 'msw';
import { act, fireEvent, render as renderWithHarness, screen, server, waitFor, type RenderOptions as HarnessOptions } from '@strapi/strapi/admin/test';
import type { Permission } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../src/plugins/client-portal/admin/src/permissions';
import { PLUGIN_ID } from '../../src/plugins/client-portal/admin/src/pluginId';
import { AREAS } from '../../src/plugins/client-portal/admin/src/translations/index';

const TRANSLATIONS = path.resolve(__dirname, '../../src/plugins/client-portal/admin/src/translations');

/** The plugin's messages of one locale as `registerTrads` registers them: the AREAS files merged in order, keys prefixed. */
export const pluginMessages = (locale = 'en'): Record<string, string> => {
  const messages: Record<string, string> = {};
  for (const area of AREAS) {
    const file = path.join(TRANSLATIONS, locale, `${area}.json`);
    if (!fs.existsSync(file)) continue;
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(data)) messages[`${PLUGIN_ID}.${key}`] = value;
  }
  return messages;
};

const ACTION_PREFIX = `plugin::${PLUGIN_ID}.`;
const KNOWN_ACTIONS = new Set(Object.values(PERMISSIONS).flatMap((list) => list.map(({ action }) => action.slice(ACTION_PREFIX.length))));

/** Plugin actions by short name ('invitations.resend') as the admin's Permission entities (no subject, no conditions). */
export const pluginPermissions = (actions: string[]): Permission[] =>
  actions.map((uid, index) => {
    if (!KNOWN_ACTIONS.has(uid)) throw new Error(`"${uid}" is no client-portal admin action (known: ${[...KNOWN_ACTIONS].join(', ')})`);
    return {
      id: 9000 + index,
      action: `${ACTION_PREFIX}${uid}`,
      subject: null,
      properties: {},
      conditions: [],
      actionParameters: {},
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
  });

export interface RenderOptions extends Omit<HarnessOptions, 'providerOptions'> {
  /** Plugin actions the agent holds, e.g. ['read', 'invitations.create']. */
  permissions?: string[];
  /** Extra Permission entities (other plugins, content-manager actions...), added as they are. */
  extraPermissions?: Permission[];
  /** Locale of the plugin texts (default 'en'). */
  locale?: string;
  storeConfig?: NonNullable<HarnessOptions['providerOptions']>['storeConfig'];
}

export const render = (ui: React.ReactElement, { permissions = [], extraPermissions = [], locale = 'en', storeConfig, renderOptions, ...rest }: RenderOptions = {}) => {
  const messages = pluginMessages(locale);
  const Inner = renderOptions?.wrapper;
  // The harness's own IntlProvider has no messages; this one (inside it) adds the plugin's.
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <IntlProvider locale={locale} defaultLocale="en" messages={messages} textComponent="span">
      {Inner ? <Inner>{children}</Inner> : children}
    </IntlProvider>
  );
  return renderWithHarness(ui, {
    ...rest,
    renderOptions: { ...renderOptions, wrapper },
    providerOptions: { permissions: [...pluginPermissions(permissions), ...extraPermissions], ...(storeConfig ? { storeConfig } : {}) },
  });
};

export { act, fireEvent, http, HttpResponse, screen, server, waitFor };
export { within } from '@testing-library/react';
