/**
 * The object types of the portal's GraphQL API: one per thing a client reads, with the same fields as the REST
 * answers (no `JSON` scalar anywhere in a client operation's result). Fields are written as GraphQL types
 * (`'String!'`, `'[PortalFile!]!'`); `Date` is an ISO 8601 string made from whatever the database handed back.
 */

type Field = string | { type: string; description?: string; resolve?: (parent: any) => unknown };
type Fields = Record<string, Field>;

/** Flag → granted pairs of a permissions object. */
const permissionList = (parent: any) => Object.entries(parent.permissions ?? {}).map(([flag, granted]) => ({ flag, granted }));
const iso = (name: string) => (parent: any) => (parent[name] == null ? null : new Date(parent[name]).toISOString());

/** A form's answers map as typed entries, one per answered field. */
const formAnswerList = (form: any) =>
  (form.fields ?? [])
    .filter((field: any) => form.answers?.[field.key] != null)
    .map((field: any) => {
      const value = form.answers[field.key];
      if (field.type === 'file') return { key: field.key, file: value };
      if (field.type === 'number') return { key: field.key, number: value };
      if (field.type === 'checkbox') return { key: field.key, checked: value };
      if (field.type === 'multiChoice') return { key: field.key, choices: value };
      return { key: field.key, text: value };
    });

/** `[Type!]!` → nexus wrappers around `Type`. */
const wrap = (nexus: any, type: string): any => {
  if (type.endsWith('!')) return nexus.nonNull(wrap(nexus, type.slice(0, -1)));
  if (type.startsWith('[')) return nexus.list(wrap(nexus, type.slice(1, -1)));
  return type === 'Date' ? 'String' : type;
};

const define = (nexus: any, t: any, fields: Fields) => {
  for (const [name, spec] of Object.entries(fields)) {
    const { type, ...rest } = typeof spec === 'string' ? { type: spec } : spec;
    const date = type.replace(/!$/, '') === 'Date';
    t.field(name, { type: wrap(nexus, type), ...(date && !rest.resolve ? { resolve: iso(name) } : {}), ...rest });
  }
};

/** The fields of a portal account as its owner sees it (account-store `present`). */
const ACCOUNT: Fields = {
  documentId: 'String!', email: 'String!', firstName: 'String', lastName: 'String', language: 'String', portalStatus: 'String',
  mustChangePassword: 'Boolean', creationMethod: 'String', firstLoginAt: 'Date', lastLoginAt: 'Date',
  contact: { type: 'String', description: 'documentId of your contact record' }, portalRole: 'PortalRoleSummary', avatar: 'PortalFile',
};
const PERMISSIONS: Field = { type: '[PortalPermission!]', resolve: permissionList };

