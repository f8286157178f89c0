import type { Property } from '../api/types';
import type { MessageKey } from '../i18n';

export type PropertyFilter = 'all' | 'favourite' | 'interested' | 'not_interested';

export const PROPERTY_FILTERS: Array<{ value: PropertyFilter; label: MessageKey }> = [
  { value: 'all', label: 'properties.filter.all' },
  { value: 'favourite', label: 'properties.filter.favourite' },
  { value: 'interested', label: 'properties.filter.interested' },
  { value: 'not_interested', label: 'properties.filter.notInterested' },
];

/** The list's query for a filter. */
export const filterQuery = (filter: PropertyFilter): { favourite?: boolean; interest?: 'interested' | 'not_interested' } =>
  filter === 'favourite' ? { favourite: true } : filter === 'all' ? {} : { interest: filter };

/** A photo's link in the size asked for when the server made one (`small`, `medium`…), else the original. */
export const photoUrl = (property: Pick<Property, 'photos'>, size: 'thumbnail' | 'small' | 'medium' | 'large' = 'small', index = 0) => {
  const photo = property.photos?.[index];
  if (!photo) return null;
  return photo.formats?.[size]?.url ?? photo.url;
};

/** Whether to send the client to a pending form now: once per form and tab session (remembered in `storage`). */
export const shouldOpenForm = (storage: Pick<Storage, 'getItem' | 'setItem'>, formDocumentId: string) => {
  const key = `portal.formShown.${formDocumentId}`;
  if (storage.getItem(key)) return false;
  storage.setItem(key, '1');
  return true;
};

/** Rejection reasons offered (the client may add their own): the server takes any text, up to 10 of them. */
export const REJECTION_REASONS: Array<{ value: string; label: MessageKey }> = [
  { value: 'price', label: 'property.reason.price' },
  { value: 'location', label: 'property.reason.location' },
  { value: 'size', label: 'property.reason.size' },
  { value: 'condition', label: 'property.reason.condition' },
  { value: 'layout', label: 'property.reason.layout' },
];

/** Up to three preferred dates from `datetime-local` inputs (local time) as ISO instants; empty ones left out. */
export const preferredDates = (values: Array<string | null | undefined>) =>
  values
    .filter((value): value is string => !!value && value.trim() !== '')
    .slice(0, 3)
    .map((value) => new Date(value).toISOString());
