import type { Language } from '../constants';

export type TemplateKey = 'invitation' | 'invitation-reminder' | 'property-shared';

export interface EmailTemplate {
  subject: string;
  text: string;
  html: string;
}

/** Copy of one template in one language. Every string may use the template's mustache variables. */
export interface TemplateCopy {
  subject: string;
  /** Hidden preview line shown next to the subject in most inboxes (html only). */
  preheader: string;
  intro: readonly string[];
  button: string;
  /** Plain-text stand-in for the button, shown right above the link. */
  textLink: string;
  notes: readonly string[];
  footer: string;
}

/** Everything a language file provides; the layout turns it into text and html templates. */
export interface LanguageCopy {
  language: Language;
  /** Opening line; use a {{#firstName}} section so a missing first name still reads well. */
  greeting: string;
  /** Label of the property card, without colon. */
  propertyLabel: string;
  /** Introduces the inviter's personal message (invitation templates only). */
  messageLabel: string;
  linkHint: string;
  signoff: readonly string[];
  /** Separator between a label and its value in plain text, e.g. ': ' (French: non-breaking space first). */
  colon: string;
  /** Quotation marks around the personal message in plain text. */
  quotes: readonly [string, string];
  templates: Record<TemplateKey, TemplateCopy>;
}
