import type { Language } from '../constants';

export type TemplateKey =
  | 'invitation'
  | 'invitation-reminder'
  | 'property-shared'
  | 'account-created'
  | 'verify-email'
  | 'password-reset'
  | 'registration-attempt'
  | 'new-message'
  | 'agent-message'
  | 'password-changed';

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
  /** Replaces the language's greeting, e.g. for an email to the agent rather than the client. */
  greeting?: string;
  intro: readonly string[];
  /** Label/value lines shown in a card under the intro (e.g. the login email); labels without colon. */
  details?: readonly { label: string; value: string }[];
  /**
   * A secret shown prominently under the intro: a monospace box in html, the value on a line of its own in text.
   * The variable appears nowhere else in the template.
   */
  secret?: { label: string; variable: 'code' | 'temporaryPassword' };
  /** Introduces the quoted {{messageExcerpt}} (templates with that variable only). */
  excerptLabel?: string;
  button: string;
  /** Plain-text stand-in for the button, shown right above the link. */
  textLink: string;
  /** A second link under the first one: a lead paragraph and an outlined button in html, textLink + link in text. */
  secondaryLink?: { variable: 'resetLink'; lead: string; button: string; textLink: string };
  notes: readonly string[];
  /** Replaces the language's sign-off. */
  signoff?: readonly string[];
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
