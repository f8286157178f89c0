import { pluginType } from './define';

/**
 * A form sent to one contact, and their answers: `sent` until they answer, then `completed`. One per form and
 * contact (`responseKey`), whichever invitations carried the form; an agent may reopen it to let them answer again.
 * Uploaded files are private client files (attached here, shown through signed links).
 */
export default pluginType(
  { singular: 'form-response', plural: 'form-responses', display: 'Portal form answers' },
  'A form sent to a contact, and their answers',
  {
    form: { type: 'relation', relation: 'manyToOne', target: 'plugin::client-portal.form' },
    contact: { type: 'relation', relation: 'manyToOne', target: 'api::contact.contact' },
    /** The portal account that answered. */
    account: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
    status: { type: 'enumeration', enum: ['sent', 'completed'], default: 'sent', required: true },
    sentAt: { type: 'datetime' },
    completedAt: { type: 'datetime' },
    reopenedAt: { type: 'datetime' },
    /** `{ [fieldKey]: value }`; a file field holds `{ fileId }`. */
    answers: { type: 'json' },
    files: { type: 'media', multiple: true, allowedTypes: ['images', 'files'] },
    /** `<form documentId>:<contact documentId>`, unique: one answer sheet per form and contact. */
    responseKey: { type: 'string', private: true, maxLength: 120, column: { unique: true } },
  },
);
