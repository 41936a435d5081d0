import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { unmetPasswordRules } from '@vssid/shared';
import { AppError } from './errors.ts';

// OWASP's argon2id parameters: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 satisfies Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs the same as a real one (no timing oracle for logins). */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

/** Enforces the policy the UI shows as a checklist; names the unmet rules in the field message. */
export function assertPasswordPolicy(password: string, login: string, field = 'newPassword'): void {
  const unmet = unmetPasswordRules(password, login);
  if (unmet.length > 0) {
    throw new AppError('VALIDATION_FAILED', 400, { fields: { [field]: { key: 'passwordPolicy' } }, params: {} });
  }
}

/** A one-time password for a new account: 8 characters that satisfy the policy, no look-alike characters. */
export function generateOneTimePassword(random: (n: number) => number): string {
  const pick = (alphabet: string) => alphabet[random(alphabet.length)] ?? alphabet[0] ?? 'x';
  const chars = [pick('ABCDEFGHJKLMNPQRSTUVWXYZ'), pick('abcdefghijkmnpqrstuvwxyz'), pick('23456789'), pick('@#$%&*')];
  const all = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  while (chars.length < 10) chars.push(pick(all));
  // Shuffle so the classes are not always in the same positions.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
