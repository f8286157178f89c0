import type { EmailTemplate, LanguageCopy, TemplateKey } from './types';

/** Escapes literal copy for html. Mustache tags contain none of these characters, so they survive intact. */
const esc = (copy: string) => copy.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const ACCENT = '#1d4ed8';
const P = 'margin:0 0 16px;';

const MONO = "font-family:'Courier New',Courier,monospace;";

/** Which optional blocks a template gets, from the variables it may use. */
interface Blocks {
  property: boolean;
  message: boolean;
  excerpt: boolean;
}

const blocksFor = (variables: readonly string[]): Blocks => ({
  property: variables.includes('propertyTitle'),
  message: variables.includes('message'),
  excerpt: variables.includes('messageExcerpt'),
});

function buildText(copy: LanguageCopy, key: TemplateKey, blocks: Blocks): string {
  const t = copy.templates[key];
  const [open, close] = copy.quotes;
  // Section tags on a line of their own are "standalone": mustache drops the whole line.
  const lines = [
    t.greeting ?? copy.greeting,
    '',
    ...t.intro.flatMap((paragraph) => [paragraph, '']),
    ...(t.details?.length ? [...t.details.map(({ label, value }) => `${label}${copy.colon}${value}`), ''] : []),
    ...(t.secret ? [t.secret.label, `{{${t.secret.variable}}}`, ''] : []),
    ...(blocks.excerpt && t.excerptLabel
      ? ['{{#messageExcerpt}}', t.excerptLabel, `${open}{{messageExcerpt}}${close}`, '', '{{/messageExcerpt}}']
      : []),
    ...(blocks.property
      ? [
          '{{#propertyTitle}}',
          `${copy.propertyLabel}${copy.colon}{{propertyTitle}}`,
          '{{#propertyAddress}}',
          '{{propertyAddress}}',
          '{{/propertyAddress}}',
          '',
          '{{/propertyTitle}}',
        ]
      : []),
    ...(blocks.message ? ['{{#message}}', copy.messageLabel, `${open}{{message}}${close}`, '', '{{/message}}'] : []),
    t.textLink,
    '{{link}}',
    '',
    ...(t.secondaryLink ? [t.secondaryLink.textLink, `{{${t.secondaryLink.variable}}}`, ''] : []),
    ...t.notes.flatMap((note) => [note, '']),
    ...(t.signoff ?? copy.signoff),
    '',
    t.footer,
  ];
  return `${lines.join('\n')}\n`;
}

