import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { usePortalApi, type PortalRole } from '../api';

/** Portal roles with their flags (null while loading). */
export const useRoles = () => {
  const api = usePortalApi();
  const [state, setState] = useState<{ roles: PortalRole[]; flags: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.roles().then((answer) => setState({ roles: answer.data, flags: answer.meta.permissionFlags })).catch(setError);
  }, [api]);
  return { roles: state?.roles ?? null, flags: state?.flags ?? [], error };
};

export interface PropertyOption { documentId: string; title: string }

/** Properties to pick from (through the content manager: an agent who may not read properties gets none, and no picker). */
export const useProperties = () => {
  const { get } = useFetchClient();
  const [properties, setProperties] = useState<PropertyOption[] | null>(null);
  useEffect(() => {
    get<{ results: PropertyOption[] }>('/content-manager/collection-types/api::property.property?page=1&pageSize=100&sort=title:ASC')
      .then(({ data }) => setProperties(data.results.map(({ documentId, title }) => ({ documentId, title }))))
      .catch(() => setProperties([]));
  }, [get]);
  return properties;
};

/** "viewTransactionContacts" -> "View transaction contacts" (flags registered by code or config have no translation). */
export const humanizeFlag = (flag: string) => {
  const words = flag.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export interface ContactOption { documentId: string; firstName?: string | null; lastName?: string | null; email?: string | null }

/** "Jane Doe (jane@example.com)", or what the contact has of it. */
export const contactLabel = (contact: ContactOption) => {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  if (name && contact.email) return `${name} (${contact.email})`;
  return name || contact.email || contact.documentId;
};

const SEARCH_DELAY_MS = 300;

/** Contacts from the content manager, searched as the agent types (`_q`). */
export const useContactSearch = () => {
  const { get } = useFetchClient();
  const [options, setOptions] = useState<ContactOption[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);

  const search = useCallback(
    (text: string) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        const call = ++latest.current;
        setLoading(true);
        try {
          const q = text.trim() ? `&_q=${encodeURIComponent(text.trim())}` : '';
          const { data } = await get<{ results: ContactOption[] }>(`/content-manager/collection-types/api::contact.contact?pageSize=20${q}`);
          if (call === latest.current) setOptions(data.results ?? []);
        } catch {
          if (call === latest.current) setOptions([]);
        } finally {
          if (call === latest.current) setLoading(false);
        }
      }, SEARCH_DELAY_MS);
    },
    [get],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { options, loading, search };
};
