import type { LanguageCopy } from './types';

const ignore = "If you weren't expecting this invitation, you can simply ignore this email.";

const codeNote =
  'This code is valid for {{expiresInMinutes}} minutes and can be used only once. For your security, please do not share it with anyone.';

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
    'account-created': {
      subject: 'Your account for the {{agencyName}} client portal is ready',
      preheader: 'Your login details for the client portal are inside.',
      intro: [
        '{{#inviterName}}{{inviterName}} of {{agencyName}} has created an account for you on our client portal.{{/inviterName}}{{^inviterName}}{{agencyName}} has created an account for you on our client portal.{{/inviterName}} It brings everything together in one place: the properties you are interested in, the latest updates and a direct line to us.',
        'Log in with your email address and the temporary password below. When you log in for the first time, you will be asked to choose your own password.',
      ],
      details: [{ label: 'Your login email', value: '{{email}}' }],
      secret: { label: 'Your temporary password:', variable: 'temporaryPassword' },
      button: 'Log in',
      textLink: 'Log in to the client portal here:',
      notes: ['For your security, this temporary password expires on {{expiresAt}}. Please do not share it with anyone.'],
      footer:
        "You are receiving this email because {{agencyName}} created a client portal account for you. If you weren't expecting it, please let us know.",
    },
    'verify-email': {
      subject: 'Your verification code for the {{agencyName}} client portal',
      preheader: 'Confirm your email address to finish creating your account.',
      intro: [
        'Thank you for creating an account on the client portal of {{agencyName}}. To confirm your email address, please enter the code below on the verification page.',
      ],
      secret: { label: 'Your verification code:', variable: 'code' },
      button: 'Verify email address',
      textLink: 'Enter the code on the verification page:',
      notes: [codeNote],
      footer: 'If you did not create an account, you can simply ignore this email.',
    },
    'password-reset': {
      subject: 'Reset your password for the {{agencyName}} client portal',
      preheader: 'Use the code inside to choose a new password.',
      intro: [
        'We received a request to reset the password of your account on the client portal of {{agencyName}}. Please enter the code below on the reset page to choose a new password.',
      ],
      secret: { label: 'Your reset code:', variable: 'code' },
      button: 'Reset password',
      textLink: 'Enter the code on the reset page:',
      notes: [codeNote],
      footer: 'If you did not ask to reset your password, you can simply ignore this email: your password stays unchanged.',
    },
    'registration-attempt': {
      subject: 'You already have an account on the {{agencyName}} client portal',
      preheader: 'Log in with your existing account or reset your password.',
      intro: [
        'Someone just tried to create an account on the client portal of {{agencyName}} with this email address. As you already have an account with this address, no new account was created.',
        'If this was you, you can simply log in with your existing account.',
      ],
      button: 'Log in',
      textLink: 'Log in here:',
      secondaryLink: {
        variable: 'resetLink',
        lead: 'Forgot your password? You can choose a new one in a few steps.',
        button: 'Reset password',
        textLink: 'Forgot your password? Choose a new one here:',
      },
      notes: [],
      footer: "If this wasn't you, you can simply ignore this email. Nothing has changed in your account.",
    },
    'password-changed': {
      subject: 'Your {{agencyName}} client portal password was changed',
      preheader: 'Your password was changed on {{changedAt}}.',
      intro: [
        'The password of your account on the client portal of {{agencyName}} was changed on {{changedAt}}. For your security, you have been signed out everywhere else.',
        'If this was you, there is nothing more to do.',
      ],
      button: 'Choose a new password',
      textLink: "If this wasn't you, choose a new password right away:",
      notes: ["If this wasn't you, choose a new password right away with the button above and let us know."],
      footer: 'You receive this email because the password of your client portal account was changed.',
    },
    'agent-message': {
      subject: '{{agentName}} replied to you in the {{agencyName}} client portal',
      preheader: 'A new message from {{agentName}} is waiting for you.',
      intro: ['{{agentName}} of {{agencyName}} has sent you a message in the client portal.'],
      excerptLabel: 'Message preview:',
      button: 'Read and reply',
      textLink: 'Read the whole message and reply in the client portal:',
      notes: ['For your privacy, the full conversation is only available in the client portal.'],
      footer: 'You receive this email because you have an account in the {{agencyName}} client portal.',
    },
    'new-message': {
      subject: 'New message from {{clientName}} in the client portal',
      preheader: '{{clientName}} sent you a message in the {{agencyName}} client portal.',
      greeting: '{{#agentName}}Hi {{agentName}},{{/agentName}}{{^agentName}}Hello,{{/agentName}}',
      intro: ['{{clientName}} has sent you a new message in the client portal of {{agencyName}}.'],
      excerptLabel: 'Message preview:',
      button: 'Open contact',
      textLink: 'Open the contact in the admin panel:',
      notes: ["You will find the full message on the contact's page."],
      signoff: ['{{agencyName}} client portal'],
      footer: 'You are receiving this email because you are the responsible agent for {{clientName}}.',
    },
  },
};
