import fs from 'fs';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Readable } from 'stream';
import parseRange from 'range-parser';

/** A stored object as the upload plugin describes it (a file or one of its formats). */
export interface StoredObject {
  hash: string;
  ext?: string | null;
  url?: string;
  stream?: Readable;
  buffer?: Buffer;
}

export interface ByteRange {
  start: number;
  end: number;
}

/** What a store answers for a read: the bytes (all, or the one range asked for), or that the range is off the end. */
export type ReadResult =
  | { stream: Readable; size: number; range: ByteRange | null }
  | { unsatisfiable: true; size: number }
  | null;

/** The one byte range of a `Range` header that a store serves; null to serve the whole object. */
export const rangeOf = (size: number, header: string | null | undefined): ByteRange | null | 'unsatisfiable' => {
  if (!header) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1) return ranges[0];
  return null;
};

/** Where a private file says it lives; nothing serves this path, links go through the signed file route. */
export const PRIVATE_URL_PREFIX = '/private-uploads/';

/**
 * Files on this server's disk, in a directory outside `public/` that nothing serves: the only way to a file is a
 * signed link to the plugin's file route. Names are the upload plugin's hash and extension, checked so that no
 * stored name can leave the directory.
 */
export const localStore = (directory: string) => {
  fs.mkdirSync(directory, { recursive: true });

  /** `<hash><ext>` with anything but letters, digits, "_", "-" (and "." in the extension) removed. */
  const nameOf = (file: StoredObject) => {
    const name = `${String(file.hash).replace(/[^\w-]/g, '')}${String(file.ext ?? '').replace(/[^A-Za-z0-9.]/g, '')}`;
    if (!name || name.startsWith('.') || name.includes('..')) throw new Error(`Invalid stored file name: ${JSON.stringify(name)}`);
    return name;
  };
  const pathOf = (file: StoredObject) => path.join(directory, nameOf(file));

  return {
    directory,

    async uploadStream(file: StoredObject) {
      if (!file.stream) throw new Error('Missing file stream');
      await pipeline(file.stream, fs.createWriteStream(pathOf(file), { mode: 0o600 }));
      file.url = `${PRIVATE_URL_PREFIX}${nameOf(file)}`;
    },

    async upload(file: StoredObject) {
      if (!file.buffer) throw new Error('Missing file buffer');
      await fs.promises.writeFile(pathOf(file), file.buffer, { mode: 0o600 });
      file.url = `${PRIVATE_URL_PREFIX}${nameOf(file)}`;
    },

    async delete(file: StoredObject) {
      await fs.promises.rm(pathOf(file), { force: true });
    },

    /** The bytes (all, or the range a `Range` header asks for) and the object's full size; null when it is gone. */
    async read(file: StoredObject, rangeHeader?: string | null): Promise<ReadResult> {
      const target = pathOf(file);
      const stat = await fs.promises.stat(target).catch(() => null);
      if (!stat?.isFile()) return null;
      const range = rangeOf(stat.size, rangeHeader);
      if (range === 'unsatisfiable') return { unsatisfiable: true, size: stat.size };
      return { stream: fs.createReadStream(target, range ?? {}), size: stat.size, range };
    },
  };
};

export type LocalStore = ReturnType<typeof localStore>;
