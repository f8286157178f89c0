import Mustache from 'mustache';
import { LANGUAGES } from '../../src/plugins/client-portal/server/src/constants';
import {
  DEFAULT_TEMPLATES,
  TEMPLATE_KEYS,
  TEMPLATE_VARIABLES,
  TemplateError,
  formatEmailDate,
  pickTemplate,
  renderEmail,
  renderTemplate,
  validateTemplate,
  type TemplateKey,
} from '../../src/plugins/client-portal/server/src/emails';

const LINK = 'https://portal.example.com/accept?token=s3cr3t&lang=en';

const fullVariables = {
  agencyName: 'Acme Realty',
  inviterName: 'Tom & <b>Jerry</b>',
  firstName: 'Anna',
  lastName: 'Smit',
  contactName: 'Anna Smit',
  roleName: 'Buyer',
  propertyTitle: 'Sunny loft',
  propertyAddress: 'Main Street 1, Ghent',
  expiresAt: 'Monday 30 November 2026',
  expiryDays: 7,
  link: LINK,
  message: 'Looking forward to working with you!',
};

const casesOf = (keys: readonly TemplateKey[]) =>
  keys.flatMap((key) => LANGUAGES.map((language) => [key, language] as const));

/** Templates sent around invitations and shared properties (the fullVariables above). */
const INVITE_KEYS: readonly TemplateKey[] = ['invitation', 'invitation-reminder', 'property-shared'];
/** Account, security and notification templates (accountVariables below). */
const ACCOUNT_KEYS: readonly TemplateKey[] = [
  'account-created',
  'verify-email',
  'password-reset',
  'registration-attempt',
  'new-message',
  'agent-message',
  'password-changed',
];
const cases = casesOf(INVITE_KEYS);
const accountCases = casesOf(ACCOUNT_KEYS);
const allCases = casesOf(TEMPLATE_KEYS);

const RESET_LINK = 'https://portal.example.com/forgot-password?lang=en&from=register';
const PASSWORD = 'Xk7<pQ2&m9';
const CODE = '482913';
const EXCERPT = 'Could we plan a second viewing <on Saturday>?';

const accountVariables = {
  agencyName: 'Acme Realty',
  inviterName: 'Tom Peeters',
  agentName: 'Tom Peeters',
  firstName: 'Anna',
  contactName: 'Anna Smit',
  clientName: 'Anna Smit',
  email: 'anna.smit@example.com',
  temporaryPassword: PASSWORD,
  expiresAt: 'Monday 30 November 2026',
  changedAt: 'Sunday 29 November 2026',
  code: CODE,
  expiresInMinutes: 15,
  link: LINK,
  resetLink: RESET_LINK,
  messageExcerpt: EXCERPT,
};