const OBJECTS: Array<[string, string, Fields]> = [
  ['PortalRoleSummary', 'A portal role: its key and name', { key: 'String', name: 'String' }],
  ['PortalFileFormat', 'A smaller version of a picture, with its own signed link', { name: 'String!', url: 'String!', mime: 'String', width: 'Int', height: 'Int' }],
  [
    'PortalFile',
    'A private file: `url` is a signed link that expires and is checked against your access when fetched',
    {
      id: 'Int!', name: 'String', mime: 'String!', size: 'Int', url: 'String!', width: 'Int', height: 'Int', alternativeText: 'String', createdAt: 'Date',
      formats: { type: '[PortalFileFormat!]', resolve: (parent) => Object.entries(parent.formats ?? {}).map(([name, format]: [string, any]) => ({ name, ...format })) },
    },
  ],
  ['PortalPropertySummary', 'The property an invitation is for', { title: 'String', city: 'String' }],
  ['PortalPropertyRef', 'A property named in another answer', { documentId: 'String!', title: 'String!' }],
  [
    'PortalInvitationPreview',
    'What an invite link shows before it is accepted',
    { email: { type: 'String!', description: 'The invited address, masked' }, invitedBy: 'String', role: 'PortalRoleSummary', property: 'PortalPropertySummary', expiresAt: 'Date!', portalName: 'String' },
  ],
  ['PortalAccount', 'Your portal account', ACCOUNT],
  ['PortalOk', 'Done (or, where an answer must not tell, accepted)', { ok: 'Boolean!' }],
  ['PortalRegistrationInfo', 'The portal a registration link names', { portalId: 'String!', name: 'String!', languages: '[String!]!' }],
  ['PortalJwt', 'A new JWT (the previous ones no longer work)', { jwt: 'String!' }],
  ['PortalPermission', 'One permission flag and whether you hold it', { flag: 'String!', granted: 'Boolean!' }],
  ['PortalAgent', 'Your responsible agent', { name: 'String', email: 'String' }],
  ['PortalContactDetails', 'The contact details your agent keeps for you', { email: 'String', phone: 'String', address: 'String', postalCode: 'String', city: 'String', country: 'String' }],
  [
    'PortalProfile',
    'Your account, permissions and agent',
    {
      ...ACCOUNT, contactDetails: { type: 'PortalContactDetails', description: 'Only with the viewMyDetails permission' }, permissions: PERMISSIONS, responsibleAgent: 'PortalAgent',
      nextStep: { type: 'PortalNextStep', description: 'What to do first: a form your agent sent, still to answer' },
      unreadMessages: { type: 'Int!', description: 'Messages from your agent not read yet (reading portalMessages reads them)', resolve: (parent) => parent.unreadMessages ?? 0 },
    },
  ],
  ['PortalFormRef', 'A form named in another answer', { documentId: 'String!', title: 'String!' }],
  ['PortalNextStep', 'What to do first in the portal', { type: { type: 'String!', description: 'form' }, form: 'PortalFormRef' }],
  [
    'PortalFormField',
    'A field of a form: text, longText, number, date, choice, multiChoice, checkbox or file',
    {
      key: 'String!', label: 'String!', help: 'String', type: 'String!', required: { type: 'Boolean!', resolve: (parent) => !!parent.required },
      min: { type: 'String', description: 'Characters (text), value (number), picks (multiChoice) or YYYY-MM-DD (date)', resolve: (parent) => (parent.min == null || parent.min === '' ? null : String(parent.min)) },
      max: { type: 'String', description: 'Characters (text), value (number), picks (multiChoice) or YYYY-MM-DD (date)', resolve: (parent) => (parent.max == null || parent.max === '' ? null : String(parent.max)) },
      options: '[String!]',
    },
  ],
  [
    'PortalFormAnswer',
    'Your answer to one field (the member matching the field type is set)',
    { key: 'String!', text: 'String', number: 'Float', checked: 'Boolean', choices: '[String!]', file: 'PortalFile' },
  ],
  [
    'PortalForm',
    'A form your agent sent you, with your answers',
    {
      documentId: 'String!', title: 'String!', description: 'String', status: { type: 'String!', description: 'sent or completed' }, sentAt: 'Date', completedAt: 'Date', reopenedAt: 'Date',
      fields: '[PortalFormField!]!',
      answers: { type: '[PortalFormAnswer!]!', resolve: (parent) => formAnswerList(parent) },
    },
  ],
  ['PortalLoginPayload', 'A signed-in session', { jwt: 'String!', user: 'PortalAccount!', mustChangePassword: 'Boolean!' }],
  ['PortalAuthPayload', 'A signed-in session', { jwt: 'String!', user: 'PortalAccount!' }],
  ['PortalFeedback', 'Your feedback on a property', { interest: 'String', rejectionReasons: '[String!]', rating: 'Int', favourite: 'Boolean!' }],
  ['PortalLocation', "A property's position and a map link", { latitude: 'Float', longitude: 'Float', mapUrl: 'String' }],
  [
    'PortalProperty',
    'A property offered to you',
    {
      documentId: 'String!', title: 'String!', address: 'String', postalCode: 'String', city: 'String', country: 'String', price: 'Float', currency: 'String',
      status: 'String', description: 'String', features: '[String!]', bedrooms: 'Int', bathrooms: 'Int', livingArea: 'Int', energyLabel: 'String',
      location: 'PortalLocation', photos: '[PortalFile!]', role: 'PortalRoleSummary', permissions: PERMISSIONS, feedback: 'PortalFeedback',
    },
  ],
  ['PortalPagination', 'Where a page sits in a list', { page: 'Int!', pageSize: 'Int!', pageCount: 'Int!', total: 'Int!' }],
  ['PortalPropertyConnection', 'One page of the properties offered to you', { nodes: '[PortalProperty!]!', pageInfo: 'PortalPagination!' }],
  ['PortalNavigation', 'How to get to a confirmed viewing (from 48 hours before it)', { address: 'String', mapUrl: 'String' }],
  [
    'PortalViewing',
    'A viewing you requested',
    {
      documentId: 'String!', status: { type: 'String!', description: 'requested, confirmed, completed or cancelled' }, property: 'PortalPropertyRef!',
      preferredDates: '[String!]!', confirmedDate: 'Date', message: { type: 'String', description: 'Your message with the request' }, agentMessage: 'String',
      onTheDay: { type: 'Boolean!', description: 'Photos, voice notes and notes can be added' }, navigation: 'PortalNavigation',
      photos: '[PortalFile!]!', voiceNotes: '[PortalFile!]!', createdAt: 'Date',
    },
  ],
  ['PortalViewingRef', 'A viewing named in another answer', { documentId: 'String!' }],
  ['PortalNote', 'One of your notes', { documentId: 'String!', text: 'String!', property: 'PortalPropertyRef', viewing: 'PortalViewingRef', createdAt: 'Date', editedAt: 'Date' }],
  ['PortalDeleted', 'What was deleted', { documentId: 'String!', deleted: 'Boolean!' }],
  [
    'PortalMessage',
    'A message between you and your agent',
    { documentId: 'String!', body: 'String!', direction: { type: 'String!', description: 'from_client or from_agent' }, createdAt: 'Date', readAt: 'Date' },
  ],
  ['PortalTimelineItem', 'A step of a transaction', { property: 'PortalPropertyRef!', title: 'String', kind: 'String', date: 'Date', done: 'Boolean!' }],
  ['PortalDocument', 'A document shared with you', { documentId: 'String!', title: 'String!', folder: 'String', property: 'PortalPropertyRef!', file: 'PortalFile' }],
  ['PortalTransactionContact', 'Another party on one of your properties', { name: 'String!', role: 'PortalRoleSummary', property: 'PortalPropertyRef!' }],
  [
    'PortalInviteResult',
    'Your invitation was taken (the answer is the same whoever the address belongs to)',
    { ok: 'Boolean!', email: 'String!', firstName: 'String!', lastName: 'String!', role: 'PortalRoleSummary!' },
  ],
];

export const portalTypes = (nexus: any) => [
  ...OBJECTS.map(([name, description, fields]) => nexus.objectType({ name, description, definition: (t: any) => define(nexus, t, fields) })),
  nexus.inputObjectType({
    name: 'PortalFormAnswerInput',
    description: 'Your answer to one field: set the member matching its type (text also for long text, date and choice)',
    definition(t: any) {
      t.nonNull.string('key');
      t.string('text');
      t.float('number');
      t.boolean('checked');
      t.list.nonNull.string('choices');
    },
  }),
  nexus.inputObjectType({
    name: 'PortalRegistrationPreferencesInput',
    definition(t: any) {
      t.list.nonNull.string('propertyTypes');
      t.list.nonNull.string('cities');
      t.float('minPrice');
      t.float('maxPrice');
      t.int('minBedrooms');
    },
  }),
];
