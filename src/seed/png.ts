import zlib from 'zlib';

export type Rgb = [number, number, number];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (buffer: Buffer) => {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/**
 * Draws a simple house under a sky (demo listing photo) and encodes it as PNG.
 * Colours vary per photo so each demo property looks different.
 */
export const housePhoto = (width: number, height: number, wall: Rgb, roof: Rgb, sky: Rgb): Buffer => {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const groundY = Math.round(height * 0.78);
  const houseLeft = Math.round(width * 0.28);
  const houseRight = Math.round(width * 0.72);
  const wallTop = Math.round(height * 0.45);
  const roofTop = Math.round(height * 0.2);
  const mid = (houseLeft + houseRight) / 2;
  const half = (houseRight - houseLeft) / 2 + width * 0.04;

  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x += 1) {
      let colour: Rgb;
      const shade = 1 - y / height / 2;
      colour = [sky[0] * shade, sky[1] * shade, Math.min(255, sky[2] * (shade + 0.2))];
      if (y >= groundY) colour = [70, 140 - (y - groundY) / 3, 60];
      const roofSpan = ((y - roofTop) / (wallTop - roofTop)) * half;
      if (y >= roofTop && y < wallTop && Math.abs(x - mid) <= roofSpan) colour = roof;
      if (y >= wallTop && y < groundY && x >= houseLeft && x < houseRight) {
        colour = wall;
        const inDoor = x > mid - width * 0.04 && x < mid + width * 0.04 && y > groundY - height * 0.18;
        const inWindow = (Math.abs(x - (houseLeft + mid) / 2) < width * 0.05 || Math.abs(x - (mid + houseRight) / 2) < width * 0.05)
          && y > wallTop + height * 0.06 && y < wallTop + height * 0.16;
        if (inDoor) colour = [90, 60, 40];
        if (inWindow) colour = [200, 225, 240];
      }
      const offset = row + 1 + x * 3;
      raw[offset] = Math.max(0, Math.min(255, Math.round(colour[0])));
      raw[offset + 1] = Math.max(0, Math.min(255, Math.round(colour[1])));
      raw[offset + 2] = Math.max(0, Math.min(255, Math.round(colour[2])));
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};
