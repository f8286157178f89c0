import type { LanguageCopy } from './types';

const ignore = 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail einfach ignorieren.';

const codeNote =
  'Dieser Code ist {{expiresInMinutes}} Minuten gültig und kann nur einmal verwendet werden. Bitte geben Sie ihn aus Sicherheitsgründen nicht weiter.';

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
    'account-created': {
      subject: 'Ihr Konto im Kundenportal von {{agencyName}} ist bereit',
      preheader: 'Hier finden Sie Ihre Zugangsdaten für das Kundenportal.',
      intro: [
        '{{#inviterName}}{{inviterName}} von {{agencyName}} hat für Sie ein Konto in unserem Kundenportal angelegt.{{/inviterName}}{{^inviterName}}{{agencyName}} hat für Sie ein Konto in unserem Kundenportal angelegt.{{/inviterName}} Dort finden Sie alles übersichtlich an einem Ort: die Immobilien, die Sie interessieren, aktuelle Neuigkeiten und den direkten Draht zu uns.',
        'Melden Sie sich mit Ihrer E-Mail-Adresse und dem unten stehenden vorläufigen Passwort an. Bei Ihrer ersten Anmeldung werden Sie gebeten, ein eigenes Passwort festzulegen.',
      ],
      details: [{ label: 'Ihre E-Mail-Adresse für die Anmeldung', value: '{{email}}' }],
      secret: { label: 'Ihr vorläufiges Passwort:', variable: 'temporaryPassword' },
      button: 'Anmelden',
      textLink: 'Hier melden Sie sich im Kundenportal an:',
      notes: ['Aus Sicherheitsgründen ist dieses vorläufige Passwort nur gültig bis {{expiresAt}}. Bitte geben Sie es nicht weiter.'],
      footer:
        'Sie erhalten diese E-Mail, weil {{agencyName}} ein Konto im Kundenportal für Sie angelegt hat. Falls Sie damit nicht gerechnet haben, geben Sie uns bitte Bescheid.',
    },
    'verify-email': {
      subject: 'Ihr Bestätigungscode für das Kundenportal von {{agencyName}}',
      preheader: 'Bestätigen Sie Ihre E-Mail-Adresse, um die Registrierung abzuschließen.',
      intro: [
        'Vielen Dank für Ihre Registrierung im Kundenportal von {{agencyName}}. Um Ihre E-Mail-Adresse zu bestätigen, geben Sie bitte den folgenden Code auf der Bestätigungsseite ein.',
      ],
      secret: { label: 'Ihr Bestätigungscode:', variable: 'code' },
      button: 'E-Mail-Adresse bestätigen',
      textLink: 'Geben Sie den Code auf der Bestätigungsseite ein:',
      notes: [codeNote],
      footer: 'Falls Sie kein Konto erstellt haben, können Sie diese E-Mail einfach ignorieren.',
    },
    'password-reset': {
      subject: 'Passwort zurücksetzen für das Kundenportal von {{agencyName}}',
      preheader: 'Mit dem Code in dieser E-Mail wählen Sie ein neues Passwort.',
      intro: [
        'Wir haben eine Anfrage erhalten, das Passwort Ihres Kontos im Kundenportal von {{agencyName}} zurückzusetzen. Bitte geben Sie den folgenden Code auf der Seite zum Zurücksetzen ein, um ein neues Passwort zu wählen.',
      ],
      secret: { label: 'Ihr Code zum Zurücksetzen:', variable: 'code' },
      button: 'Passwort zurücksetzen',
      textLink: 'Geben Sie den Code auf der Seite zum Zurücksetzen ein:',
      notes: [codeNote],
      footer:
        'Falls Sie dies nicht angefordert haben, können Sie diese E-Mail einfach ignorieren: Ihr Passwort bleibt unverändert.',
    },
    'registration-attempt': {
      subject: 'Sie haben bereits ein Konto im Kundenportal von {{agencyName}}',
      preheader: 'Melden Sie sich mit Ihrem bestehenden Konto an oder setzen Sie Ihr Passwort zurück.',
      intro: [
        'Soeben hat jemand versucht, mit dieser E-Mail-Adresse ein Konto im Kundenportal von {{agencyName}} zu erstellen. Da für diese Adresse bereits ein Konto besteht, wurde kein neues Konto angelegt.',
        'Falls Sie das waren, melden Sie sich einfach mit Ihrem bestehenden Konto an.',
      ],
      button: 'Anmelden',
      textLink: 'Hier melden Sie sich an:',
      secondaryLink: {
        variable: 'resetLink',
        lead: 'Passwort vergessen? In wenigen Schritten wählen Sie ein neues.',
        button: 'Passwort zurücksetzen',
        textLink: 'Passwort vergessen? Hier wählen Sie ein neues:',
      },
      notes: [],
      footer: 'Falls Sie das nicht waren, können Sie diese E-Mail einfach ignorieren. An Ihrem Konto hat sich nichts geändert.',
    },
    'password-changed': {
      subject: 'Ihr Passwort für das Kundenportal von {{agencyName}} wurde geändert',
      preheader: 'Ihr Passwort wurde am {{changedAt}} geändert.',
      intro: [
        'Das Passwort Ihres Kontos im Kundenportal von {{agencyName}} wurde am {{changedAt}} geändert. Zu Ihrer Sicherheit wurden Sie überall sonst abgemeldet.',
        'Wenn Sie das waren, müssen Sie nichts weiter tun.',
      ],
      button: 'Neues Passwort wählen',
      textLink: 'Wenn Sie das nicht waren, wählen Sie sofort ein neues Passwort:',
      notes: ['Wenn Sie das nicht waren, wählen Sie sofort über die Schaltfläche oben ein neues Passwort und geben Sie uns Bescheid.'],
      footer: 'Sie erhalten diese E-Mail, weil das Passwort Ihres Kundenportal-Kontos geändert wurde.',
    },
    'agent-message': {
      subject: '{{agentName}} hat Ihnen im Kundenportal von {{agencyName}} geantwortet',
      preheader: 'Eine neue Nachricht von {{agentName}} wartet auf Sie.',
      intro: ['{{agentName}} von {{agencyName}} hat Ihnen über das Kundenportal eine Nachricht geschickt.'],
      excerptLabel: 'Vorschau der Nachricht:',
      button: 'Lesen und antworten',
      textLink: 'Hier lesen Sie die ganze Nachricht und antworten im Kundenportal:',
      notes: ['Zum Schutz Ihrer Privatsphäre ist das ganze Gespräch nur im Kundenportal zu lesen.'],
      footer: 'Sie erhalten diese E-Mail, weil Sie ein Konto im Kundenportal von {{agencyName}} haben.',
    },
    'new-message': {
      subject: 'Neue Nachricht von {{clientName}} im Kundenportal',
      preheader: '{{clientName}} hat Ihnen über das Kundenportal von {{agencyName}} eine Nachricht geschickt.',
      greeting: '{{#agentName}}Hallo {{agentName}},{{/agentName}}{{^agentName}}Guten Tag,{{/agentName}}',
      intro: ['{{clientName}} hat Ihnen über das Kundenportal von {{agencyName}} eine neue Nachricht geschickt.'],
      excerptLabel: 'Vorschau der Nachricht:',
      button: 'Kontakt öffnen',
      textLink: 'Hier öffnen Sie den Kontakt im Admin-Bereich:',
      notes: ['Die vollständige Nachricht finden Sie beim Kontakt.'],
      signoff: ['Kundenportal von {{agencyName}}'],
      footer: 'Sie erhalten diese E-Mail, weil Sie für {{clientName}} zuständig sind.',
    },
  },
};
