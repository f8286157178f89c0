import type { LanguageCopy } from './types';

const ignore = "If you weren't expecting this invitation, you can simply ignore this email.";

export const en: LanguageCopy = {
  language: 'en',
  greeting: '{{#firstName}}Hi {{firstName}},{{/firstName}}{{^firstName}}Hello,{{/firstName}}',
  propertyLabel: 'Property',
  messageLabel: 'A personal message from {{inviterName}}:',
  linkHint: 'Button not working? Copy and paste this link into your browser:',
  signoff: ['Kind regards,', '{{agencyName}}'],
  colon: ': ',
  quotes: ['“', '”'],
  templates: {
    invitation: {
      subject: '{{inviterName}} invited you to the {{agencyName}} client portal',
      preheader: 'Accept your invitation and find everything in one place.',
      intro: [
        '{{inviterName}} has invited you to the client portal of {{agencyName}}. It brings everything together in one place: the properties you are interested in, the latest updates and a direct line to us.',
      ],
      button: 'Accept invitation',
      textLink: 'Accept your invitation by opening this link:',
      notes: ['For your security, this link can be used only once and expires on {{expiresAt}}.'],
      footer: ignore,
    },
    'invitation-reminder': {
      subject: 'Reminder: your invitation to the {{agencyName}} client portal',
      preheader: 'Here is a new link to accept your invitation.',
      intro: [
        'A friendly reminder: {{inviterName}} has invited you to the client portal of {{agencyName}}, where you will find everything in one place: the properties you are interested in, the latest updates and a direct line to us.',
        'Here is a fresh link. For your security, any earlier invitation link no longer works.',
      ],
      button: 'Accept invitation',
      textLink: 'Accept your invitation by opening this link:',
      notes: ['This new link can be used only once and expires on {{expiresAt}}.'],
      footer: ignore,
    },
    'property-shared': {
      subject: 'A new property for you: {{propertyTitle}}',
      preheader: '{{inviterName}} shared a property with you in your client portal.',
      intro: [
        '{{inviterName}} of {{agencyName}} has shared a new property with you. You will find all the details in your client portal.',
      ],
      button: 'View property',
      textLink: 'View the property here:',
      notes: ["Take a look and let us know what you think. We're happy to answer any questions."],
      footer: 'You are receiving this email because you have an account on the {{agencyName}} client portal.',
    },
  },
};
