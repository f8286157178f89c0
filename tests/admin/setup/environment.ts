/**
 * jsdom lacks a few browser APIs that the admin (and @strapi/design-system / Radix) use; Strapi's admin build also
 * defines `window.strapi` before anything renders. Loaded through `setupFiles`, i.e. before every test file.
 * (Node's fetch, Request, Response, streams... come from the `jest-fixed-jsdom` environment, which msw needs.)
 */

type AnyFn = (...args: any[]) => any;

// The admin's fetch client prefixes every URL with backendURL; same origin as jsdom's `url`
// (testEnvironmentOptions in jest.admin.config.js), so msw handlers can use paths such as '/client-portal/roles'.
(window as any).strapi = {
  backendURL: 'http://localhost:1337',
  isEE: false,
  isTrial: false,
  isTrialLicense: false,
  telemetryDisabled: true,
  projectType: 'Community',
  ai: { enabled: false },
  flags: { nps: false, promoteEE: false, docLinks: false },
  features: { SSO: 'sso', AUDIT_LOGS: 'audit-logs', REVIEW_WORKFLOWS: 'review-workflows', isEnabled: () => false },
  future: { isEnabled: () => false },
  featureFlags: { isEnabled: () => false },
};

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
if (!('ResizeObserver' in window)) (window as any).ResizeObserver = NoopObserver;
if (!('IntersectionObserver' in window)) (window as any).IntersectionObserver = NoopObserver;

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

Object.defineProperty(window, 'scrollTo', { writable: true, value: () => {} });

// Radix (selects, menus, dialogs) calls these on elements; jsdom has none of them.
const proto = window.HTMLElement.prototype as any;
const noop: AnyFn = () => {};
for (const name of ['scrollIntoView', 'releasePointerCapture', 'setPointerCapture']) if (!proto[name]) proto[name] = noop;
if (!proto.hasPointerCapture) proto.hasPointerCapture = () => false;

if (!('PointerEvent' in window)) {
  class PointerEventStub extends MouseEvent {
    pointerId: number;
    pointerType: string;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
      this.pointerType = init.pointerType ?? 'mouse';
    }
  }
  (window as any).PointerEvent = PointerEventStub;
}