/** The secret each template shows prominently, and nowhere else. */
const SECRETS: Partial<Record<TemplateKey, { variable: 'temporaryPassword' | 'code'; value: string }>> = {
  'account-created': { variable: 'temporaryPassword', value: PASSWORD },
  'verify-email': { variable: 'code', value: CODE },
  'password-reset': { variable: 'code', value: CODE },
};

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('email templates: defaults', () => {
  it.each(cases)('%s/%s renders completely, with the link, escaping html only', (key, language) => {
    const email = renderEmail(key, language, fullVariables);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toContain('{{');
      expect(part).not.toContain('}}');
    }
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toContain('\n');

    // text: raw values, the link on a line of its own
    expect(email.text.split('\n')).toContain(LINK);
    expect(email.text).toContain('Tom & <b>Jerry</b>');
    expect(email.subject).toContain(key === 'property-shared' ? 'Sunny loft' : 'Acme Realty');

    // html: escaped values, a button and the link shown as text
    const escapedLink = Mustache.escape(LINK);
    expect(email.html).toContain(`href="${escapedLink}"`);
    expect(email.html).toContain(`>${escapedLink}</a>`);
    expect(email.html).toContain('Tom &amp; &lt;b&gt;Jerry&lt;&#x2F;b&gt;');
    expect(email.html).not.toContain('<b>Jerry');
    expect(email.html).toContain('max-width:560px');
    expect(email.html).toContain(`lang="${language}"`);

    expect(email.text).toContain('Sunny loft');
    expect(email.html).toContain('Main Street 1, Ghent');
  });

  it.each(cases.filter(([key]) => key !== 'property-shared'))(
    '%s/%s mentions the expiry date and quotes the personal message',
    (key, language) => {
      const email = renderEmail(key, language, fullVariables);
      for (const part of [email.text, email.html]) {
        expect(part).toContain('Monday 30 November 2026');
        expect(part).toContain('Looking forward to working with you!');
      }
      expect(email.html).toContain('<blockquote');
    },
  );

  it.each(cases)('%s/%s drops optional sections when the values are absent', (key, language) => {
    const { propertyAddress, message, ...rest } = fullVariables;
    const variables: Record<string, unknown> =
      key === 'property-shared' ? { ...rest, firstName: '' } : { ...rest, propertyTitle: undefined, firstName: '' };
    const email = renderEmail(key, language, variables);
    for (const part of [email.text, email.html]) {
      expect(part).not.toContain(propertyAddress);
      expect(part).not.toContain(message);
      expect(part).not.toContain('{{');
    }
    if (key !== 'property-shared') {
      expect(email.text).not.toContain('Sunny loft');
      expect(email.html).not.toContain('Sunny loft');
      expect(email.html).not.toContain('<blockquote');
    }
    expect(email.text).not.toMatch(/\n\n\n/);
    expect(email.text.split('\n')).toContain(LINK);
  });

  it('separates the languages', () => {
    const subjects = LANGUAGES.map((language) => renderEmail('invitation', language, fullVariables).subject);
    expect(new Set(subjects).size).toBe(LANGUAGES.length);
    expect(renderEmail('invitation', 'nl', fullVariables).text).toContain('Beste Anna,');
    expect(renderEmail('invitation', 'de', fullVariables).html).toContain('Einladung annehmen');
  });

  it.each(allCases)('%s/%s passes validateTemplate', (key, language) => {
    expect(validateTemplate(key, DEFAULT_TEMPLATES[key][language])).toEqual([]);
  });

  it.each(allCases)('%s/%s never puts a code or temporary password in the subject', (key, language) => {
    const { subject } = renderEmail(key, language, { ...fullVariables, ...accountVariables });
    expect(subject).not.toContain(CODE);
    expect(subject).not.toContain(PASSWORD);
    expect(DEFAULT_TEMPLATES[key][language].subject).not.toMatch(/\{\{\s*[#^&{]?\s*(code|temporaryPassword)\b/);
  });

  it('documents the variables of each template', () => {
    expect(TEMPLATE_VARIABLES.invitation).toEqual(expect.arrayContaining(['link', 'expiresAt', 'message']));
    expect(TEMPLATE_VARIABLES['property-shared']).not.toContain('message');
    expect(TEMPLATE_KEYS).toEqual([...INVITE_KEYS, ...ACCOUNT_KEYS]);
    expect(TEMPLATE_VARIABLES['account-created']).toEqual([
      'agencyName',
      'inviterName',
      'firstName',
      'contactName',
      'email',
      'temporaryPassword',
      'expiresAt',
      'link',
    ]);
    expect(TEMPLATE_VARIABLES['verify-email']).toEqual(['agencyName', 'firstName', 'code', 'expiresInMinutes', 'link']);
    expect(TEMPLATE_VARIABLES['password-reset']).toEqual(['agencyName', 'firstName', 'code', 'expiresInMinutes', 'link']);
    expect(TEMPLATE_VARIABLES['registration-attempt']).toEqual(['agencyName', 'firstName', 'link', 'resetLink']);
    expect(TEMPLATE_VARIABLES['new-message']).toEqual(['agencyName', 'agentName', 'clientName', 'messageExcerpt', 'link']);
  });
});

describe('email templates: account, security and notification defaults', () => {
  it.each(accountCases)('%s/%s renders completely, with the link as button and as text', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toContain('{{');
      expect(part).not.toContain('}}');
    }
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toContain('\n');
    expect(email.subject).toContain(key === 'new-message' ? 'Anna Smit' : 'Acme Realty');
    if (key === 'agent-message') expect(email.subject).toContain('Tom Peeters');

    expect(email.text.split('\n')).toContain(LINK);
    const escapedLink = Mustache.escape(LINK);
    expect(email.html).toContain(`href="${escapedLink}"`);
    expect(email.html).toContain(`>${escapedLink}</a>`);
    expect(email.html).toContain('max-width:560px');
    expect(email.html).toContain(`lang="${language}"`);
    expect(email.text).not.toMatch(/\n\n\n/);
    // no block of the invitation templates leaks in
    if (key !== 'new-message' && key !== 'agent-message') expect(email.html).not.toContain('<blockquote');
  });

  it.each(accountCases)('%s/%s shows its secret once, prominently, and only there', (key, language) => {
    const secret = SECRETS[key];
    const email = renderEmail(key, language, accountVariables);
    if (!secret) {
      expect(email.text).not.toContain(CODE);
      expect(email.text).not.toContain(PASSWORD);
      return;
    }
    // text: raw, on a line of its own; html: escaped, in a monospace box
    expect(email.text.split('\n')).toContain(secret.value);
    expect(count(email.text, secret.value)).toBe(1);
    const escaped = Mustache.escape(secret.value);
    expect(count(email.html, escaped)).toBe(1);
    const box = email.html.split('\n').find((line) => line.includes(escaped));
    expect(box).toMatch(/^<div style="[^"]*monospace[^"]*">/);
    expect(box).toMatch(new RegExp(`>${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</div>$`));
    if (escaped !== secret.value) expect(email.html).not.toContain(secret.value);
    // the variable is used in exactly one place of each part, never in the subject
    const template = DEFAULT_TEMPLATES[key][language];
    expect(count(template.text, `{{${secret.variable}}}`)).toBe(1);
    expect(count(template.html, `{{${secret.variable}}}`)).toBe(1);
    expect(Mustache.parse(template.subject).map((token) => token[1])).not.toContain(secret.variable);
  });

  it.each(casesOf(['account-created']))('%s/%s gives the login email and the expiry date', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    for (const part of [email.text, email.html]) {
      expect(part).toContain('anna.smit@example.com');
      expect(part).toContain('Monday 30 November 2026');
      expect(part).toContain('Tom Peeters');
    }
  });

  it.each(casesOf(['account-created']))('%s/%s reads well without an inviter or first name', (key, language) => {
    for (const inviterName of ['', undefined]) {
      const email = renderEmail(key, language, { ...accountVariables, inviterName, firstName: '' });
      for (const part of [email.text, email.html]) {
        expect(part).not.toContain('Tom Peeters');
        expect(part).not.toContain('Anna');
        expect(part).not.toMatch(/ {2}|\n[ ,.]|> |\( /);
        expect(part).toContain('Acme Realty');
      }
      expect(email.text).not.toMatch(/\n\n\n/);
    }
  });

  it.each(casesOf(['verify-email', 'password-reset']))('%s/%s says how long the code is valid', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    for (const part of [email.text, email.html]) expect(part).toMatch(/\b15\b/);
  });

  it.each(casesOf(['registration-attempt']))('%s/%s links to the login and the password reset page', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    const lines = email.text.split('\n');
    expect(lines).toContain(LINK);
    expect(lines).toContain(RESET_LINK);
    expect(lines.indexOf(LINK)).toBeLessThan(lines.indexOf(RESET_LINK));
    const escapedReset = Mustache.escape(RESET_LINK);
    expect(count(email.html, `href="${escapedReset}"`)).toBe(2); // button and link as text
    expect(email.html).toContain(`>${escapedReset}</a>`);
  });

  it.each(casesOf(['new-message']))('%s/%s greets the agent and quotes the excerpt', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    expect(email.text.split('\n')[0]).toContain('Tom Peeters');
    expect(email.text).toContain(EXCERPT);
    expect(email.html).toContain(Mustache.escape(EXCERPT));
    expect(email.html).not.toContain('<on Saturday>');
    expect(email.html).toContain('<blockquote');

    const bare = renderEmail(key, language, { ...accountVariables, agentName: '', messageExcerpt: '' });
    expect(bare.text.split('\n')[0]).toMatch(/^\S.*[,:]$/);
    expect(bare.html).not.toContain('<blockquote');
    expect(bare.text).not.toMatch(/\n\n\n/);
    expect(bare.text).toContain('Anna Smit');
  });

  it.each(casesOf(['agent-message']))('%s/%s greets the client, names the agent and quotes the reply', (key, language) => {
    const email = renderEmail(key, language, accountVariables);
    expect(email.text.split('\n')[0]).toContain('Anna');
    expect(email.text).toContain('Tom Peeters');
    expect(email.text).toContain(EXCERPT);
    expect(email.html).toContain(Mustache.escape(EXCERPT));
    expect(email.html).not.toContain('<on Saturday>');
    expect(email.html).toContain('<blockquote');
    expect(TEMPLATE_VARIABLES['agent-message']).toEqual(['agencyName', 'firstName', 'agentName', 'messageExcerpt', 'link']);
  });

  it.each(ACCOUNT_KEYS)('%s has a distinct subject per language', (key) => {
    const subjects = LANGUAGES.map((language) => renderEmail(key, language, accountVariables).subject);
    expect(new Set(subjects).size).toBe(LANGUAGES.length);
  });

  it('checks each template against its own variables', () => {
    expect(validateTemplate('verify-email', { text: '{{temporaryPassword}}' })).toEqual([
      'text: unknown variable "{{temporaryPassword}}"',
    ]);
    expect(validateTemplate('account-created', { text: '{{code}}' })).toEqual(['text: unknown variable "{{code}}"']);
    expect(validateTemplate('new-message', { html: '{{#messageExcerpt}}{{.}}{{/messageExcerpt}}{{agentName}}' })).toEqual(
      [],
    );
    expect(validateTemplate('registration-attempt', { text: '{{resetLink}} {{propertyTitle}}' })).toEqual([
      'text: unknown variable "{{propertyTitle}}"',
    ]);
  });
});

