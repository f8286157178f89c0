import type {
  Account, Feedback, InvitableRole, InvitationPreview, InviteResult, Message, Note, Paged, PortalFile, PortalInfo, PortalForm, Profile, Property,
  RegistrationPreferences, Session, SharedDocument, TimelineItem, TransactionContact, Viewing,
} from './types';

/**
 * The one way this portal talks to the server: the public REST API under `/api/client-portal` (README, "Public portal
 * API"), typed. A failed call throws an {@link ApiError} carrying the status, the server's message and the message
 * of each named field (`answers.budget` → "must be a number").
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field path (`password`, `preferredDates.0`, `answers.budget`) → its message. */
    readonly fields: Record<string, string> = {},
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the session's JWT is kept: the tab's sessionStorage in the browser (it ends with the tab). */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export const sessionTokens = (storage: Storage, key = 'portalJwt'): TokenStore => ({
  get: () => storage.getItem(key),
  set: (token) => (token ? storage.setItem(key, token) : storage.removeItem(key)),
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined | null>;

export interface ClientOptions {
  /** The API's base, `/api/client-portal` on the server that serves this portal. */
  base?: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  /** Called when a request with a JWT answers 401: the session is over (logged out elsewhere, blocked, removed). */
  onSessionEnd?: () => void;
}

const queryString = (query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The message and field messages of an error answer (`{ error: { message, details: { errors: [{ path, message }] } } }`). */
export const readError = (status: number, body: any, retryAfter: string | null = null): ApiError => {
  const error = body?.error ?? {};
  const fields: Record<string, string> = {};
  for (const entry of error.details?.errors ?? []) {
    const path = Array.isArray(entry?.path) ? entry.path.join('.') : String(entry?.path ?? '');
    if (path && !(path in fields)) fields[path] = String(entry.message ?? '');
  }
  const seconds = retryAfter != null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  return new ApiError(status, typeof error.message === 'string' && error.message ? error.message : `Request failed (${status})`, fields, seconds);
};

export const createClient = ({ base = '/api/client-portal', tokens, fetch: fetcher = globalThis.fetch.bind(globalThis), onSessionEnd }: ClientOptions) => {
  async function call<T>(method: Method, path: string, options: { body?: unknown; query?: Query; auth?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const multipart = typeof FormData !== 'undefined' && options.body instanceof FormData;
    if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
    const jwt = options.auth === false ? null : tokens.get();
    if (jwt) headers.Authorization = `Bearer ${jwt}`;
    const response = await fetcher(`${base}${path}${queryString(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (response.status === 204) return undefined as T;
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401 && jwt) {
        tokens.set(null);
        onSessionEnd?.();
      }
      throw readError(response.status, json, response.headers.get('Retry-After'));
    }
    return json as T;
  }
  const data = async <T>(method: Method, path: string, options?: { body?: unknown; query?: Query; auth?: boolean }) => (await call<{ data: T }>(method, path, options)).data;
  const open = { auth: false } as const;
  const oneFile = (file: Blob, name?: string) => {
    const form = new FormData();
    form.append('file', file, name ?? (file as File).name ?? 'file');
    return form;
  };

  const client = {
    tokens,
    get signedIn() {
      return !!tokens.get();
    },

    // Invitations and accounts (no JWT).
    previewInvitation: (token: string) => data<InvitationPreview>('POST', '/invitations/preview', { body: { token }, ...open }),
    acceptInvitation: async (input: { token: string; password: string; firstName?: string; lastName?: string }) => {
      const session = await data<Session>('POST', '/invitations/accept', { body: input, ...open });
      tokens.set(session.jwt);
      return session;
    },
    /** The portal a registration link names; 404 when it is not open. */
    portalInfo: (portalId: string) => data<PortalInfo>('GET', `/portals/${encodeURIComponent(portalId)}`, open),
    register: (input: { portalId: string; firstName: string; lastName: string; email: string; password: string; language?: string; location?: string; preferences?: RegistrationPreferences }) =>
      data<{ ok: true }>('POST', '/auth/register', { body: input, ...open }),
    verifyEmail: async (input: { email: string; code: string }) => {
      const session = await data<Session>('POST', '/auth/verify-email', { body: input, ...open });
      tokens.set(session.jwt);
      return session;
    },
    resendCode: (email: string) => data<{ ok: true }>('POST', '/auth/resend-code', { body: { email }, ...open }),
    login: async (input: { email: string; password: string }) => {
      const session = await data<Session>('POST', '/auth/login', { body: input, ...open });
      tokens.set(session.jwt);
      return session;
    },
    forgotPassword: (email: string) => data<{ ok: true }>('POST', '/auth/forgot-password', { body: { email }, ...open }),
    resetPassword: (input: { email: string; code: string; password: string }) => data<{ ok: true }>('POST', '/auth/reset-password', { body: input, ...open }),
    changePassword: async (input: { currentPassword: string; password: string }) => {
      const { jwt } = await data<{ jwt: string }>('POST', '/auth/change-password', { body: input });
      tokens.set(jwt);
    },
    logout: async () => {
      try {
        if (tokens.get()) await call<void>('POST', '/auth/logout');
      } finally {
        tokens.set(null);
      }
    },

    logoutEverywhere: async () => {
      try {
        await call<void>('POST', '/auth/logout-all');
      } finally {
        tokens.set(null);
      }
    },

    // Me.
    me: () => data<Profile>('GET', '/me'),
    updateMe: (input: { firstName?: string; lastName?: string; language?: string }) => data<Profile>('PUT', '/me', { body: input }),
    setAvatar: (file: Blob, name?: string) => data<Profile>('POST', '/me/avatar', { body: oneFile(file, name) }),
    removeAvatar: () => data<Profile>('DELETE', '/me/avatar'),

    // Properties.
    properties: (query: { page?: number; pageSize?: number; favourite?: boolean; interest?: 'interested' | 'not_interested' | 'none' } = {}) => call<Paged<Property>>('GET', '/properties', { query }),
    property: (documentId: string) => data<Property>('GET', `/properties/${encodeURIComponent(documentId)}`),
    giveFeedback: (documentId: string, feedback: Partial<Feedback>) => data<Feedback>('PUT', `/properties/${encodeURIComponent(documentId)}/feedback`, { body: feedback }),

    // Viewings.
    viewings: () => data<Viewing[]>('GET', '/viewings'),
    viewing: (documentId: string) => data<Viewing>('GET', `/viewings/${encodeURIComponent(documentId)}`),
    requestViewing: (input: { property: string; preferredDates: string[]; message?: string }) => data<Viewing>('POST', '/viewings', { body: input }),
    cancelViewing: (documentId: string) => data<Viewing>('POST', `/viewings/${encodeURIComponent(documentId)}/cancel`),
    addViewingFile: (documentId: string, kind: 'photos' | 'voice-notes', file: Blob, name?: string) =>
      data<PortalFile>('POST', `/viewings/${encodeURIComponent(documentId)}/${kind}`, { body: oneFile(file, name) }),
    removeViewingFile: (documentId: string, kind: 'photos' | 'voice-notes', fileId: number) => call<unknown>('DELETE', `/viewings/${encodeURIComponent(documentId)}/${kind}/${fileId}`),

    // Notes and messages.
    notes: () => data<Note[]>('GET', '/notes'),
    addNote: (input: { text: string; property?: string; viewing?: string }) => data<Note>('POST', '/notes', { body: input }),
    editNote: (documentId: string, text: string) => data<Note>('PUT', `/notes/${encodeURIComponent(documentId)}`, { body: { text } }),
    deleteNote: (documentId: string) => call<unknown>('DELETE', `/notes/${encodeURIComponent(documentId)}`),
    messages: () => data<Message[]>('GET', '/messages'),
    sendMessage: (body: string) => data<Message>('POST', '/messages', { body: { body } }),

    // The transaction.
    timeline: () => data<TimelineItem[]>('GET', '/timeline'),
    documents: () => data<SharedDocument[]>('GET', '/documents'),
    contacts: () => data<TransactionContact[]>('GET', '/contacts'),

    // Inviting others and forms.
    invitableRoles: () => data<InvitableRole[]>('GET', '/invitations/roles'),
    inviteOther: (input: { email: string; firstName: string; lastName: string; role: string }) => data<InviteResult>('POST', '/invitations', { body: input }),
    forms: () => data<PortalForm[]>('GET', '/forms'),
    form: (documentId: string) => data<PortalForm>('GET', `/forms/${encodeURIComponent(documentId)}`),
    /** JSON answers, or multipart (`answers` as JSON text, each file under its field's key) when files are sent. */
    answerForm: (documentId: string, answers: Record<string, unknown>, files: Record<string, Blob> = {}) => {
      const names = Object.keys(files);
      if (!names.length) return data<PortalForm>('POST', `/forms/${encodeURIComponent(documentId)}/answers`, { body: { answers } });
      const form = new FormData();
      form.append('answers', JSON.stringify(answers));
      for (const name of names) form.append(name, files[name], (files[name] as File).name ?? name);
      return data<PortalForm>('POST', `/forms/${encodeURIComponent(documentId)}/answers`, { body: form });
    },
  };
  return client;
};

export type PortalClient = ReturnType<typeof createClient>;
export type { Account };
