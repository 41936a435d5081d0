// Dossier numbers shaped like the seeds' `01841.GD/2021/087`: a per-agency, per-year sequence of at least 5 digits,
// '.GD' (giao dịch: electronic-transaction registration), the year, and a 3-digit agency suffix.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, sqlRows } from '../../db/connection.ts';
import { dossierSequences } from '../../db/schema.ts';

/**
 * The agency suffix is the last 3 digits of the agency id: unique while there are fewer than 1,000 offices (today
 * ~300). The sequence is counted per agency, so two agencies could only collide beyond that.
 */
export function agencySuffix(agencyId: number): string {
  return String(agencyId % 1000).padStart(3, '0');
}

/** What follows the sequence in a number: `.GD/2026/001`. */
function dossierNumberTail(series: 'GD' | 'DV', year: number, agencyId: number): string {
  return `.${series}/${year}/${agencySuffix(agencyId)}`;
}

export function formatDossierNumber(sequence: number, year: number, agencyId: number): string {
  return `${String(sequence).padStart(5, '0')}${dossierNumberTail('GD', year, agencyId)}`;
}

/** formatDossierNumber in SQL, for a statement that takes the sequence itself: from its `last` (text) column. */
export function dossierNumberFromLast(series: 'GD' | 'DV', year: number, agencyId: number): SQL {
  return sql`lpad(last, greatest(5, length(last)), '0') || ${dossierNumberTail(series, year, agencyId)}`;
}

/** The upsert that takes the next sequence, answered as `last` (text): on its own (nextSequence) or as a CTE. */
export function takeSequence(agencyId: number, series: 'GD' | 'DV', year: number): SQL {
  return sql`insert into ${dossierSequences} (agency_id, series, year, last) values (${agencyId}, ${series}, ${year}, 1)
    on conflict (agency_id, series, year) do update set last = ${dossierSequences}.last + 1
    returning last::text as last`;
}

/**
 * The next sequence of a series for an agency in a year: one upsert. Registrations (GD) take theirs here; public-service
 * dossiers (DV) take theirs inside their filing statement (dossiers/repo.ts fileDossier), by the same upsert.
 * Must run inside the transaction that inserts the dossier: the counter row stays locked until that transaction ends,
 * so concurrent submissions to one agency take consecutive numbers, and a rolled-back one gives its number back.
 */
export async function nextSequence(tx: Db, agencyId: number, series: 'GD' | 'DV', year: number): Promise<number> {
  // Written out: it runs on every filing, and drizzle's upsert builder cost more CPU than the statement itself.
  const [row] = await sqlRows<{ last: string }>(tx, takeSequence(agencyId, series, year));
  if (!row) throw new Error('the dossier sequence upsert returned no row');
  return Number(row.last);
}

export async function nextDossierNumber(tx: Db, agencyId: number, year: number): Promise<string> {
  return formatDossierNumber(await nextSequence(tx, agencyId, 'GD', year), year, agencyId);
}
