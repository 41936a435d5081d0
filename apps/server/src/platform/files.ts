// Uploaded photos: checked by content (decoded, not trusted by name or header), re-encoded to strip metadata
// (EXIF GPS, camera serials) and stored by a random key. Disk by default; an S3-compatible store implements the
// same two methods when several nodes run.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MAX_UPLOAD_BYTES } from '@vssid/shared';
import { AppError } from './errors.ts';
import { loadOnce } from './load-once.ts';

export interface FileStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}
  private path(key: string): string {
    if (!/^[a-z0-9/-]+\.(jpg|png|webp)$/.test(key)) throw new Error('bad file key');
    return join(this.root, key);
  }
  async put(key: string, content: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode: 0o600 });
  }
  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }
  delete(key: string): Promise<void> {
    return rm(this.path(key), { force: true });
  }
}

export const IMAGE_FORMATS = { jpeg: { mime: 'image/jpeg', ext: 'jpg' }, png: { mime: 'image/png', ext: 'png' }, webp: { mime: 'image/webp', ext: 'webp' } } as const;
type ImageFormat = keyof typeof IMAGE_FORMATS;

export interface CleanImage {
  content: Buffer;
  format: ImageFormat;
  mimeType: (typeof IMAGE_FORMATS)[ImageFormat]['mime'];
  width: number;
  height: number;
}

/**
 * sharp (libvips) is loaded by the first upload, not at start: it adds ~28 MB to every node's resident memory, and
 * most requests (card checks, records, look-ups) never decode an image.
 */
const loadSharp = loadOnce(() => import('sharp'));

/** Largest side kept: enough to read an ID card, small enough for a phone on a poor network. */
const MAX_SIDE = 2400;

export async function cleanImage(input: Buffer): Promise<CleanImage> {
  if (input.length > MAX_UPLOAD_BYTES) throw new AppError('UPLOAD_TOO_LARGE', 413);
  const { default: sharp } = await loadSharp();
  let format: ImageFormat;
  try {
    const metadata = await sharp(input, { failOn: 'error' }).metadata();
    if (metadata.format !== 'jpeg' && metadata.format !== 'png' && metadata.format !== 'webp') throw new Error('format');
    format = metadata.format;
  } catch {
    throw new AppError('UPLOAD_INVALID', 415);
  }
  const { data, info } = await sharp(input, { failOn: 'error' })
    .rotate() // apply the EXIF orientation before the metadata is dropped
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .toFormat(format, { quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return { content: data, format, mimeType: IMAGE_FORMATS[format].mime, width: info.width, height: info.height };
}
