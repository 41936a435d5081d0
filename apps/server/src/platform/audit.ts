import type { Db } from '../db/connection.ts';
import { auditEvents } from '../db/schema.ts';

export interface AuditEvent {
  actorType: 'citizen' | 'officer' | 'facility' | 'employer' | 'admin' | 'system' | 'public';
  actorId?: number | string | null;
  action: string;
  subjectType?: string;
  subjectId?: number | string | null;
  requestId?: string;
  /** Never personal data (names, ID numbers, phones): ids and codes only. */
  details?: Record<string, unknown>;
}

/** The audit_events row of an event (for statements that write it together with other rows). */
export function auditRow(event: AuditEvent) {
  return {
    actorType: event.actorType,
    actorId: event.actorId === undefined || event.actorId === null ? null : String(event.actorId),
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId === undefined || event.subjectId === null ? null : String(event.subjectId),
    requestId: event.requestId ?? null,
    details: event.details ?? null,
  };
}
export type AuditRow = ReturnType<typeof auditRow>;

/** Appends to the audit log (append-only: the database refuses updates and deletes). */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values(auditRow(event));
}
