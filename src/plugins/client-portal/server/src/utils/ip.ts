import ipaddr from 'ipaddr.js';

/**
 * The key a client address is counted under: an IPv4 address as is (IPv4-mapped IPv6 included), an IPv6 address by
 * its /64 network — one subscriber usually holds a whole /64, so rotating within it buys no fresh budget.
 */
export const clientAddressKey = (address: string | null | undefined): string | null => {
  if (!address) return null;
  const bare = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return bare;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':');
  return `${network}::/64`;
};
