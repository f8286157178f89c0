import type { LanguageCopy } from './types';

// French typography: a non-breaking space (\u00a0) goes before ":", "?" and inside « ».
const ignore = 'Si vous n’attendiez pas cette invitation, vous pouvez simplement ignorer cet e-mail.';

const codeNote =
  'Ce code est valable {{expiresInMinutes}}\u00a0minutes et n’est utilisable qu’une seule fois. Pour votre sécurité, ne le communiquez à personne.';

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
    'account-created': {
      subject: 'Votre compte sur l’espace client {{agencyName}} est prêt',
      preheader: 'Vos informations de connexion à l’espace client se trouvent dans cet e-mail.',
      intro: [
        '{{#inviterName}}{{inviterName}}, de l’agence {{agencyName}}, a créé pour vous un compte sur notre espace client.{{/inviterName}}{{^inviterName}}L’agence {{agencyName}} a créé pour vous un compte sur notre espace client.{{/inviterName}} Vous y retrouverez tout au même endroit\u00a0: les biens qui vous intéressent, les dernières nouvelles et un contact direct avec nous.',
        'Connectez-vous avec votre adresse e-mail et le mot de passe temporaire ci-dessous. Lors de votre première connexion, il vous sera demandé de choisir votre propre mot de passe.',
      ],
      details: [{ label: 'Votre adresse e-mail de connexion', value: '{{email}}' }],
      secret: { label: 'Votre mot de passe temporaire\u00a0:', variable: 'temporaryPassword' },
      button: 'Se connecter',
      textLink: 'Connectez-vous à l’espace client en ouvrant ce lien\u00a0:',
      notes: [
        'Pour votre sécurité, ce mot de passe temporaire expire le {{expiresAt}}. Merci de ne le communiquer à personne.',
      ],
      footer:
        'Vous recevez cet e-mail car l’agence {{agencyName}} vous a créé un compte sur son espace client. Si vous ne vous y attendiez pas, merci de nous le signaler.',
    },
    'verify-email': {
      subject: 'Votre code de vérification pour l’espace client {{agencyName}}',
      preheader: 'Confirmez votre adresse e-mail pour finaliser la création de votre compte.',
      intro: [
        'Merci d’avoir créé un compte sur l’espace client {{agencyName}}. Pour confirmer votre adresse e-mail, saisissez le code ci-dessous sur la page de vérification.',
      ],
      secret: { label: 'Votre code de vérification\u00a0:', variable: 'code' },
      button: 'Vérifier l’adresse e-mail',
      textLink: 'Saisissez le code sur la page de vérification\u00a0:',
      notes: [codeNote],
      footer: 'Si vous n’avez pas créé de compte, vous pouvez simplement ignorer cet e-mail.',
    },
    'password-reset': {
      subject: 'Réinitialisation de votre mot de passe pour l’espace client {{agencyName}}',
      preheader: 'Utilisez le code de cet e-mail pour choisir un nouveau mot de passe.',
      intro: [
        'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte sur l’espace client {{agencyName}}. Saisissez le code ci-dessous sur la page de réinitialisation pour choisir un nouveau mot de passe.',
      ],
      secret: { label: 'Votre code de réinitialisation\u00a0:', variable: 'code' },
      button: 'Réinitialiser le mot de passe',
      textLink: 'Saisissez le code sur la page de réinitialisation\u00a0:',
      notes: [codeNote],
      footer:
        'Si vous n’êtes pas à l’origine de cette demande, vous pouvez simplement ignorer cet e-mail\u00a0: votre mot de passe reste inchangé.',
    },
    'registration-attempt': {
      subject: 'Vous avez déjà un compte sur l’espace client {{agencyName}}',
      preheader: 'Connectez-vous avec votre compte existant ou réinitialisez votre mot de passe.',
      intro: [
        'Quelqu’un vient d’essayer de créer un compte sur l’espace client {{agencyName}} avec cette adresse e-mail. Comme un compte existe déjà pour cette adresse, aucun nouveau compte n’a été créé.',
        'S’il s’agit de vous, il vous suffit de vous connecter avec votre compte existant.',
      ],
      button: 'Se connecter',
      textLink: 'Connectez-vous en ouvrant ce lien\u00a0:',
      secondaryLink: {
        variable: 'resetLink',
        lead: 'Mot de passe oublié\u00a0? Vous pouvez en choisir un nouveau en quelques étapes.',
        button: 'Réinitialiser le mot de passe',
        textLink: 'Mot de passe oublié\u00a0? Choisissez-en un nouveau en ouvrant ce lien\u00a0:',
      },
      notes: [],
      footer: 'S’il ne s’agit pas de vous, vous pouvez simplement ignorer cet e-mail. Rien n’a changé sur votre compte.',
    },
    'password-changed': {
      subject: 'Le mot de passe de votre portail client {{agencyName}} a été modifié',
      preheader: 'Votre mot de passe a été modifié le {{changedAt}}.',
      intro: [
        'Le mot de passe de votre compte sur le portail client de {{agencyName}} a été modifié le {{changedAt}}. Pour votre sécurité, vous avez été déconnecté partout ailleurs.',
        'Si c’était vous, vous n’avez rien à faire.',
      ],
      button: 'Choisir un nouveau mot de passe',
      textLink: 'Si ce n’était pas vous, choisissez tout de suite un nouveau mot de passe :',
      notes: ['Si ce n’était pas vous, choisissez tout de suite un nouveau mot de passe avec le bouton ci-dessus et prévenez-nous.'],
      footer: 'Vous recevez cet e-mail parce que le mot de passe de votre compte du portail client a été modifié.',
    },
    'agent-message': {
      subject: '{{agentName}} vous a répondu sur l’espace client {{agencyName}}',
      preheader: 'Un nouveau message de {{agentName}} vous attend.',
      intro: ['{{agentName}} de {{agencyName}} vous a envoyé un message via l’espace client.'],
      excerptLabel: 'Aperçu du message\u00a0:',
      button: 'Lire et répondre',
      textLink: 'Lisez le message complet et répondez sur l’espace client\u00a0:',
      notes: ['Pour protéger votre vie privée, la conversation complète n’est disponible que sur l’espace client.'],
      footer: 'Vous recevez cet e-mail car vous avez un compte sur l’espace client {{agencyName}}.',
    },
    'new-message': {
      subject: 'Nouveau message de {{clientName}} sur l’espace client',
      preheader: '{{clientName}} vous a envoyé un message via l’espace client {{agencyName}}.',
      greeting: '{{#agentName}}Bonjour {{agentName}},{{/agentName}}{{^agentName}}Bonjour,{{/agentName}}',
      intro: ['{{clientName}} vous a envoyé un nouveau message via l’espace client {{agencyName}}.'],
      excerptLabel: 'Aperçu du message\u00a0:',
      button: 'Ouvrir le contact',
      textLink: 'Ouvrez le contact dans l’interface d’administration\u00a0:',
      notes: ['Le message complet se trouve sur la fiche du contact.'],
      signoff: ['Espace client {{agencyName}}'],
      footer: 'Vous recevez cet e-mail car vous êtes l’agent responsable de {{clientName}}.',
    },
  },
};
