import { useEffect, useState } from 'react';
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
