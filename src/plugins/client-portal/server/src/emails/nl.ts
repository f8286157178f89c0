import type { LanguageCopy } from './types';

const ignore = 'Had u deze uitnodiging niet verwacht? Dan kunt u deze e-mail gewoon negeren.';

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
  },
};
