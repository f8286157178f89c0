import type { Core } from '@strapi/strapi';
import { deskContacts } from './contacts';
import { deskProperties } from './properties';
import { deskMessages } from './messages';

/**
 * What the admin panel's views read and do beyond invitations: portal status of many contacts, sharing a property
 * with an account (`contacts`), a property's clients and viewings (`properties`), client messages (`messages`).
 */
const deskService = ({ strapi }: { strapi: Core.Strapi }) => {
  const contacts = deskContacts(strapi);
  return { contacts, properties: deskProperties(strapi, contacts), messages: deskMessages(strapi) };
};

export default deskService;
export type DeskService = ReturnType<typeof deskService>;

declare module '../../utils' { interface PortalServices { desk: DeskService } }
