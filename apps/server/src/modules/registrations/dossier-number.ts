// Dossier numbers shaped like the seeds' `01841.GD/2021/087`: a per-agency, per-year sequence of at least 5 digits,
// '.GD' (giao dịch: electronic-transaction registration), the year, and a 3-digit agency suffix.
import type { Db } from '../../db/connection.ts';
import * as repo from './repo.ts';

/**
 * The agency suffix is the last 3 digits of the agency id: unique while there are fewer than 1,000 offices (today
 * ~300). The sequence is counted per agency, so two agencies could only collide beyond that.
 */
export function agencySuffix(agencyId: number): string {
  return String(agencyId % 1000).padStart(3, '0');
}

export function formatDossierNumber(sequence: number, year: number, agencyId: number): string {
  return `${String(sequence).padStart(5, '0')}.GD/${year}/${agencySuffix(agencyId)}`;
}

/**
 * The next number for an agency in a year. Must run inside the transaction that inserts the registration: the
 * advisory lock serialises concurrent submissions to one agency until that transaction ends, so max + 1 is safe.
 */
export async function nextDossierNumber(tx: Db, agencyId: number, year: number): Promise<string> {
  await repo.lockDossierNumbers(tx, agencyId);
  const last = await repo.lastDossierSequence(tx, agencyId, `%.GD/${year}/${agencySuffix(agencyId)}`);
  return formatDossierNumber(last + 1, year, agencyId);
}
