import type { LanguageCopy } from './types';

const ignore = 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail einfach ignorieren.';

export const de: LanguageCopy = {
  language: 'de',
  greeting: '{{#firstName}}Hallo {{firstName}},{{/firstName}}{{^firstName}}Guten Tag,{{/firstName}}',
  propertyLabel: 'Immobilie',
  messageLabel: 'Eine persönliche Nachricht von {{inviterName}}:',
  linkHint: 'Der Button funktioniert nicht? Kopieren Sie diesen Link in die Adresszeile Ihres Browsers:',
  signoff: ['Mit freundlichen Grüßen', '{{agencyName}}'],
  colon: ': ',
  quotes: ['„', '“'],
  templates: {
    invitation: {
      subject: '{{inviterName}} lädt Sie zum Kundenportal von {{agencyName}} ein',
      preheader: 'Nehmen Sie Ihre Einladung an und finden Sie alles an einem Ort.',
      intro: [
        '{{inviterName}} hat Sie zum Kundenportal von {{agencyName}} eingeladen. Dort finden Sie alles übersichtlich an einem Ort: die Immobilien, die Sie interessieren, aktuelle Neuigkeiten und den direkten Draht zu uns.',
      ],
      button: 'Einladung annehmen',
      textLink: 'Über diesen Link nehmen Sie Ihre Einladung an:',
      notes: ['Aus Sicherheitsgründen kann dieser Link nur einmal verwendet werden. Er ist gültig bis {{expiresAt}}.'],
      footer: ignore,
    },
    'invitation-reminder': {
      subject: 'Erinnerung: Ihre Einladung zum Kundenportal von {{agencyName}}',
      preheader: 'Hier ist Ihr neuer Link, um die Einladung anzunehmen.',
      intro: [
        'Eine kurze Erinnerung: {{inviterName}} hat Sie zum Kundenportal von {{agencyName}} eingeladen. Dort finden Sie alles übersichtlich an einem Ort: die Immobilien, die Sie interessieren, aktuelle Neuigkeiten und den direkten Draht zu uns.',
        'Hier ist Ihr neuer Link. Aus Sicherheitsgründen funktionieren frühere Einladungslinks nicht mehr.',
      ],
      button: 'Einladung annehmen',
      textLink: 'Über diesen Link nehmen Sie Ihre Einladung an:',
      notes: ['Der neue Link kann nur einmal verwendet werden und ist gültig bis {{expiresAt}}.'],
      footer: ignore,
    },
    'property-shared': {
      subject: 'Eine neue Immobilie für Sie: {{propertyTitle}}',
      preheader: '{{inviterName}} hat in Ihrem Kundenportal eine Immobilie mit Ihnen geteilt.',
      intro: [
        '{{inviterName}} von {{agencyName}} hat eine neue Immobilie mit Ihnen geteilt. Alle Details finden Sie in Ihrem Kundenportal.',
      ],
      button: 'Immobilie ansehen',
      textLink: 'Hier geht es zur Immobilie:',
      notes: ['Schauen Sie gern vorbei und sagen Sie uns, was Sie davon halten. Bei Fragen sind wir jederzeit für Sie da.'],
      footer: 'Sie erhalten diese E-Mail, weil Sie ein Konto im Kundenportal von {{agencyName}} haben.',
    },
  },
};
