import crypto from 'crypto';

const POOL_SIZE = 16 * 1024;
let pool: Buffer = Buffer.alloc(0);
let offset = 0;

/**
 * `size` bytes from the system's secure random source, drawn in 16 KiB blocks: one system call per few hundred
 * tokens instead of one per token (a bulk invite draws tens of thousands). Each byte is handed out once; the
 * answer is a copy, so a caller may keep or wipe it.
 */
export const randomBytes = (size: number): Buffer => {
  if (size > POOL_SIZE / 4) return crypto.randomBytes(size);
  if (offset + size > pool.length) {
    pool = crypto.randomBytes(POOL_SIZE);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
};
