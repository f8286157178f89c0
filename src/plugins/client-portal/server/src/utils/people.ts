/** "First Last" of an admin user (firstname/lastname), a portal account or a contact (firstName/lastName); else the email. */
export const personName = (person: any): string | null => {
  if (!person) return null;
  return [person.firstname ?? person.firstName, person.lastname ?? person.lastName].filter(Boolean).join(' ') || person.email || null;
};

/** An OpenStreetMap link: the exact position when known, else a search for the address, else null. */
export const mapLink = (lat?: number | null, lon?: number | null, address?: string | null) =>
  typeof lat === 'number' && typeof lon === 'number'
    ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`
    : address
      ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`
      : null;
