import path from 'path';
import { Readable } from 'stream';
import { localStore, type ReadResult, type StoredObject } from './files/local-store';
import { PLUGIN_ID } from './constants';

/**
 * The upload provider of the client portal (`strapi-provider-upload-client-portal`): every file of the media library
 * is private. Files are kept on this server's disk outside `public/` (default) or by another Strapi upload provider
 * holding them privately (e.g. `@strapi/provider-upload-aws-s3` with `ACL: 'private'`). No file has a permanent
 * URL: `getSignedUrl` answers a short-lived link to the plugin's file route, bound to whoever asked (portal account,
 * agent or API token), and that route checks the link and the caller's access again when it is fetched.
 */
export interface ProviderOptions {
  /** Local store directory, relative to the app root (default `private/uploads`). */
  directory?: string;
  /** Keep the bytes with another upload provider instead of the local disk. It must be private. */
  store?: { provider: string; providerOptions?: Record<string, unknown> } | null;
}

interface InnerProvider {
  upload(file: StoredObject, options?: unknown): Promise<void>;
  uploadStream?(file: StoredObject, options?: unknown): Promise<void>;
  delete(file: StoredObject, options?: unknown): Promise<void>;
  isPrivate?(): boolean | Promise<boolean>;
  getSignedUrl?(file: StoredObject, options?: unknown): Promise<{ url: string }> | { url: string };
}

declare const strapi: any;

const loadProvider = (name: string): { init(options: unknown): InnerProvider } => {
  let modulePath: string;
  try {
    modulePath = require.resolve(`@strapi/provider-upload-${name}`);
  } catch {
    modulePath = name;
  }
  return require(modulePath);
};

/**
 * Reads an object of a remote private store through a presigned link of its own, server side; a `Range` header is
 * passed on (S3 serves ranges itself).
 */
const remoteRead = async (inner: InnerProvider, file: StoredObject, rangeHeader?: string | null): Promise<ReadResult> => {
  if (!inner.getSignedUrl) throw new Error('client-portal upload provider: the store cannot sign links (getSignedUrl)');
  const { url } = await inner.getSignedUrl(file);
  const response = await fetch(url, { headers: rangeHeader ? { Range: rangeHeader } : {} });
  const contentRange = response.headers.get('content-range') ?? '';
  const total = Number(/\/(\d+)$/.exec(contentRange)?.[1] ?? response.headers.get('content-length'));
  if (response.status === 416) return { unsatisfiable: true, size: total };
  if (response.status === 404 || response.status === 403) return null;
  if (!response.ok || !response.body) throw new Error(`client-portal upload provider: the store answered ${response.status}`);
  const part = response.status === 206 ? /^bytes (\d+)-(\d+)\//.exec(contentRange) : null;
  return { stream: Readable.fromWeb(response.body as any), size: total, range: part ? { start: Number(part[1]), end: Number(part[2]) } : null };
};

export default {
  init(options: ProviderOptions = {}) {
    const files = () => strapi.plugin(PLUGIN_ID).service('files');
    let local: ReturnType<typeof localStore> | null = null;
    let inner: InnerProvider;
    if (options.store?.provider) {
      inner = loadProvider(options.store.provider).init(options.store.providerOptions ?? {});
      if (inner.isPrivate && !inner.isPrivate()) {
        throw new Error(`client-portal upload provider: the "${options.store.provider}" store must be private (for aws-s3: params.ACL "private")`);
      }
    } else {
      local = localStore(path.resolve(strapi.dirs.app.root, options.directory || 'private/uploads'));
      inner = local;
    }

    return {
      ...(inner.uploadStream ? { uploadStream: (file: StoredObject) => inner.uploadStream!(file) } : {}),
      upload: (file: StoredObject) => inner.upload(file),
      delete: (file: StoredObject) => inner.delete(file),
      isPrivate: () => true,
      /** A link to the file route, signed for the current caller, valid `fileLinkTtlSeconds`. */
      getSignedUrl: (file: StoredObject) => ({ url: files().link(file) }),
      /** The bytes of a stored object (or the range a `Range` header asks for) and its full size; null when it is gone. */
      read: (file: StoredObject, rangeHeader?: string | null) => (local ? local.read(file, rangeHeader) : remoteRead(inner, file, rangeHeader)),
    };
  },
};
