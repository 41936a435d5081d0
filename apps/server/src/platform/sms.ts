// SMS: every message is stored (the outbox is the delivery log). The `outbox` adapter stops there — a development
// page shows the messages — and the `http` adapter posts each one to the operator's gateway from a retried job.
import { smsText } from '@vssid/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { smsMessages } from '../db/schema.ts';

export type SmsCategory = 'otp' | 'registration' | 'account' | 'notice';

export interface SmsDispatcher {
  /** Called after the message row exists; the http adapter enqueues its delivery job here. */
  dispatch(messageId: number): Promise<void>;
}

export class SmsService {
  constructor(
    private readonly db: Db,
    private readonly mode: 'outbox' | 'http',
    private readonly dispatcher?: SmsDispatcher,
  ) {}

  /** Stores the message (in the caller's transaction when given) and hands it to delivery. */
  async send(phone: string, text: string, category: SmsCategory, db: Db = this.db): Promise<number> {
    const [row] = await db
      .insert(smsMessages)
      .values({ phone, body: smsText(text), category, status: this.mode === 'outbox' ? 'delivered' : 'queued' })
      .returning({ id: smsMessages.id });
    if (!row) throw new Error('SMS not stored');
    if (this.mode === 'http') await this.dispatcher?.dispatch(row.id);
    return row.id;
  }
}

/**
 * The real gateway adapter: POSTs {to, text, reference} as JSON with a bearer token; any 2xx with `{ id }` is
 * accepted. Operators map this to their provider (Viettel, VNPT, …) with a thin proxy if the wire format differs.
 */
export async function deliverByHttp(db: Db, messageId: number, gateway: { url: string; token: string | undefined }) {
  const [message] = await db.select().from(smsMessages).where(eq(smsMessages.id, messageId));
  if (!message || message.status === 'sent' || message.status === 'delivered') return;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}) },
    body: JSON.stringify({ to: message.phone, text: message.body, reference: String(message.id) }),
    signal: AbortSignal.timeout(10_000),
  });
  const attempts = message.attempts + 1;
  if (!response.ok) {
    await db
      .update(smsMessages)
      .set({ attempts, status: 'queued', lastError: `HTTP ${response.status}` })
      .where(eq(smsMessages.id, messageId));
    // The job system retries with backoff; after the last try the job handler marks it failed.
    throw new Error(`SMS gateway answered ${response.status}`);
  }
  const body = (await response.json().catch(() => ({}))) as { id?: unknown };
  await db
    .update(smsMessages)
    .set({ attempts, status: 'sent', sentAt: new Date(), providerMessageId: typeof body.id === 'string' ? body.id : null })
    .where(eq(smsMessages.id, messageId));
}

/** "0912345678" → "0912***678": enough for the person to recognise their phone, not enough to harvest it. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 4)}***${phone.slice(-3)}` : '***';
}
