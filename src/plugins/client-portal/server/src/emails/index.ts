/**
 * Transactional emails of the client portal: built-in templates (en, nl, fr, de, es),
 * agent overrides, validation of agent-edited templates and mustache rendering.
 */
import Mustache from 'mustache';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../constants';
import { buildTemplate } from './layout';
import type { EmailTemplate, LanguageCopy, TemplateKey } from './types';
import { en } from './en';
import { nl } from './nl';
import { fr } from './fr';
import { de } from './de';
import { es } from './es';

export type { EmailTemplate, TemplateKey } from './types';

export const TEMPLATE_KEYS: readonly TemplateKey[] = [
  'invitation',
  'invitation-reminder',
  'property-shared',
  'account-created',
  'verify-email',
  'password-reset',
  'registration-attempt',
  'new-message',
  'agent-message',
  'password-changed',
];

const PARTS = ['subject', 'text', 'html'] as const;
type Part = (typeof PARTS)[number];

/** Agent overrides as stored in settings: any key, any language, any subset of parts may be missing. */
export type TemplateOverrides = Partial<Record<string, Partial<Record<string, Partial<EmailTemplate>>>>>;

const INVITATION_VARIABLES = [
  'agencyName',
  'inviterName',
  'firstName',
  'lastName',
  'contactName',
  'roleName',
  'propertyTitle',
  'propertyAddress',
  'expiresAt',
  'expiryDays',
  'link',
  'message',
] as const;

/** Variables each template may use (documented for agents editing templates). */
export const TEMPLATE_VARIABLES: Record<TemplateKey, readonly string[]> = {
  invitation: INVITATION_VARIABLES,
  'invitation-reminder': INVITATION_VARIABLES,
  'property-shared': ['agencyName', 'inviterName', 'firstName', 'contactName', 'propertyTitle', 'propertyAddress', 'link'],
  // expiresAt: formatted date (formatEmailDate) after which the temporary password stops working.
  'account-created': [
    'agencyName',
    'inviterName',
    'firstName',
    'contactName',
    'email',
    'temporaryPassword',
    'expiresAt',
    'link',
  ],
  // code: the 6-digit one-time code; expiresInMinutes: a number.
  'verify-email': ['agencyName', 'firstName', 'code', 'expiresInMinutes', 'link'],
  'password-reset': ['agencyName', 'firstName', 'code', 'expiresInMinutes', 'link'],
  // link: portal login page; resetLink: portal forgot-password page.
  'registration-attempt': ['agencyName', 'firstName', 'link', 'resetLink'],
  // Sent to the responsible agent; link: the contact in the admin panel.
  'new-message': ['agencyName', 'agentName', 'clientName', 'messageExcerpt', 'link'],
  // Sent to the client when their agent replies; link: the portal's messages page.
  'agent-message': ['agencyName', 'firstName', 'agentName', 'messageExcerpt', 'link'],
  // changedAt: formatted date and time of the change; link: portal forgot-password page.
  'password-changed': ['agencyName', 'firstName', 'changedAt', 'link'],
};

const COPY: Record<Language, LanguageCopy> = { en, nl, fr, de, es };

export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Language, EmailTemplate>> = Object.fromEntries(
  TEMPLATE_KEYS.map((key) => [
    key,
    Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        buildTemplate(COPY[language], key, TEMPLATE_VARIABLES[key]),
      ]),
    ),
  ]),
) as Record<TemplateKey, Record<Language, EmailTemplate>>;

export class TemplateError extends Error {
  part: Part;

  constructor(part: Part, message: string) {
    super(`${part}: ${message}`);
    this.name = 'TemplateError';
    this.part = part;
  }
}

/** 'nl-BE' → 'nl', 'FR' → 'fr'; '' for nothing. */
const normalizeLanguage = (language: string | null | undefined) =>
  (language ?? '').trim().toLowerCase().split(/[-_]/)[0];

const isLanguage = (language: string): language is Language => (LANGUAGES as readonly string[]).includes(language);

const assertKey = (key: TemplateKey) => {
  if (!TEMPLATE_KEYS.includes(key)) throw new Error(`Unknown email template "${key}"`);
};

