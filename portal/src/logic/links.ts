/** The invitation token of an emailed link `…/accept#token=…` (the fragment never reaches a server). */
export const readInviteToken = (hash: string): string | null => {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
};
