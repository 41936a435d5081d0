// Signing in as someone in tests: a real session row (the auth gate checks it) and a token for it.
import { randomUUID } from 'node:crypto';
import type { Role } from '@vssid/shared';
import type { Database } from '../db/connection.ts';
import { sessions } from '../db/schema.ts';
import type { Services } from '../platform/services.ts';

export async function bearerFor(
  database: Database,
  services: Services,
  account: { id: number; role: Role; passwordChangeRequired?: boolean },
): Promise<{ authorization: string; sessionId: string }> {
  const sessionId = randomUUID();
  const now = services.clock.now();
  await database.db.insert(sessions).values({
    id: sessionId,
    accountId: account.id,
    refreshTokenHash: `test-${sessionId}`,
    device: 'test',
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
  });
  const token = services.tokens.sign({
    accountId: account.id,
    role: account.role,
    sessionId,
    passwordChangeRequired: account.passwordChangeRequired ?? false,
  });
  return { authorization: `Bearer ${token}`, sessionId };
}
