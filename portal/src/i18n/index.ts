import { en, type MessageKey, type Messages } from './en';
import { nl } from './nl';
import { fr } from './fr';
import { de } from './de';
import { es } from './es';

/** The languages of the portal (the same as the emails' and the account's `language`). */
export const LANGUAGES = ['en', 'nl', 'fr', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const MESSAGES: Record<Language, Messages> = { en, nl, fr, de, es };
/** The locale used for dates and prices in each language. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', fr: 'fr-FR', de: 'de-DE', es: 'es-ES' };

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The language to show before the account says: the one chosen earlier on this device, else the browser's, else English. */
export const guessLanguage = (saved: string | null, preferred: readonly string[]): Language => {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `t('accept.expires', { date })`: the text in `language`, placeholders filled in (a missing value stays visible). */
export const translator = (language: Language): Translate => {
  const messages = MESSAGES[language] ?? en;
  return (key, values = {}) => (messages[key] ?? en[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
};

/** Dates, times and prices in the language's own way. */
export const formatters = (language: Language) => {
  const locale = LOCALES[language];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  const short = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  const valid = (value: string | Date | null | undefined) => {
    if (value == null || value === '') return null;
    const parsed = value instanceof Date ? value : new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  };
  return {
    locale,
    date: (value: string | Date | null | undefined) => (valid(value) ? date.format(valid(value)!) : ''),
    dateTime: (value: string | Date | null | undefined) => (valid(value) ? dateTime.format(valid(value)!) : ''),
    shortDateTime: (value: string | Date | null | undefined) => (valid(value) ? short.format(valid(value)!) : ''),
    number: (value: number) => number.format(value),
    price: (amount: number | null | undefined, currency: string | null | undefined) => {
      if (amount == null) return '';
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'EUR', maximumFractionDigits: 0 }).format(amount);
      } catch {
        return `${number.format(amount)} ${currency ?? ''}`.trim();
      }
    },
  };
};
export type Formatters = ReturnType<typeof formatters>;
export type { MessageKey };
