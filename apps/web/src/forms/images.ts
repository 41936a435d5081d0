import { MAX_UPLOAD_BYTES } from '@vssid/shared';

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Long side of a re-encoded photo: plenty to read an ID card, a fraction of a phone camera's 12 megapixels. */
const MAX_SIDE = 2048;

export type PreparedImage =
  { ok: true; blob: Blob; name: string } | { ok: false; reason: 'unsupported' | 'tooLarge' };

function isAccepted(type: string): boolean {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}

async function decode(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function encode(image: HTMLImageElement, maxSide: number, quality: number): Promise<Blob | null> {
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/**
 * A photo ready to upload. A phone camera's picture is often over 3 MB (or HEIC): the browser re-encodes it as a
 * smaller JPEG instead of refusing it. The server still checks the content and re-encodes whatever it accepts.
 */
export async function prepareImage(file: File): Promise<PreparedImage> {
  if (isAccepted(file.type) && file.size <= MAX_UPLOAD_BYTES)
    return { ok: true, blob: file, name: file.name };
  let image: HTMLImageElement;
  try {
    image = await decode(file);
  } catch {
    return { ok: false, reason: 'unsupported' };
  }
  for (const [side, quality] of [
    [MAX_SIDE, 0.85],
    [1600, 0.75],
    [1280, 0.7],
  ] as const) {
    const blob = await encode(image, side, quality);
    if (blob && blob.size <= MAX_UPLOAD_BYTES) return { ok: true, blob, name: 'photo.jpg' };
  }
  return { ok: false, reason: 'tooLarge' };
}