/** An override part counts only when it is a non-blank string (settings forms store cleared fields as ''). */
const overridePart = (overrides: TemplateOverrides | undefined, key: TemplateKey, language: string, part: Part) => {
  const value = overrides?.[key]?.[language]?.[part];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** overrides[key][language] part by part, else DEFAULT_TEMPLATES[key][language], else English (override then default). */
export function pickTemplate(
  key: TemplateKey,
  language: string | null | undefined,
  overrides?: TemplateOverrides,
): EmailTemplate {
  assertKey(key);
  const lang = normalizeLanguage(language);
  const pick = (part: Part) =>
    (lang ? overridePart(overrides, key, lang, part) : undefined) ??
    (isLanguage(lang) ? DEFAULT_TEMPLATES[key][lang][part] : undefined) ??
    overridePart(overrides, key, DEFAULT_LANGUAGE, part) ??
    DEFAULT_TEMPLATES[key][DEFAULT_LANGUAGE][part];
  return { subject: pick('subject'), text: pick('text'), html: pick('html') };
}

const noEscape = (value: unknown) => String(value);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Renders with mustache: the html part HTML-escapes {{var}} (mustache default); subject and text are not escaped.
 * The subject is collapsed to a single line. Partials never render. Throws TemplateError naming the broken part.
 */
export function renderTemplate(template: EmailTemplate, variables: Record<string, unknown>): EmailTemplate {
  const render = (part: Part) => {
    try {
      return Mustache.render(template[part], variables, {}, part === 'html' ? {} : { escape: noEscape });
    } catch (error) {
      throw new TemplateError(part, errorMessage(error));
    }
  };
  return {
    subject: render('subject').replace(/\s+/g, ' ').trim(),
    text: render('text'),
    html: render('html'),
  };
}

type Tokens = ReturnType<typeof Mustache.parse>;

/**
 * For an agent-edited template: one message per problem, e.g. `subject: unknown variable "{{foo}}"` or
 * `html: Unclosed section "property" at 12`; [] when fine. Variable tags, sections and inverted sections must
 * use TEMPLATE_VARIABLES[key] (dotted names: first segment); `{{.}}` only inside a section; no partials.
 */
export function validateTemplate(key: TemplateKey, template: Partial<EmailTemplate>): string[] {
  assertKey(key);
  const allowed = TEMPLATE_VARIABLES[key];
  const problems: string[] = [];

  for (const part of PARTS) {
    const source = template[part];
    if (typeof source !== 'string') continue;
    let tokens: Tokens;
    try {
      tokens = Mustache.parse(source);
    } catch (error) {
      problems.push(`${part}: ${errorMessage(error)}`);
      continue;
    }
    const found = new Set<string>();
    const walk = (list: Tokens, inSection: boolean) => {
      for (const token of list) {
        const [type, name, start, end] = token;
        const tag = source.slice(start, end);
        if (type === '>') found.add(`${part}: partials are not allowed ("${tag}")`);
        if (type === 'name' || type === '&' || type === '#' || type === '^') {
          const ok = name === '.' ? inSection : allowed.includes(name.split('.')[0]);
          if (!ok) found.add(`${part}: unknown variable "${tag}"`);
        }
        if ((type === '#' || type === '^') && Array.isArray(token[4])) walk(token[4], true);
      }
    };
    walk(tokens, false);
    problems.push(...found);
  }
  return problems;
}

/** Intl locale per language; `dropCommas` turns "Monday, 30 November 2026" into "Monday 30 November 2026". */
const DATE_LOCALES: Record<Language, { locale: string; dropCommas: boolean }> = {
  en: { locale: 'en-GB', dropCommas: true },
  nl: { locale: 'nl-NL', dropCommas: false },
  fr: { locale: 'fr-FR', dropCommas: false },
  de: { locale: 'de-DE', dropCommas: false },
  es: { locale: 'es-ES', dropCommas: true },
};

/** Formats a date for emails in that language, e.g. en "Monday 30 November 2026" (UTC). Throws RangeError on an invalid date. */
/** One formatter per locale: building an Intl.DateTimeFormat costs far more than using one (a bulk invite formats thousands). */
const emailDateFormats = new Map<string, Intl.DateTimeFormat>();
const emailDateFormat = (locale: string) => {
  let format = emailDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    emailDateFormats.set(locale, format);
  }
  return format;
};

/** The last date formatted, per language: a bulk invite formats the same expiry date thousands of times. */
const lastFormatted = new Map<string, { time: number; text: string }>();

export function formatEmailDate(date: Date | string, language: string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  const time = value.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Invalid date: ${String(date)}`);
  const lang = normalizeLanguage(language);
  const key = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  const last = lastFormatted.get(key);
  if (last?.time === time) return last.text;
  const { locale, dropCommas } = DATE_LOCALES[key];
  const text = emailDateFormat(locale)
    .formatToParts(value)
    .map((part) => (dropCommas && part.type === 'literal' ? part.value.replace(',', '') : part.value))
    .join('');
  lastFormatted.set(key, { time, text });
  return text;
}

/** Convenience: pick + render in one go. */
export function renderEmail(
  key: TemplateKey,
  language: string | null | undefined,
  variables: Record<string, unknown>,
  overrides?: TemplateOverrides,
): EmailTemplate {
  return renderTemplate(pickTemplate(key, language, overrides), variables);
}
