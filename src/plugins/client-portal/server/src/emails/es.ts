import type { LanguageCopy } from './types';

const ignore = 'Si no esperaba esta invitación, puede ignorar este correo sin problema.';

export const es: LanguageCopy = {
  language: 'es',
  greeting: '{{#firstName}}Hola, {{firstName}}:{{/firstName}}{{^firstName}}Hola:{{/firstName}}',
  propertyLabel: 'Inmueble',
  messageLabel: 'Un mensaje personal de {{inviterName}}:',
  linkHint: '¿El botón no funciona? Copie este enlace y péguelo en su navegador:',
  signoff: ['Un cordial saludo,', '{{agencyName}}'],
  colon: ': ',
  quotes: ['«', '»'],
  templates: {
    invitation: {
      subject: '{{inviterName}} le invita al portal de clientes de {{agencyName}}',
      preheader: 'Acepte su invitación y encuentre todo en un solo lugar.',
      intro: [
        '{{inviterName}} le ha invitado al portal de clientes de {{agencyName}}. Allí encontrará todo en un solo lugar: los inmuebles que le interesan, las últimas novedades y contacto directo con nosotros.',
      ],
      button: 'Aceptar invitación',
      textLink: 'Acepte su invitación a través de este enlace:',
      notes: ['Por su seguridad, este enlace solo puede usarse una vez y caduca el {{expiresAt}}.'],
      footer: ignore,
    },
    'invitation-reminder': {
      subject: 'Recordatorio: su invitación al portal de clientes de {{agencyName}}',
      preheader: 'Aquí tiene un nuevo enlace para aceptar su invitación.',
      intro: [
        'Le recordamos que {{inviterName}} le ha invitado al portal de clientes de {{agencyName}}, donde encontrará todo en un solo lugar: los inmuebles que le interesan, las últimas novedades y contacto directo con nosotros.',
        'Aquí tiene un nuevo enlace. Por su seguridad, los enlaces de invitación anteriores ya no funcionan.',
      ],
      button: 'Aceptar invitación',
      textLink: 'Acepte su invitación a través de este enlace:',
      notes: ['Este nuevo enlace solo puede usarse una vez y caduca el {{expiresAt}}.'],
      footer: ignore,
    },
    'property-shared': {
      subject: 'Un nuevo inmueble para usted: {{propertyTitle}}',
      preheader: '{{inviterName}} ha compartido un inmueble con usted en su portal de clientes.',
      intro: [
        '{{inviterName}}, de {{agencyName}}, ha compartido un nuevo inmueble con usted. Encontrará todos los detalles en su portal de clientes.',
      ],
      button: 'Ver el inmueble',
      textLink: 'Vea el inmueble a través de este enlace:',
      notes: ['Échele un vistazo y cuéntenos qué le parece. Estaremos encantados de resolver cualquier duda.'],
      footer: 'Recibe este correo porque tiene una cuenta en el portal de clientes de {{agencyName}}.',
    },
  },
};
