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

export function formatDossierNumber(sequence: number, year: number, agencyId: number): string {
  return `${String(sequence).padStart(5, '0')}.GD/${year}/${agencySuffix(agencyId)}`;
}

/**
 * formatDossierNumber in SQL, for a statement that takes its sequences itself: SQL expressions for the sequence (text),
 * the series, the year and the agency id give the number's text (`lpad` to at least 5 digits, never cutting a sixth).
 */
export function dossierNumberSql(parts: { sequence: string; series: string; year: string; agencyId: string }): string {
  const { sequence, series, year, agencyId } = parts;
  return `lpad(${sequence}, greatest(5, length(${sequence})), '0') || '.' || ${series} || '/' || ${year} || '/' || lpad((${agencyId} % 1000)::text, 3, '0')`;
}

/** The upsert that takes the next sequence, answered as `last` (text). */
function takeSequence(agencyId: number, series: 'GD' | 'DV', year: number): SQL {
  return sql`insert into ${dossierSequences} (agency_id, series, year, last) values (${agencyId}, ${series}, ${year}, 1)
    on conflict (agency_id, series, year) do update set last = ${dossierSequences}.last + 1
    returning last::text as last`;
}

/**
 * The next sequence of a series for an agency in a year: one upsert. Registrations (GD) take theirs here; public-service
 * dossiers (DV) take theirs inside their filing statement (dossiers/repo.ts FILE_DOSSIERS), several at once.
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