describe('pickTemplate', () => {
  it('falls back to English for an unknown or missing language', () => {
    expect(pickTemplate('invitation', 'xx')).toEqual(DEFAULT_TEMPLATES.invitation.en);
    expect(pickTemplate('invitation', null)).toEqual(DEFAULT_TEMPLATES.invitation.en);
    expect(pickTemplate('invitation', undefined)).toEqual(DEFAULT_TEMPLATES.invitation.en);
  });

  it('accepts regional and upper-case language tags', () => {
    expect(pickTemplate('invitation', 'nl-BE')).toEqual(DEFAULT_TEMPLATES.invitation.nl);
    expect(pickTemplate('invitation', 'FR')).toEqual(DEFAULT_TEMPLATES.invitation.fr);
  });

  it('merges an override part by part with the default of that language', () => {
    const picked = pickTemplate('invitation', 'nl', { invitation: { nl: { subject: 'Welkom bij {{agencyName}}' } } });
    expect(picked.subject).toBe('Welkom bij {{agencyName}}');
    expect(picked.text).toBe(DEFAULT_TEMPLATES.invitation.nl.text);
    expect(picked.html).toBe(DEFAULT_TEMPLATES.invitation.nl.html);
  });

  it('ignores overrides of other keys and blank override parts', () => {
    const overrides = {
      'property-shared': { nl: { subject: 'Not me' } },
      invitation: { nl: { subject: '   ', text: '' } },
    };
    expect(pickTemplate('invitation', 'nl', overrides)).toEqual(DEFAULT_TEMPLATES.invitation.nl);
  });

  it('uses the English override, then the English default, for a language without default or override', () => {
    const overrides = { invitation: { en: { subject: 'Custom English subject' }, nl: { subject: 'Dutch' } } };
    const picked = pickTemplate('invitation', 'xx', overrides);
    expect(picked.subject).toBe('Custom English subject');
    expect(picked.text).toBe(DEFAULT_TEMPLATES.invitation.en.text);
    // a shipped language keeps its own default rather than the English override
    expect(pickTemplate('invitation', 'de', overrides).subject).toBe(DEFAULT_TEMPLATES.invitation.de.subject);
  });

  it('uses an override for a language the product does not ship', () => {
    const picked = pickTemplate('invitation', 'it', { invitation: { it: { subject: 'Benvenuto' } } });
    expect(picked.subject).toBe('Benvenuto');
    expect(picked.html).toBe(DEFAULT_TEMPLATES.invitation.en.html);
  });
});