function buildHtml(copy: LanguageCopy, key: TemplateKey, blocks: Blocks): string {
  const t = copy.templates[key];
  const paragraph = (text: string) => `<p style="${P}">${esc(text)}</p>`;
  const cardLabel = (label: string) =>
    `<div style="font-size:12px;text-transform:uppercase;letter-spacing:0.05em;color:#6b7280;">${esc(label)}</div>`;
  const isCode = t.secret?.variable === 'code';
  const signoff = t.signoff ?? copy.signoff;
  return [
    '<!DOCTYPE html>',
    `<html lang="${copy.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>{{agencyName}}</title>',
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${esc(t.preheader)}</div>`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;">',
    `<tr><td style="padding:32px 28px;${FONT}font-size:16px;line-height:1.55;color:#1f2937;">`,
    `<p style="margin:0 0 24px;font-size:14px;font-weight:bold;letter-spacing:0.02em;color:#4b5563;">{{agencyName}}</p>`,
    paragraph(t.greeting ?? copy.greeting),
    ...t.intro.map(paragraph),
    ...(t.details?.length
      ? [
          `<div style="${P}padding:14px 16px;border:1px solid #e5e7eb;border-radius:6px;background-color:#f9fafb;">`,
          ...t.details.flatMap(({ label, value }, index, all) => [
            cardLabel(label),
            `<div style="font-weight:bold;word-break:break-all;${index < all.length - 1 ? 'margin-bottom:8px;' : ''}">${esc(value)}</div>`,
          ]),
          '</div>',
        ]
      : []),
    ...(t.secret
      ? [
          `<p style="margin:0 0 8px;">${esc(t.secret.label)}</p>`,
          `<div style="${P}padding:16px;border:1px solid #bfdbfe;border-radius:6px;background-color:#eff6ff;text-align:center;${MONO}` +
            (isCode
              ? 'font-size:32px;letter-spacing:0.3em;'
              : 'font-size:22px;letter-spacing:0.05em;word-break:break-all;') +
            `font-weight:bold;color:#111827;user-select:all;-webkit-user-select:all;">{{${t.secret.variable}}}</div>`,
        ]
      : []),
    ...(blocks.excerpt && t.excerptLabel
      ? [
          '{{#messageExcerpt}}',
          `<p style="margin:0 0 8px;">${esc(t.excerptLabel)}</p>`,
          `<blockquote style="${P}padding:12px 16px;border-left:4px solid ${ACCENT};background-color:#eff6ff;white-space:pre-line;">{{messageExcerpt}}</blockquote>`,
          '{{/messageExcerpt}}',
        ]
      : []),
    ...(blocks.property
      ? [
          '{{#propertyTitle}}',
          `<div style="${P}padding:14px 16px;border:1px solid #e5e7eb;border-radius:6px;background-color:#f9fafb;">`,
          cardLabel(copy.propertyLabel),
          '<div style="font-weight:bold;">{{propertyTitle}}</div>',
          '{{#propertyAddress}}',
          '<div style="color:#4b5563;">{{propertyAddress}}</div>',
          '{{/propertyAddress}}',
          '</div>',
          '{{/propertyTitle}}',
        ]
      : []),
    ...(blocks.message
      ? [
          '{{#message}}',
          `<p style="margin:0 0 8px;">${esc(copy.messageLabel)}</p>`,
          `<blockquote style="${P}padding:12px 16px;border-left:4px solid ${ACCENT};background-color:#eff6ff;font-style:italic;white-space:pre-line;">{{message}}</blockquote>`,
          '{{/message}}',
        ]
      : []),
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;">',
    `<tr><td align="center" style="border-radius:6px;background-color:${ACCENT};">`,
    `<a href="{{link}}" target="_blank" style="display:inline-block;padding:14px 28px;${FONT}font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${esc(t.button)}</a>`,
    '</td></tr>',
    '</table>',
    `<p style="${P}font-size:14px;color:#4b5563;">${esc(copy.linkHint)}<br>`,
    `<a href="{{link}}" target="_blank" style="color:${ACCENT};word-break:break-all;">{{link}}</a></p>`,
    ...(t.secondaryLink
      ? [
          paragraph(t.secondaryLink.lead),
          '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;">',
          `<tr><td align="center" style="border:2px solid ${ACCENT};border-radius:6px;background-color:#ffffff;">`,
          `<a href="{{${t.secondaryLink.variable}}}" target="_blank" style="display:inline-block;padding:12px 26px;${FONT}font-size:16px;font-weight:bold;color:${ACCENT};text-decoration:none;border-radius:6px;">${esc(t.secondaryLink.button)}</a>`,
          '</td></tr>',
          '</table>',
          `<p style="${P}font-size:14px;color:#4b5563;">` +
            `<a href="{{${t.secondaryLink.variable}}}" target="_blank" style="color:${ACCENT};word-break:break-all;">{{${t.secondaryLink.variable}}}</a></p>`,
        ]
      : []),
    ...t.notes.map(paragraph),
    ...(signoff.length ? [`<p style="margin:24px 0 0;">${signoff.map(esc).join('<br>')}</p>`] : []),
    '<hr style="margin:28px 0 16px;border:0;border-top:1px solid #e5e7eb;">',
    `<p style="margin:0;font-size:13px;color:#6b7280;">${esc(t.footer)}</p>`,
    '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * Turns one language's copy of one template into the stored subject/text/html template strings. `variables` are
 * the template's allowed variables: the property and message blocks appear only in templates that may use them,
 * so every default template passes validateTemplate.
 */
export function buildTemplate(copy: LanguageCopy, key: TemplateKey, variables: readonly string[]): EmailTemplate {
  const blocks = blocksFor(variables);
  return {
    subject: copy.templates[key].subject,
    text: buildText(copy, key, blocks),
    html: buildHtml(copy, key, blocks),
  };
}
