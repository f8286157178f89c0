import { useMemo } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/** Shapes the admin API answers with (server/src/routes/admin); one place for every page and panel. */
export type ContactStatus = 'not_invited' | 'invited' | 'active' | 'expired' | 'revoked' | 'delivery_failed' | 'removed';
export type DisplayStatus = 'invited' | 'accepted' | 'expired' | 'revoked' | 'delivery_failed';
export type StatusFilter = 'pending' | 'invited' | 'expired' | 'delivery_failed' | 'accepted' | 'revoked';

export interface Pagination { page: number; pageSize: number; pageCount: number; total: number }
export interface Paged<T> { data: T[]; meta: { pagination: Pagination } }

export interface RoleRef { documentId: string; key: string; name: string }
export interface PortalRole extends RoleRef {
  id: number;
  description?: string | null;
  builtIn: boolean;
  permissions: Record<string, boolean>;
  usage?: { deals: number; accounts: number; invitations: number; contacts: number; settings: boolean; total: number };
}

export interface Invitation {
  documentId: string;
  status: string;
  displayStatus: DisplayStatus;
  label: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  contact: { documentId: string; firstName: string; lastName: string } | null;
  property: { documentId: string; title: string } | null;
  portalRole: RoleRef | null;
  expiresAt: string;
  sentAt: string | null;
  lastSentAt: string | null;
  sendCount: number;
  acceptedAt: string | null;
  revokedAt: string | null;
  deliveryStatus: string;
  deliveryError: string | null;
  message: string | null;
  invitedBy: { type: 'agent' | 'client' | 'system'; name: string | null };
  /** The form sent with it: "form sent", or "completed on <date>". */
  form?: { documentId: string; title: string; status: 'sent' | 'completed'; completedAt: string | null } | null;
  createdAt: string;
}

export interface ContactPortalStatus {
  contact: string;
  status: ContactStatus;
  label: string;
  account: { documentId: string; portalStatus: string; blocked: boolean; removedAt?: string | null; firstLoginAt: string | null; lastLoginAt: string | null; mustChangePassword: boolean } | null;
  invitation: Invitation | null;
}

export interface ActivityEntry {
  documentId: string;
  type: string;
  summary: string;
  createdAt: string;
  actor: { type: 'agent' | 'client' | 'system'; name: string | null };
  contact: { documentId: string; name: string | null } | null;
  property: { documentId: string; title: string } | null;
}

export interface Message { documentId: string; body: string; direction: 'from_client' | 'from_agent'; author: string | null; createdAt: string; readAt: string | null }
export interface Thread { contact: { documentId: string; name: string | null; email: string | null } | null; unread: number; lastMessage: Message | null }

export interface SignedFile { id: number; name: string; mime: string; size: number; url: string }
export interface PropertyPortal {
  property: { documentId: string; title: string };
  contacts: Array<{
    contact: { documentId: string; name: string | null; firstName?: string | null; lastName?: string | null; email: string | null };
    portalRole: RoleRef | null;
    status: ContactStatus;
    label: string;
    lastLoginAt: string | null;
    invitation: { documentId: string; displayStatus: DisplayStatus; expiresAt: string } | null;
  }>;
  viewings: Array<{
    documentId: string;
    status: string;
    contact: { documentId: string; name: string | null } | null;
    preferredDates: string[];
    confirmedDate: string | null;
    message: string | null;
    agentMessage: string | null;
    notes: Array<{ documentId: string; text: string; author: string; createdAt: string }>;
    photos: SignedFile[];
    voiceNotes: SignedFile[];
  }>;
}

/** The message of an admin API error (the server names the field: "email: must be a valid email address"). */
export const errorMessage = (error: any, fallback = 'Something went wrong'): string =>
  error?.response?.data?.error?.message ?? error?.message ?? fallback;

export interface GroupMember {
  documentId: string;
  contact: { documentId: string; name: string | null; email: string | null } | null;
  portalRole: RoleRef | null;
  status: ContactStatus;
  label: string;
  lastLoginAt: string | null;
  addedAt: string;
}

/** A client group (server/src/services/groups). */
export interface ClientGroup {
  documentId: string;
  name: string;
  description: string | null;
  agent: { id: number; name: string | null; email: string } | null;
  properties: Array<{ documentId: string; title: string; address: string | null; city: string | null }>;
  members: GroupMember[];
  createdAt: string;
  updatedAt: string;
}

export interface GroupRow {
  documentId: string;
  name: string;
  description: string | null;
  agent: { name: string | null; email: string } | null;
  memberCount: number;
  propertyCount: number;
  createdAt: string;
}

export interface InviteResults {
  invited: Array<{ contact: string; invitation: string }>;
  skipped: Array<{ contact: string; reason: string; message: string }>;
}

export type FormFieldType = 'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'checkbox' | 'file';

/** A field of a form (server/src/rules/forms.ts). */
export interface FormField {
  key: string;
  label: string;
  help?: string | null;
  type: FormFieldType;
  required?: boolean;
  min?: number | string | null;
  max?: number | string | null;
  options?: string[] | null;
}

