/**
 * What the portal API answers (`/api/client-portal`, see the README's "Public portal API"): the shapes this portal
 * reads. Dates are ISO 8601 strings.
 */

/** Permission flags a portal role grants (built in; roles added by code may grant more). */
export type Flag =
  | 'viewProperties'
  | 'giveFeedback'
  | 'requestViewings'
  | 'writeNotes'
  | 'uploadPhotos'
  | 'recordVoiceNotes'
  | 'messageAgent'
  | 'viewTimeline'
  | 'viewDocuments'
  | 'viewTransactionContacts'
  | 'viewMyDetails'
  | 'editMyDetails'
  | 'inviteOthers';
export type Permissions = Partial<Record<Flag | string, boolean>>;

export interface RoleSummary {
  key?: string;
  documentId?: string;
  name: string;
}

export interface FileFormat {
  url: string;
  mime?: string;
  width?: number | null;
  height?: number | null;
}

/** A private file: `url` is a signed link that expires (15 minutes) and is checked against this account when fetched. */
export interface PortalFile {
  id: number;
  name: string | null;
  mime: string;
  size?: number;
  url: string;
  width?: number | null;
  height?: number | null;
  alternativeText?: string | null;
  createdAt?: string;
  formats?: Record<string, FileFormat> | null;
}

export interface Account {
  documentId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  language: string | null;
  portalStatus?: string;
  mustChangePassword?: boolean;
  contact?: string | null;
  portalRole?: RoleSummary | null;
  avatar?: PortalFile | null;
  lastLoginAt?: string | null;
}

export interface NextStep {
  type: 'form';
  form: { documentId: string; title: string };
}

export interface Profile extends Account {
  permissions: Permissions;
  responsibleAgent: { name: string | null; email: string | null } | null;
  contactDetails?: { email?: string | null; phone?: string | null; address?: string | null; postalCode?: string | null; city?: string | null; country?: string | null } | null;
  nextStep: NextStep | null;
  /** The agent's messages not read yet; reading the thread reads them. */
  unreadMessages: number;
}

/** `GET /portals/:portalId`: the portal a registration link names. */
export interface PortalInfo {
  portalId: string;
  name: string;
  languages: string[];
}

export interface InvitationPreview {
  email: string;
  invitedBy: string | null;
  role: RoleSummary | null;
  property: { title: string; city?: string | null } | null;
  expiresAt: string;
  portalName: string | null;
}

export interface Session {
  jwt: string;
  user: Account;
  mustChangePassword?: boolean;
}

export type Interest = 'interested' | 'not_interested';

export interface Feedback {
  interest: Interest | null;
  rejectionReasons: string[] | null;
  rating: number | null;
  favourite: boolean;
}

export interface Property {
  documentId: string;
  title: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  price: number | null;
  currency: string | null;
  status: string | null;
  description: string | null;
  features: string[] | null;
  bedrooms: number | null;
  bathrooms: number | null;
  livingArea: number | null;
  energyLabel: string | null;
  location: { latitude: number | null; longitude: number | null; mapUrl: string | null } | null;
  photos: PortalFile[] | null;
  role: RoleSummary | null;
  permissions: Permissions;
  feedback: Feedback | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Paged<T> {
  data: T[];
  meta: { pagination: Pagination };
}

export type ViewingStatus = 'requested' | 'confirmed' | 'completed' | 'cancelled';

export interface Viewing {
  documentId: string;
  status: ViewingStatus;
  property: { documentId: string; title: string };
  preferredDates: string[];
  confirmedDate: string | null;
  message: string | null;
  agentMessage: string | null;
  onTheDay: boolean;
  navigation: { address: string | null; mapUrl: string | null } | null;
  photos: PortalFile[];
  voiceNotes: PortalFile[];
  createdAt: string;
}

export interface Note {
  documentId: string;
  text: string;
  property: { documentId: string; title: string } | null;
  viewing: { documentId: string } | null;
  createdAt: string;
  editedAt: string | null;
}

export interface Message {
  documentId: string;
  body: string;
  direction: 'from_client' | 'from_agent';
  createdAt: string;
  readAt: string | null;
}

export interface TimelineItem {
  property: { documentId: string; title: string };
  title: string | null;
  kind: string | null;
  date: string | null;
  done: boolean;
}

export interface SharedDocument {
  documentId: string;
  title: string;
  folder: string | null;
  property: { documentId: string; title: string };
  file: PortalFile | null;
}

export interface TransactionContact {
  name: string;
  role: RoleSummary | null;
  property: { documentId: string; title: string };
}

export type FieldType = 'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'checkbox' | 'file';

export interface FormField {
  key: string;
  label: string;
  help?: string | null;
  type: FieldType;
  required?: boolean;
  min?: number | string | null;
  max?: number | string | null;
  options?: string[] | null;
}

export type FormAnswer = string | number | boolean | string[] | PortalFile | null;

export interface PortalForm {
  documentId: string;
  title: string;
  description: string | null;
  status: 'sent' | 'completed';
  sentAt: string | null;
  completedAt: string | null;
  reopenedAt: string | null;
  fields: FormField[];
  answers: Record<string, FormAnswer>;
}

export interface RegistrationPreferences {
  propertyTypes?: string[];
  cities?: string[];
  minPrice?: number;
  maxPrice?: number;
  minBedrooms?: number;
}

export interface InviteResult {
  ok: boolean;
  email: string;
  firstName: string;
  lastName: string;
  role: RoleSummary;
}

/** A role the client may invite someone with, and the properties it would share. */
export interface InvitableRole {
  documentId: string;
  key: string;
  name: string;
  description: string | null;
  properties: Array<{ documentId: string; title: string }>;
}
