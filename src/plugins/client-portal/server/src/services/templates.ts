import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { problem } from '../errors';
import { formatEmailDate, pickTemplate, renderTemplate, TEMPLATE_VARIABLES, validateTemplate, type EmailTemplate, type TemplateKey } from '../emails';
import { portalLinks } from '../utils/portal-links';
import { describeFailure } from '../rules/delivery';
import { senderOf } from './settings';

export interface TemplateDraft {
  template: TemplateKey;
  language: string;
  subject?: string;
  text?: string;
  html?: string;
}

/** Made-up but realistic values for every template variable, so a preview reads like a real email. */
const sampleValues = (agencyName: string, portalUrl: string, agentName: string, language: string): Record<string, unknown> => {
  const links = portalLinks(portalUrl);
  return {
    agencyName,
    inviterName: agentName,
    agentName,
    firstName: 'Anna',
    lastName: 'Bakker',
    contactName: 'Anna Bakker',
    clientName: 'Anna Bakker',
    email: 'anna.bakker@example.com',
    roleName: 'Buyer',
    propertyTitle: 'Canal house with garden',
    propertyAddress: 'Herengracht 112, Amsterdam',
    expiresAt: formatEmailDate(new Date(Date.now() + 7 * 24 * 60 * 60 * 1000), language),
    expiryDays: 7,
    changedAt: formatEmailDate(new Date(), language),
    message: 'Looking forward to showing you around!',
    messageExcerpt: 'Could we plan a second viewing on Saturday morning?',
    temporaryPassword: 'Xk7pQ2m9',
    code: '482913',
    expiresInMinutes: 15,
    link: links.accept('sample-token'),
    resetLink: links.forgot,
  };
};

/**
 * Email templates as agents edit them (Settings → Client Portal → Email templates): a preview of a draft rendered by
 * the server with sample data and its validation errors, and a test email of the draft to the agent's own address.
 */
const templatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The draft's parts over the saved text (or the default), its problems, and its rendering with sample data. */
  const compose = async (draft: TemplateDraft, agentName: string) => {
    const settings = await getService(strapi, 'settings').get();
    const saved = pickTemplate(draft.template, draft.language, settings.emailTemplates);
    const template: EmailTemplate = { subject: draft.subject ?? saved.subject, text: draft.text ?? saved.text, html: draft.html ?? saved.html };
    const errors = validateTemplate(draft.template, template);
    const variables = Object.fromEntries(
      Object.entries(sampleValues(settings.agencyName, settings.portalUrl, agentName, draft.language)).filter(([name]) => TEMPLATE_VARIABLES[draft.template].includes(name)),
    );
    return { settings, errors, email: errors.length ? null : renderTemplate(template, variables) };
  };

  return {
    async preview(draft: TemplateDraft, agent: { name: string }) {
      const { errors, email } = await compose(draft, agent.name);
      return { errors, email };
    },

    /** Sends the rendered draft to the agent at once (not through the outbox: the agent waits for the answer). */
    async sendTest(draft: TemplateDraft, agent: { name: string; email: string }) {
      const { settings, errors, email } = await compose(draft, agent.name);
      if (!email) throw problem('TEMPLATE_INVALID', { errors }, `The template has errors: ${errors.join('; ')}`);
      const from = senderOf(settings);
      try {
        await strapi.plugin('email').service('email').send({ to: agent.email, ...(from ? { from } : {}), ...email, subject: `[Test] ${email.subject}` });
      } catch (error) {
        throw problem('TEST_EMAIL_FAILED', {}, `The test email could not be sent: ${describeFailure(error)}`);
      }
      return { sentTo: agent.email };
    },
  };
};

export default templatesService;
export type TemplatesService = ReturnType<typeof templatesService>;

declare module '../utils' { interface PortalServices { templates: TemplatesService } }
