import type { LanguageCopy } from './types';

const ignore = 'Had u deze uitnodiging niet verwacht? Dan kunt u deze e-mail gewoon negeren.';

const codeNote =
  'Deze code is {{expiresInMinutes}} minuten geldig en kunt u maar één keer gebruiken. Deel hem voor uw veiligheid met niemand.';

export const nl: LanguageCopy = {
  language: 'nl',
  greeting: '{{#firstName}}Beste {{firstName}},{{/firstName}}{{^firstName}}Goedendag,{{/firstName}}',
  propertyLabel: 'Woning',
  messageLabel: 'Een persoonlijk bericht van {{inviterName}}:',
  linkHint: 'Werkt de knop niet? Kopieer dan deze link en plak hem in uw browser:',
  signoff: ['Met vriendelijke groet,', '{{agencyName}}'],
  colon: ': ',
  quotes: ['“', '”'],
  templates: {
    invitation: {
      subject: '{{inviterName}} nodigt u uit voor het klantenportaal van {{agencyName}}',
      preheader: 'Accepteer uw uitnodiging en vind alles overzichtelijk op één plek.',
      intro: [
        '{{inviterName}} heeft u uitgenodigd voor het klantenportaal van {{agencyName}}. Daar vindt u alles overzichtelijk bij elkaar: de woningen die u interesseren, de laatste updates en een directe lijn met ons.',
      ],
      button: 'Uitnodiging accepteren',
      textLink: 'Accepteer uw uitnodiging via deze link:',
      notes: ['Voor uw veiligheid kunt u deze link maar één keer gebruiken. De link verloopt op {{expiresAt}}.'],
      footer: ignore,
    },
    'invitation-reminder': {
      subject: 'Herinnering: uw uitnodiging voor het klantenportaal van {{agencyName}}',
      preheader: 'Hier is een nieuwe link om uw uitnodiging te accepteren.',
      intro: [
        'Een vriendelijke herinnering: {{inviterName}} heeft u uitgenodigd voor het klantenportaal van {{agencyName}}. Daar vindt u alles overzichtelijk bij elkaar: de woningen die u interesseren, de laatste updates en een directe lijn met ons.',
        'Hieronder vindt u een nieuwe link. Voor uw veiligheid werkt een eerdere uitnodigingslink niet meer.',
      ],
      button: 'Uitnodiging accepteren',
      textLink: 'Accepteer uw uitnodiging via deze link:',
      notes: ['Deze nieuwe link kunt u maar één keer gebruiken en verloopt op {{expiresAt}}.'],
      footer: ignore,
    },
    'property-shared': {
      subject: 'Nieuwe woning voor u: {{propertyTitle}}',
      preheader: '{{inviterName}} heeft een woning met u gedeeld in uw klantenportaal.',
      intro: [
        '{{inviterName}} van {{agencyName}} heeft een nieuwe woning met u gedeeld. U vindt alle details in uw klantenportaal.',
      ],
      button: 'Bekijk de woning',
      textLink: 'Bekijk de woning via deze link:',
      notes: ['Neem gerust een kijkje en laat ons weten wat u ervan vindt. We beantwoorden graag al uw vragen.'],
      footer: 'U ontvangt deze e-mail omdat u een account heeft op het klantenportaal van {{agencyName}}.',
    },
    'account-created': {
      subject: 'Uw account voor het klantenportaal van {{agencyName}} is klaar',
      preheader: 'Hierin vindt u uw inloggegevens voor het klantenportaal.',
      intro: [
        '{{#inviterName}}{{inviterName}} van {{agencyName}} heeft een account voor u aangemaakt op ons klantenportaal.{{/inviterName}}{{^inviterName}}{{agencyName}} heeft een account voor u aangemaakt op ons klantenportaal.{{/inviterName}} Daar vindt u alles overzichtelijk bij elkaar: de woningen die u interesseren, de laatste updates en een directe lijn met ons.',
        'U logt in met uw e-mailadres en het tijdelijke wachtwoord hieronder. Bij uw eerste aanmelding vragen we u om zelf een wachtwoord te kiezen.',
      ],
      details: [{ label: 'Uw e-mailadres om in te loggen', value: '{{email}}' }],
      secret: { label: 'Uw tijdelijke wachtwoord:', variable: 'temporaryPassword' },
      button: 'Inloggen',
      textLink: 'Log in op het klantenportaal via deze link:',
      notes: ['Voor uw veiligheid verloopt dit tijdelijke wachtwoord op {{expiresAt}}. Deel het alstublieft met niemand.'],
      footer:
        'U ontvangt deze e-mail omdat {{agencyName}} een account op het klantenportaal voor u heeft aangemaakt. Had u dit niet verwacht? Laat het ons dan weten.',
    },
    'verify-email': {
      subject: 'Uw verificatiecode voor het klantenportaal van {{agencyName}}',
      preheader: 'Bevestig uw e-mailadres om het aanmaken van uw account af te ronden.',
      intro: [
        'Bedankt voor het aanmaken van een account op het klantenportaal van {{agencyName}}. Vul de code hieronder in op de verificatiepagina om uw e-mailadres te bevestigen.',
      ],
      secret: { label: 'Uw verificatiecode:', variable: 'code' },
      button: 'E-mailadres bevestigen',
      textLink: 'Vul de code in op de verificatiepagina:',
      notes: [codeNote],
      footer: 'Heeft u geen account aangemaakt? Dan kunt u deze e-mail gewoon negeren.',
    },
    'password-reset': {
      subject: 'Nieuw wachtwoord instellen voor het klantenportaal van {{agencyName}}',
      preheader: 'Met de code in deze e-mail kiest u een nieuw wachtwoord.',
      intro: [
        'We hebben een verzoek ontvangen om het wachtwoord van uw account op het klantenportaal van {{agencyName}} opnieuw in te stellen. Vul de code hieronder in op de herstelpagina om een nieuw wachtwoord te kiezen.',
      ],
      secret: { label: 'Uw herstelcode:', variable: 'code' },
      button: 'Nieuw wachtwoord kiezen',
      textLink: 'Vul de code in op de herstelpagina:',
      notes: [codeNote],
      footer: 'Heeft u dit niet aangevraagd? Dan kunt u deze e-mail gewoon negeren: uw wachtwoord blijft ongewijzigd.',
    },
    'registration-attempt': {
      subject: 'U heeft al een account op het klantenportaal van {{agencyName}}',
      preheader: 'Log in met uw bestaande account of kies een nieuw wachtwoord.',
      intro: [
        'Zojuist probeerde iemand met dit e-mailadres een account aan te maken op het klantenportaal van {{agencyName}}. Omdat er al een account met dit adres bestaat, is er geen nieuw account aangemaakt.',
        'Was u dat zelf? Dan kunt u gewoon inloggen met uw bestaande account.',
      ],
      button: 'Inloggen',
      textLink: 'Log hier in:',
      secondaryLink: {
        variable: 'resetLink',
        lead: 'Wachtwoord vergeten? In een paar stappen kiest u een nieuw wachtwoord.',
        button: 'Nieuw wachtwoord kiezen',
        textLink: 'Wachtwoord vergeten? Kies hier een nieuw wachtwoord:',
      },
      notes: [],
      footer: 'Was u dit niet? Dan kunt u deze e-mail gewoon negeren. Er is niets aan uw account veranderd.',
    },
    'password-changed': {
      subject: 'Uw wachtwoord voor het klantenportaal van {{agencyName}} is gewijzigd',
      preheader: 'Uw wachtwoord is gewijzigd op {{changedAt}}.',
      intro: [
        'Het wachtwoord van uw account op het klantenportaal van {{agencyName}} is gewijzigd op {{changedAt}}. Voor uw veiligheid bent u overal elders afgemeld.',
        'Heeft u dit zelf gedaan? Dan hoeft u niets te doen.',
      ],
      button: 'Kies een nieuw wachtwoord',
      textLink: 'Heeft u dit niet zelf gedaan? Kies dan direct een nieuw wachtwoord:',
      notes: ['Heeft u dit niet zelf gedaan? Kies dan direct een nieuw wachtwoord met de knop hierboven en laat het ons weten.'],
      footer: 'U ontvangt deze e-mail omdat het wachtwoord van uw account op het klantenportaal is gewijzigd.',
    },
    'agent-message': {
      subject: '{{agentName}} heeft u geantwoord in het klantenportaal van {{agencyName}}',
      preheader: 'Er staat een nieuw bericht van {{agentName}} voor u klaar.',
      intro: ['{{agentName}} van {{agencyName}} heeft u een bericht gestuurd via het klantenportaal.'],
      excerptLabel: 'Voorbeeld van het bericht:',
      button: 'Lezen en antwoorden',
      textLink: 'Lees het volledige bericht en antwoord in het klantenportaal:',
      notes: ['Voor uw privacy is het volledige gesprek alleen in het klantenportaal te lezen.'],
      footer: 'U ontvangt deze e-mail omdat u een account hebt in het klantenportaal van {{agencyName}}.',
    },
    'new-message': {
      subject: 'Nieuw bericht van {{clientName}} in het klantenportaal',
      preheader: '{{clientName}} heeft u een bericht gestuurd via het klantenportaal van {{agencyName}}.',
      greeting: '{{#agentName}}Beste {{agentName}},{{/agentName}}{{^agentName}}Goedendag,{{/agentName}}',
      intro: ['{{clientName}} heeft u een nieuw bericht gestuurd via het klantenportaal van {{agencyName}}.'],
      excerptLabel: 'Voorbeeld van het bericht:',
      button: 'Contact openen',
      textLink: 'Open het contact in het beheerpaneel:',
      notes: ['Het volledige bericht vindt u op de pagina van het contact.'],
      signoff: ['Klantenportaal van {{agencyName}}'],
      footer: 'U ontvangt deze e-mail omdat u de verantwoordelijke makelaar bent voor {{clientName}}.',
    },
  },
};
