/**
 * What clients may upload, per kind of file. A file is judged by its bytes (sniffed with `file-type`): the detected
 * type must be listed here, and the stored type and extension are the ones this table gives for it, never the
 * client's filename or declared Content-Type.
 */
export type UploadKind = 'avatar' | 'photo' | 'voiceNote' | 'formFile';

/** A detected type (file-type's `mime`) and what it is stored as. */
export interface StoredType {
  mime: string;
  ext: string;
  /** Raster image whose metadata (EXIF, GPS, XMP) is removed before storing. */
  image?: 'jpeg' | 'png' | 'webp' | 'gif';
}

export interface KindRules {
  /** Detected mime → stored type. Anything else (SVG, HTML, XML, scripts, unrecognised bytes) is refused. */
  types: Record<string, StoredType>;
  maxBytes: number;
  /** Completes "file: must be …". */
  expected: string;
  size: string;
  /** Stored file name (without extension): the client's filename is never kept. */
  baseName: string;
}

const IMAGES: Record<string, StoredType> = {
  'image/jpeg': { mime: 'image/jpeg', ext: '.jpg', image: 'jpeg' },
  'image/png': { mime: 'image/png', ext: '.png', image: 'png' },
  'image/webp': { mime: 'image/webp', ext: '.webp', image: 'webp' },
  'image/gif': { mime: 'image/gif', ext: '.gif', image: 'gif' },
};

/**
 * Browsers record voice notes as WebM (Chrome, Firefox) or MP4 (Safari); file-type names those containers video/*
 * because it cannot tell an audio-only track from its first bytes. On this route they are stored as audio.
 */
const AUDIO: Record<string, StoredType> = Object.fromEntries(
  (
    [
      [{ mime: 'audio/mpeg', ext: '.mp3' }, ['audio/mpeg']],
      [{ mime: 'audio/mp4', ext: '.m4a' }, ['audio/x-m4a', 'audio/mp4', 'video/mp4']],
      [{ mime: 'audio/aac', ext: '.aac' }, ['audio/aac']],
      [{ mime: 'audio/ogg', ext: '.ogg' }, ['audio/ogg', 'audio/ogg; codecs=opus', 'audio/opus']],
      [{ mime: 'audio/wav', ext: '.wav' }, ['audio/wav', 'audio/x-wav']],
      [{ mime: 'audio/webm', ext: '.webm' }, ['audio/webm', 'video/webm']],
    ] as Array<[StoredType, string[]]>
  ).flatMap(([stored, detected]) => detected.map((mime) => [mime, stored])),
);

const PDF: Record<string, StoredType> = { 'application/pdf': { mime: 'application/pdf', ext: '.pdf' } };

const MB = 1024 * 1024;

export const UPLOAD_RULES: Record<UploadKind, KindRules> = {
  avatar: { types: IMAGES, maxBytes: 5 * MB, expected: 'a JPEG, PNG, WebP or GIF image', size: '5 MB', baseName: 'profile-picture' },
  photo: { types: IMAGES, maxBytes: 10 * MB, expected: 'an image (JPEG, PNG, WebP or GIF)', size: '10 MB', baseName: 'viewing-photo' },
  voiceNote: {
    types: AUDIO,
    maxBytes: 20 * MB,
    expected: 'an audio file (MP3, M4A, AAC, OGG, WebM or WAV)',
    size: '20 MB',
    baseName: 'voice-note',
  },
  formFile: { types: { ...IMAGES, ...PDF }, maxBytes: 10 * MB, expected: 'an image (JPEG, PNG, WebP or GIF) or a PDF', size: '10 MB', baseName: 'form-file' },
};

/** The largest file any client route takes: multipart bodies above this (plus form overhead) are refused. */
export const LARGEST_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_RULES).map((rules) => rules.maxBytes));

/**
 * Served inline (shown or played by the browser); every other type is served as an attachment. SVG is not here:
 * it can carry scripts.
 */
export const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
]);