describe('renderTemplate', () => {
  it('escapes html but not subject or text', () => {
    const rendered = renderTemplate(
      { subject: 'Hi {{inviterName}}', text: '{{inviterName}}', html: '<p>{{inviterName}}</p>' },
      { inviterName: 'A & <B>' },
    );
    expect(rendered).toEqual({ subject: 'Hi A & <B>', text: 'A & <B>', html: '<p>A &amp; &lt;B&gt;</p>' });
  });

  it('keeps the subject on one line', () => {
    expect(renderTemplate({ subject: 'Hi\n{{name}}', text: '', html: '' }, { name: 'x\r\nBcc: y' }).subject).toBe(
      'Hi x Bcc: y',
    );
  });

  it.each(['subject', 'text', 'html'] as const)('throws a TemplateError naming the broken %s', (part) => {
    const template = { ...DEFAULT_TEMPLATES.invitation.en, [part]: 'Hello {{#propertyTitle}}unclosed' };
    let error: unknown;
    try {
      renderEmail('invitation', 'en', fullVariables, { invitation: { en: { [part]: template[part] } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).part).toBe(part);
    expect((error as TemplateError).message).toMatch(new RegExp(`^${part}: Unclosed section "propertyTitle"`));
  });
});

describe('validateTemplate', () => {
  const key: TemplateKey = 'invitation';

  it('accepts known variables, sections, dotted names and {{.}} inside a section', () => {
    expect(
      validateTemplate(key, {
        subject: '{{agencyName}}',
        text: '{{#message}}{{.}}{{/message}}{{^propertyTitle}}none{{/propertyTitle}}{{{link}}}',
        html: '{{&inviterName}} {{propertyTitle.length}} {{! a comment }}',
      }),
    ).toEqual([]);
  });

  it('reports unknown variables in every kind of tag, once each', () => {
    expect(
      validateTemplate(key, {
        subject: 'Hi {{foo}} {{foo}}',
        text: '{{{raw}}} {{#loop}}x{{/loop}} {{^nope}}y{{/nope}} {{user.name}}',
        html: '{{.}}',
      }),
    ).toEqual([
      'subject: unknown variable "{{foo}}"',
      'text: unknown variable "{{{raw}}}"',
      'text: unknown variable "{{#loop}}"',
      'text: unknown variable "{{^nope}}"',
      'text: unknown variable "{{user.name}}"',
      'html: unknown variable "{{.}}"',
    ]);
  });

  it('checks against the variables of the given key', () => {
    expect(validateTemplate('property-shared', { text: '{{expiresAt}}' })).toEqual([
      'text: unknown variable "{{expiresAt}}"',
    ]);
    expect(validateTemplate('invitation', { text: '{{expiresAt}}' })).toEqual([]);
  });

  it('rejects partials', () => {
    expect(validateTemplate(key, { html: '<p>{{> footer}}</p>' })).toEqual([
      'html: partials are not allowed ("{{> footer}}")',
    ]);
  });

  it('reports unclosed and unopened sections with their position', () => {
    expect(validateTemplate(key, { html: '<p>Hello {{#propertyTitle}}', subject: 'x {{/link}}' })).toEqual([
      'subject: Unopened section "link" at 2',
      'html: Unclosed section "propertyTitle" at 27',
    ]);
  });

  it('only checks the parts it is given', () => {
    expect(validateTemplate(key, {})).toEqual([]);
  });
});

describe('formatEmailDate', () => {
  const date = new Date('2026-11-30T23:30:00Z');

  it('formats per language in UTC', () => {
    expect(formatEmailDate(date, 'en')).toBe('Monday 30 November 2026');
    expect(formatEmailDate(date, 'nl')).toBe('maandag 30 november 2026');
    expect(formatEmailDate(date, 'en')).not.toBe(formatEmailDate(date, 'nl'));
    expect(formatEmailDate('2026-11-30T23:30:00Z', 'fr')).toContain('novembre');
    expect(formatEmailDate(date, 'de')).toContain('November');
    expect(formatEmailDate(date, 'es')).toContain('noviembre');
  });

  it('formats the next date anew after the same date many times, and each language in its own words', () => {
    for (let i = 0; i < 3; i += 1) expect(formatEmailDate(date, 'en')).toBe('Monday 30 November 2026');
    expect(formatEmailDate(new Date('2026-12-01T08:00:00Z'), 'en')).toBe('Tuesday 1 December 2026');
    expect(formatEmailDate(new Date('2026-12-01T08:00:00Z'), 'nl')).toBe('dinsdag 1 december 2026');
    expect(formatEmailDate(new Date(date.getTime()), 'en')).toBe('Monday 30 November 2026');
    expect(formatEmailDate(new Date(date.getTime()), 'nl')).toBe('maandag 30 november 2026');
  });

  it('falls back to English and rejects invalid dates', () => {
    expect(formatEmailDate(date, 'xx')).toBe('Monday 30 November 2026');
    expect(() => formatEmailDate('not a date', 'en')).toThrow(RangeError);
  });
});
