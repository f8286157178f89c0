import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { createClient, sessionTokens, type PortalClient } from './api/client';
import type { Profile } from './api/types';
import { formatters, guessLanguage, isLanguage, translator, type Formatters, type Language, type Translate } from './i18n';

/** Every page's path starts here (the server serves the portal at /portal). */
export const BASE = '/portal';
export const href = (path: string) => `${BASE}${path}`;

const LANGUAGE_KEY = 'portalLanguage';

export interface PortalState {
  client: PortalClient;
  /** The signed-in client, once loaded (null: not signed in or not loaded yet). */
  me: Profile | null;
  setMe: (me: Profile | null) => void;
  /** Reads `me` again (after a change of profile, a form answered…). */
  refreshMe: () => Promise<Profile | null>;
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  fmt: Formatters;
}

const PortalContext = createContext<PortalState | null>(null);

export const usePortal = () => {
  const state = useContext(PortalContext);
  if (!state) throw new Error('usePortal outside <PortalProvider>');
  return state;
};

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

export const PortalProvider = ({ children, client: given }: { children: ComponentChildren; client?: PortalClient }) => {
  const [me, setMeState] = useState<Profile | null>(null);
  const [language, setLanguageState] = useState<Language>(() => guessLanguage(storage()?.getItem(LANGUAGE_KEY) ?? null, navigator.languages ?? [navigator.language]));
  const client = useMemo(
    () =>
      given ??
      createClient({
        tokens: sessionTokens(window.sessionStorage),
        onSessionEnd: () => {
          setMeState(null);
          if (!location.pathname.startsWith(href('/login'))) location.assign(href('/login?ended=1'));
        },
      }),
    [given],
  );
  const setLanguage = useCallback((next: Language) => {
    storage()?.setItem(LANGUAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const setMe = useCallback(
    (next: Profile | null) => {
      setMeState(next);
      // The account's language wins once it is known.
      if (next && isLanguage(next.language)) setLanguage(next.language);
    },
    [setLanguage],
  );
  const refreshMe = useCallback(async () => {
    if (!client.signedIn) {
      setMe(null);
      return null;
    }
    const next = await client.me();
    setMe(next);
    return next;
  }, [client, setMe]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const t = useMemo(() => translator(language), [language]);
  const fmt = useMemo(() => formatters(language), [language]);
  const value = useMemo(() => ({ client, me, setMe, refreshMe, language, setLanguage, t, fmt }), [client, me, setMe, refreshMe, language, setLanguage, t, fmt]);
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
};

/** Whether the signed-in client holds `flag` (on any of their properties). */
export const can = (me: Profile | null, flag: string) => !!me?.permissions?.[flag];
