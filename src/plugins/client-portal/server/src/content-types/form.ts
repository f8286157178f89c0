import { pluginType } from './define';

/**
 * A form agents send with an invitation (a questionnaire, a viewing intake, a mandate check): its fields, in order,
 * as `rules/forms.ts` defines them. Clients answer it once (form-response) unless an agent reopens their answers.
 */
export default pluginType(
  { singular: 'form', plural: 'forms', display: 'Portal form' },
  'A form sent to clients with their invitation',
  {
    title: { type: 'string', required: true, minLength: 1, maxLength: 200 },
    description: { type: 'text', maxLength: 2000 },
    /** `[{ key, label, help, type, required, min, max, options }]`, validated by rules/forms.ts. */
    fields: { type: 'json', required: true },
    /** The agent who built it. */
    agent: { type: 'relation', relation: 'manyToOne', target: 'admin::user' },
  },
);
