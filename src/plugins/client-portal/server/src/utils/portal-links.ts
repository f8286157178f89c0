/** The portal's pages that emails link to, from the configured portal URL (never from a request's Host). */
export const portalLinks = (portalUrl: string) => {
  const base = portalUrl.replace(/\/+$/, '');
  return {
    login: `${base}/login`,
    verify: `${base}/verify`,
    reset: `${base}/reset-password`,
    forgot: `${base}/forgot-password`,
    messages: `${base}/messages`,
    accept: (token: string) => `${base}/accept#token=${encodeURIComponent(token)}`,
  };
};
