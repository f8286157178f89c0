import type { LanguageCopy } from './types';

// French typography: a non-breaking space (\u00a0) goes before ":", "?" and inside « ».
const ignore = 'Si vous n’attendiez pas cette invitation, vous pouvez simplement ignorer cet e-mail.';

export const fr: LanguageCopy = {
  language: 'fr',
  greeting: '{{#firstName}}Bonjour {{firstName}},{{/firstName}}{{^firstName}}Bonjour,{{/firstName}}',
  propertyLabel: 'Bien',
  messageLabel: 'Un message personnel de {{inviterName}}\u00a0:',
  linkHint: 'Le bouton ne fonctionne pas\u00a0? Copiez ce lien et collez-le dans votre navigateur\u00a0:',
  signoff: ['Bien cordialement,', '{{agencyName}}'],
  colon: '\u00a0: ',
  quotes: ['«\u00a0', '\u00a0»'],
  templates: {
    invitation: {
      subject: '{{inviterName}} vous invite sur l’espace client {{agencyName}}',
      preheader: 'Acceptez votre invitation et retrouvez tout au même endroit.',
      intro: [
        '{{inviterName}} vous invite à rejoindre l’espace client {{agencyName}}. Vous y retrouverez tout au même endroit\u00a0: les biens qui vous intéressent, les dernières nouvelles et un contact direct avec nous.',
      ],
      button: 'Accepter l’invitation',
      textLink: 'Acceptez votre invitation en ouvrant ce lien\u00a0:',
      notes: ['Pour votre sécurité, ce lien n’est utilisable qu’une seule fois et expire le {{expiresAt}}.'],
      footer: ignore,
    },
    'invitation-reminder': {
      subject: 'Rappel\u00a0: votre invitation à l’espace client {{agencyName}}',
      preheader: 'Voici un nouveau lien pour accepter votre invitation.',
      intro: [
        'Petit rappel\u00a0: {{inviterName}} vous invite à rejoindre l’espace client {{agencyName}}. Les biens qui vous intéressent, les dernières nouvelles et un contact direct avec nous y sont réunis au même endroit.',
        'Voici un nouveau lien. Pour votre sécurité, les liens d’invitation précédents ne fonctionnent plus.',
      ],
      button: 'Accepter l’invitation',
      textLink: 'Acceptez votre invitation en ouvrant ce lien\u00a0:',
      notes: ['Ce nouveau lien n’est utilisable qu’une seule fois et expire le {{expiresAt}}.'],
      footer: ignore,
    },
    'property-shared': {
      subject: 'Un nouveau bien pour vous\u00a0: {{propertyTitle}}',
      preheader: '{{inviterName}} a partagé un bien avec vous dans votre espace client.',
      intro: [
        '{{inviterName}}, de l’agence {{agencyName}}, a partagé un nouveau bien avec vous. Vous en trouverez tous les détails dans votre espace client.',
      ],
      button: 'Voir le bien',
      textLink: 'Découvrez le bien en ouvrant ce lien\u00a0:',
      notes: [
        'N’hésitez pas à y jeter un œil et à nous dire ce que vous en pensez. Nous répondrons volontiers à vos questions.',
      ],
      footer: 'Vous recevez cet e-mail car vous disposez d’un compte sur l’espace client {{agencyName}}.',
    },
  },
};
