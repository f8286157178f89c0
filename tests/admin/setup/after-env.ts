/**
 * Runs in every admin test file after the test framework is installed (`setupFilesAfterEnv`): jest-dom matchers and
 * the lifecycle of the harness's msw `server` (the part of Strapi's own admin test setup that its harness does not ship).
 *
 * A request that no handler answers fails (msw prints which one), so a test never reaches a real network and a
 * forgotten mock shows at once.
 */
import '@testing-library/jest-dom';
import { setMaxListeners } from 'events';
import { configure } from '@testing-library/react';
import { server } from '@strapi/strapi/admin/test';

// The harness's memory router leaves React Router's v7 future flags unset; its one-line notices are no finding.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('React Router Future Flag Warning')) return;
  warn(...args);
};
// msw and the fetch client each listen to a request's AbortSignal; Node's default of 10 listeners is only a notice.
setMaxListeners(50);

// findBy… and waitFor wait for their condition up to 15 s (not the library's 1 s): the component tests run beside the
// API suites, and a loaded machine renders slower. Each wait ends as soon as its condition holds.
configure({ asyncUtilTimeout: 15_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
