/** What `useFetchClient().get` is called with to fetch a file. */
type Get = (url: string, config?: any) => Promise<{ status?: number; data: any; headers?: { get(name: string): string | null } }>;

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export const fileNameOf = (header: string | null | undefined, fallback: string) => /filename="?([^";]+)"?/.exec(header ?? '')?.[1] ?? fallback;

/**
 * Fetches `path` with the admin JWT (a plain link would go without it) and saves the answer as a file. 401 is left to
 * the fetch client (it refreshes the session); other errors throw with the server's message, or `failed(status)`.
 */
export const downloadFile = async (get: Get, path: string, fallbackName: string, failed: (status: number) => string) => {
  const response = await get(path, { responseType: 'blob', validateStatus: (code: number) => code !== 401 });
  if (response.status && response.status >= 400) {
    let message: string | undefined;
    try {
      message = JSON.parse(await response.data.text())?.error?.message;
    } catch {
      message = undefined;
    }
    throw new Error(message ?? failed(response.status));
  }
  const url = URL.createObjectURL(response.data);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileNameOf(response.headers?.get('content-disposition'), fallbackName);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