export interface PortalForm {
  documentId: string;
  title: string;
  description: string | null;
  fields: FormField[];
  agent: { name: string | null; email: string } | null;
  sentCount: number;
  completedCount: number;
  createdAt: string;
  updatedAt: string;
}

/** One contact's answers to a form. */
export interface FormSheet {
  documentId: string;
  form: { documentId: string; title: string } | null;
  contact: { documentId: string; name: string | null; email: string | null } | null;
  status: 'sent' | 'completed';
  sentAt: string | null;
  completedAt: string | null;
  reopenedAt: string | null;
  answers: Array<{ key: string; label: string; type: FormFieldType; value: unknown; text: string; file: SignedFile | null }>;
}

/** The details of an admin API error (e.g. `usage` of a role in use, `errors` of a template). */
export const errorDetails = (error: any): Record<string, any> => error?.response?.data?.error?.details ?? {};

const query = (params: Record<string, unknown>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Typed calls to the plugin's admin API (admin JWT through Strapi's fetch client). */
export const usePortalApi = () => {
  const { get, post, put, del } = useFetchClient();
  return useMemo(
    () => ({
      roles: async () => (await get<{ data: PortalRole[]; meta: { permissionFlags: string[] } }>('/client-portal/roles')).data,
      createRole: async (body: { key: string; name: string; description?: string | null; permissions: Record<string, boolean> }) =>
        (await post<{ data: PortalRole }>('/client-portal/roles', body)).data.data,
      updateRole: async (documentId: string, body: { name?: string; description?: string | null; permissions?: Record<string, boolean> }) =>
        (await put<{ data: PortalRole }>(`/client-portal/roles/${documentId}`, body)).data.data,
      deleteRole: async (documentId: string) => (await del(`/client-portal/roles/${documentId}`)).data,

      invitations: async (params: { status?: StatusFilter; agent?: number; property?: string; contact?: string; from?: string; to?: string; q?: string; page?: number; pageSize?: number }) =>
        (await get<Paged<Invitation>>(`/client-portal/invitations${query(params)}`)).data,
      invite: async (body: Record<string, unknown>) => (await post<{ data: Invitation }>('/client-portal/invitations', body)).data.data,
      bulkInvite: async (body: { contacts: string[]; portalRole: string; property?: string | null; form?: string | null }) =>
        (await post<{ data: { invited: Array<{ contact: string; invitation: string }>; skipped: Array<{ contact: string; reason: string; message: string }> } }>('/client-portal/invitations/bulk', body)).data.data,
      resend: async (documentId: string) => (await post<{ data: Invitation }>(`/client-portal/invitations/${documentId}/resend`, {})).data.data,
      revoke: async (documentId: string) => (await post<{ data: Invitation }>(`/client-portal/invitations/${documentId}/revoke`, {})).data.data,
      bulkChange: async (change: 'resend' | 'revoke', invitations: string[]) =>
        (await post<{ data: { done: Invitation[]; failed: Array<{ invitation: string; code: string; message: string }> } }>(`/client-portal/invitations/bulk-${change}`, { invitations })).data.data,

      contactStatus: async (documentId: string) => (await get<{ data: ContactPortalStatus }>(`/client-portal/contacts/${documentId}/portal-status`)).data.data,
      contactStatuses: async (documentIds: string[]) =>
        (await get<{ data: Array<{ contact: string; status: ContactStatus; label: string; lastLoginAt: string | null }> }>(`/client-portal/contacts/portal-status${query({ contacts: documentIds.join(',') })}`)).data.data,
      loginCheck: async (documentId: string) => (await get<{ data: any }>(`/client-portal/contacts/${documentId}/login-check`)).data.data,
      share: async (documentId: string, body: { property: string; portalRole: string; permissions?: Record<string, boolean> | null }) =>
        (await post<{ data: unknown }>(`/client-portal/contacts/${documentId}/share`, body)).data.data,
      /** Takes the contact out of the portal (server/src/services/removal.ts). */
      removePortalAccess: async (documentId: string) =>
        (await post<{ data: { contact: string; account: string; removedAt: string; revokedInvitations: string[]; endedSessions: number } }>(`/client-portal/contacts/${documentId}/remove-portal-access`, {})).data.data,
      inviteMore: async (documentId: string, body: { contact?: string; firstName?: string; lastName?: string; email?: string; portalRole: string; message?: string | null; form?: string | null }) =>
        (await post<{ data: { group: ClientGroup; contact: string; invitation: Invitation | null } }>(`/client-portal/contacts/${documentId}/invite-more`, body)).data.data,

      groups: async (params: { q?: string; contact?: string; page?: number; pageSize?: number } = {}) => (await get<Paged<GroupRow>>(`/client-portal/groups${query(params)}`)).data,
      group: async (documentId: string) => (await get<{ data: ClientGroup }>(`/client-portal/groups/${documentId}`)).data.data,
      createGroup: async (body: { name: string; description?: string | null; properties?: string[] }) => (await post<{ data: ClientGroup }>('/client-portal/groups', body)).data.data,
      updateGroup: async (documentId: string, body: { name?: string; description?: string | null; properties?: string[] }) =>
        (await put<{ data: ClientGroup }>(`/client-portal/groups/${documentId}`, body)).data.data,
      deleteGroup: async (documentId: string) => (await del(`/client-portal/groups/${documentId}`)).data,
      addGroupMember: async (documentId: string, body: { contact: string; portalRole: string }) =>
        (await post<{ data: { group: ClientGroup; invitation: Invitation | null } }>(`/client-portal/groups/${documentId}/members`, body)).data.data,
      removeGroupMember: async (documentId: string, contactDocumentId: string) => (await del<{ data: ClientGroup }>(`/client-portal/groups/${documentId}/members/${contactDocumentId}`)).data.data,
      inviteGroup: async (documentId: string, body: { form?: string | null } = {}) => (await post<{ data: InviteResults }>(`/client-portal/groups/${documentId}/invite`, body)).data.data,

      forms: async (params: { q?: string; page?: number; pageSize?: number } = {}) => (await get<Paged<PortalForm>>(`/client-portal/forms${query(params)}`)).data,
      form: async (documentId: string) => (await get<{ data: PortalForm }>(`/client-portal/forms/${documentId}`)).data.data,
      createForm: async (body: { title: string; description?: string | null; fields: FormField[] }) => (await post<{ data: PortalForm }>('/client-portal/forms', body)).data.data,
      updateForm: async (documentId: string, body: { title?: string; description?: string | null; fields?: FormField[] }) =>
        (await put<{ data: PortalForm }>(`/client-portal/forms/${documentId}`, body)).data.data,
      deleteForm: async (documentId: string) => (await del(`/client-portal/forms/${documentId}`)).data,
      formAnswers: async (documentId: string, params: { status?: 'sent' | 'completed'; page?: number; pageSize?: number } = {}) =>
        (await get<Paged<FormSheet> & { meta: { form: { documentId: string; title: string; fields: FormField[] } } }>(`/client-portal/forms/${documentId}/answers${query(params)}`)).data,
      reopenForm: async (documentId: string, contactDocumentId: string) => (await post<{ data: Omit<FormSheet, 'answers'> }>(`/client-portal/forms/${documentId}/answers/${contactDocumentId}/reopen`, {})).data.data,
      contactForms: async (contactDocumentId: string) => (await get<{ data: FormSheet[] }>(`/client-portal/contacts/${contactDocumentId}/forms`)).data.data,

      createPortalUser: async (body: { contact: string; portalRole?: string }) => (await post<{ data: unknown }>('/client-portal/portal-users', body)).data.data,
      portalUsers: async (params: Record<string, unknown>) => (await get<Paged<any>>(`/client-portal/portal-users${query(params)}`)).data,

      activities: async (params: { contact?: string; property?: string; type?: string; page?: number; pageSize?: number }) =>
        (await get<Paged<ActivityEntry>>(`/client-portal/activities${query(params)}`)).data,

      propertyPortal: async (documentId: string) => (await get<{ data: PropertyPortal }>(`/client-portal/properties/${documentId}/portal`)).data.data,
      confirmViewing: async (documentId: string, body: { date: string; message?: string | null }) => (await put<{ data: unknown }>(`/client-portal/viewings/${documentId}/confirm`, body)).data.data,

      unread: async () => (await get<{ data: { unread: number } }>('/client-portal/messages/unread')).data.data.unread,
      threads: async (params: { page?: number; pageSize?: number } = {}) => (await get<Paged<Thread>>(`/client-portal/messages/threads${query(params)}`)).data,
      thread: async (contactDocumentId: string) =>
        (await get<{ data: { contact: { documentId: string; name: string | null; email: string | null; hasAccount: boolean }; messages: Message[] } }>(`/client-portal/contacts/${contactDocumentId}/messages`)).data.data,
      reply: async (contactDocumentId: string, body: string) => (await post<{ data: Message }>(`/client-portal/contacts/${contactDocumentId}/messages`, { body })).data.data,

      settings: async () => (await get<{ data: any; meta: { templates: Record<string, { variables: string[]; defaults: Record<string, { subject: string; text: string; html: string }> }> } }>('/client-portal/settings')).data,
      updateSettings: async (body: Record<string, unknown>) => (await put<{ data: any }>('/client-portal/settings', body)).data.data,
      previewTemplate: async (body: { template: string; language: string; subject?: string; text?: string; html?: string }) =>
        (await post<{ data: { errors: string[]; email: { subject: string; text: string; html: string } | null } }>('/client-portal/templates/preview', body)).data.data,
      testTemplate: async (body: { template: string; language: string; subject?: string; text?: string; html?: string }) =>
        (await post<{ data: { sentTo: string } }>('/client-portal/templates/test', body)).data.data,
    }),
    [get, post, put, del],
  );
};

export type PortalApi = ReturnType<typeof usePortalApi>;
