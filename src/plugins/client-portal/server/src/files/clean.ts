import sharp from 'sharp';
import type { StoredType } from './kinds';

/**
 * Re-encodes an uploaded picture without its metadata: EXIF (GPS position, camera serial), XMP and IPTC are dropped
 * (sharp writes none unless asked), the EXIF orientation is applied to the pixels first so the picture still stands
 * the right way up, and the colour profile is kept. Animated GIF and WebP keep their frames.
 */
export const stripImageMetadata = async (input: string, output: string, type: StoredType): Promise<number> => {
  const animated = type.image === 'gif' || type.image === 'webp';
  let image = sharp(input, { animated, failOn: 'error' }).keepIccProfile();
  if (!animated) image = image.autoOrient();
  switch (type.image) {
    case 'jpeg':
      image = image.jpeg({ quality: 90, mozjpeg: true });
      break;
    case 'png':
      image = image.png();
      break;
    case 'webp':
      image = image.webp({ quality: 90 });
      break;
    case 'gif':
      image = image.gif();
      break;
    default:
      throw new Error(`not an image type: ${type.mime}`);
  }
  const info = await image.toFile(output);
  return info.size;
};
