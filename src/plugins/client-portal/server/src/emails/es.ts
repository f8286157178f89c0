import type { LanguageCopy } from './types';

const ignore = 'Si no esperaba esta invitación, puede ignorar este correo sin problema.';

const codeNote =
  'Este código es válido durante {{expiresInMinutes}} minutos y solo puede usarse una vez. Por su seguridad, no lo comparta con nadie.';

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
    'account-created': {
      subject: 'Su cuenta en el portal de clientes de {{agencyName}} está lista',
      preheader: 'Aquí tiene sus datos de acceso al portal de clientes.',
      intro: [
        '{{#inviterName}}{{inviterName}}, de {{agencyName}}, le ha creado una cuenta en nuestro portal de clientes.{{/inviterName}}{{^inviterName}}{{agencyName}} le ha creado una cuenta en nuestro portal de clientes.{{/inviterName}} Allí encontrará todo en un solo lugar: los inmuebles que le interesan, las últimas novedades y contacto directo con nosotros.',
        'Inicie sesión con su dirección de correo electrónico y la contraseña temporal que figura a continuación. La primera vez que inicie sesión, se le pedirá que elija su propia contraseña.',
      ],
      details: [{ label: 'Su correo electrónico de acceso', value: '{{email}}' }],
      secret: { label: 'Su contraseña temporal:', variable: 'temporaryPassword' },
      button: 'Iniciar sesión',
      textLink: 'Inicie sesión en el portal de clientes a través de este enlace:',
      notes: ['Por su seguridad, esta contraseña temporal caduca el {{expiresAt}}. Le rogamos que no la comparta con nadie.'],
      footer:
        'Recibe este correo porque {{agencyName}} le ha creado una cuenta en su portal de clientes. Si no lo esperaba, le rogamos que nos lo comunique.',
    },
    'verify-email': {
      subject: 'Su código de verificación para el portal de clientes de {{agencyName}}',
      preheader: 'Confirme su dirección de correo electrónico para completar el registro.',
      intro: [
        'Gracias por crear una cuenta en el portal de clientes de {{agencyName}}. Para confirmar su dirección de correo electrónico, introduzca el siguiente código en la página de verificación.',
      ],
      secret: { label: 'Su código de verificación:', variable: 'code' },
      button: 'Verificar correo electrónico',
      textLink: 'Introduzca el código en la página de verificación:',
      notes: [codeNote],
      footer: 'Si no ha creado ninguna cuenta, puede ignorar este correo sin problema.',
    },
    'password-reset': {
      subject: 'Restablezca su contraseña del portal de clientes de {{agencyName}}',
      preheader: 'Utilice el código de este correo para elegir una nueva contraseña.',
      intro: [
        'Hemos recibido una solicitud para restablecer la contraseña de su cuenta en el portal de clientes de {{agencyName}}. Introduzca el siguiente código en la página de restablecimiento para elegir una nueva contraseña.',
      ],
      secret: { label: 'Su código de restablecimiento:', variable: 'code' },
      button: 'Restablecer contraseña',
      textLink: 'Introduzca el código en la página de restablecimiento:',
      notes: [codeNote],
      footer: 'Si no ha solicitado este cambio, puede ignorar este correo sin problema: su contraseña no se modificará.',
    },
    'registration-attempt': {
      subject: 'Ya tiene una cuenta en el portal de clientes de {{agencyName}}',
      preheader: 'Inicie sesión con su cuenta o restablezca su contraseña.',
      intro: [
        'Alguien acaba de intentar crear una cuenta en el portal de clientes de {{agencyName}} con esta dirección de correo electrónico. Como ya existe una cuenta con esta dirección, no se ha creado ninguna cuenta nueva.',
        'Si ha sido usted, simplemente inicie sesión con su cuenta.',
      ],
      button: 'Iniciar sesión',
      textLink: 'Inicie sesión a través de este enlace:',
      secondaryLink: {
        variable: 'resetLink',
        lead: '¿Ha olvidado su contraseña? Puede elegir una nueva en unos pocos pasos.',
        button: 'Restablecer contraseña',
        textLink: '¿Ha olvidado su contraseña? Elija una nueva a través de este enlace:',
      },
      notes: [],
      footer: 'Si no ha sido usted, puede ignorar este correo sin problema. Su cuenta no ha sufrido ningún cambio.',
    },
    'password-changed': {
      subject: 'Se ha cambiado la contraseña de su portal de clientes de {{agencyName}}',
      preheader: 'Su contraseña se cambió el {{changedAt}}.',
      intro: [
        'La contraseña de su cuenta en el portal de clientes de {{agencyName}} se cambió el {{changedAt}}. Por su seguridad, se ha cerrado su sesión en todos los demás lugares.',
        'Si fue usted, no tiene que hacer nada más.',
      ],
      button: 'Elegir una nueva contraseña',
      textLink: 'Si no fue usted, elija una nueva contraseña de inmediato:',
      notes: ['Si no fue usted, elija una nueva contraseña de inmediato con el botón de arriba y avísenos.'],
      footer: 'Recibe este correo porque se ha cambiado la contraseña de su cuenta del portal de clientes.',
    },
    'agent-message': {
      subject: '{{agentName}} le ha respondido en el portal de clientes de {{agencyName}}',
      preheader: 'Tiene un nuevo mensaje de {{agentName}}.',
      intro: ['{{agentName}}, de {{agencyName}}, le ha enviado un mensaje a través del portal de clientes.'],
      excerptLabel: 'Vista previa del mensaje:',
      button: 'Leer y responder',
      textLink: 'Lea el mensaje completo y responda en el portal de clientes:',
      notes: ['Por su privacidad, la conversación completa solo está disponible en el portal de clientes.'],
      footer: 'Recibe este correo porque tiene una cuenta en el portal de clientes de {{agencyName}}.',
    },
    'new-message': {
      subject: 'Nuevo mensaje de {{clientName}} en el portal de clientes',
      preheader: '{{clientName}} le ha enviado un mensaje a través del portal de clientes de {{agencyName}}.',
      greeting: '{{#agentName}}Hola, {{agentName}}:{{/agentName}}{{^agentName}}Hola:{{/agentName}}',
      intro: ['{{clientName}} le ha enviado un nuevo mensaje a través del portal de clientes de {{agencyName}}.'],
      excerptLabel: 'Vista previa del mensaje:',
      button: 'Abrir contacto',
      textLink: 'Abra el contacto en el panel de administración:',
      notes: ['Encontrará el mensaje completo en la ficha del contacto.'],
      signoff: ['Portal de clientes de {{agencyName}}'],
      footer: 'Recibe este correo porque figura como agente responsable de {{clientName}}.',
    },
  },
};
