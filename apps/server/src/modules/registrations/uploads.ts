// Photos for a form (portrait, ID card front/back, birth certificate): uploaded before the form is sent, checked by
// content and re-encoded (platform/files.ts), kept by a random id until a form takes them; the rest are purged.
import { createHash, randomUUID } from 'node:crypto';
import type { UploadPurpose, UploadResult } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanImage, IMAGE_FORMATS } from '../../platform/files.ts';
import type { Services } from '../../platform/services.ts';
import * as repo from './repo.ts';
import type { RequestContext } from './service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function storeUpload(
  db: Db,
  services: Services,
  input: { purpose: UploadPurpose; content: Buffer },
  context: RequestContext,
): Promise<UploadResult> {
  // Throws UPLOAD_INVALID (415) or UPLOAD_TOO_LARGE (413) before anything is stored.
  const image = await cleanImage(input.content);
  const id = randomUUID();
  const storageKey = `uploads/${id}.${IMAGE_FORMATS[image.format].ext}`;
  await services.files.put(storageKey, image.content);
  await repo.insertStoredFile(db, {
    id,
    purpose: input.purpose,
    mimeType: image.mimeType,
    bytes: image.content.length,
    width: image.width,
    height: image.height,
    sha256: createHash('sha256').update(image.content).digest('hex'),
    storageKey,
    createdAt: services.clock.now(),
  });
  await recordAudit(db, {
    actorType: context.actor.type,
    actorId: context.actor.accountId,
    action: 'upload.stored',
    subjectType: 'stored_file',
    subjectId: id,
    requestId: context.requestId,
    details: { purpose: input.purpose, mimeType: image.mimeType },
  });
  return {
    uploadId: id,
    purpose: input.purpose,
    mimeType: image.mimeType,
    width: image.width,
    height: image.height,
    bytes: image.content.length,
  };
}

/** Uploads no form took within a day: nobody can use them any more, and they hold ID photos. */
export async function purgeUnattachedUploads(db: Db, services: Services): Promise<{ purged: number }> {
  const before = new Date(services.clock.now().getTime() - DAY_MS);
  const removed = await repo.deleteUnattachedFilesBefore(db, before);
  for (const file of removed) await services.files.delete(file.storageKey);
  if (removed.length > 0) {
    await recordAudit(db, {
      actorType: 'system',
      action: 'upload.purged',
      details: { count: removed.length },
    });
  }
  return { purged: removed.length };
}

/** Checks the photos a form names: each must exist, be unclaimed and be of its purpose. */
export async function checkUploads(
  db: Db,
  wanted: Array<{ field: string; id: string | undefined; purpose: UploadPurpose }>,
) {
  const given = wanted.flatMap((w) => (w.id ? [{ ...w, id: w.id }] : []));
  const rows = await repo.findStoredFiles(
    db,
    given.map((w) => w.id),
  );
  const fields: Record<string, { key: 'uploadUnknown' }> = {};
  for (const w of given) {
    const row = rows.find((r) => r.id === w.id);
    if (!row || row.attachedAt || row.purpose !== w.purpose) fields[w.field] = { key: 'uploadUnknown' };
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', 400, { fields });
  return given.map((w) => w.id);
}

/** Marks the photos as taken by a form, inside its transaction; a photo taken meanwhile fails the whole form. */
export async function attachUploads(tx: Db, ids: string[], at: Date) {
  const attached = await repo.attachStoredFiles(tx, ids, at);
  if (attached !== ids.length)
    throw new AppError('VALIDATION_FAILED', 400, { fields: { _: { key: 'uploadUnknown' } } });
}
