// The rows a card check leaves — the check, its flags, the card holder's access-ledger entry and notification —
// written by a group-commit writer: the rows of checks that arrive while a batch is being written go together into
// the next batch, one multi-row statement and one commit for all of them, instead of a transaction (five round-trips
// and a WAL flush) per check.
//
// Durability is unchanged: `write` resolves only after the statement holding the check's rows has committed, so no
// check is answered (and no result shown at the desk) before its ledger entry is on disk, exactly as with a
// transaction per check. A batch is one statement, so it is stored whole or not at all; when it fails, every check in
// it fails (the desk sees an error and checks again) — no row is dropped silently. What a check waits for is at most
// the batch in flight before its own, which at low load is nothing: an idle writer sends a single check at once.
import { type Db, onPglite, perHandle, preparedRows } from '../../db/connection.ts';
import { GroupBatcher } from '../../platform/group-batcher.ts';

export interface CheckRecord {
  at: Date;
  facilityCode: string;
  channel: 'desk' | 'api';
  accountId: number | null;
  clientId: string | null;
  sessionRef: string;
  staffName: string;
  staffPersonalId: string | null;
  inputKind: string | null;
  personId: number | null;
  cardId: number | null;
  resultCode: string;
  flags: string[];
  scannedAt: Date | null;
  /** card_flags rows for the agency (province that follows them up). */
  flagRows: Array<{ kind: string; otherFacilityCode: string | null; agencyProvinceCode: string }>;
  /** The card holder's access-ledger entry, when the check got as far as a person. */
  accessEvent: null | {
    actorType: 'facility' | 'hospital_system';
    actorName: string;
    organisation: string;
    result: string;
    requestId: string;
    /** The holder's account, told at once (a `card_checked` notification), when they have one. */
    notify: null | { accountId: number; params: Record<string, string> };
  };
}

export interface StoredCheck {
  checkId: number;
  accessEventId: number | null;
}

/** The batch's columns, one array each ($1…$23 of BATCH_STATEMENT, in its order). */
const BATCH_COLUMNS: ReadonlyArray<[type: string, pick: (record: CheckRecord, index: number) => unknown]> = [
  ['int', (_, index) => index],
  ['timestamptz', (r) => r.at.toISOString()],
  ['text', (r) => r.facilityCode],
  ['text', (r) => r.channel],
  ['bigint', (r) => r.accountId],
  ['text', (r) => r.clientId],
  ['text', (r) => r.sessionRef],
  ['text', (r) => r.staffName],
  ['text', (r) => r.staffPersonalId],
  ['text', (r) => r.inputKind],
  ['bigint', (r) => r.personId],
  ['bigint', (r) => r.cardId],
  ['text', (r) => r.resultCode],
  ['text', (r) => JSON.stringify(r.flags)],
  ['timestamptz', (r) => r.scannedAt?.toISOString() ?? null],
  ['text', (r) => JSON.stringify(r.flagRows)],
  ['text', (r) => r.accessEvent?.actorType ?? null],
  ['text', (r) => r.accessEvent?.actorName ?? null],
  ['text', (r) => r.accessEvent?.organisation ?? null],
  ['text', (r) => r.accessEvent?.result ?? null],
  ['text', (r) => r.accessEvent?.requestId ?? null],
  ['bigint', (r) => r.accessEvent?.notify?.accountId ?? null],
  ['text', (r) => (r.accessEvent?.notify ? JSON.stringify(r.accessEvent.notify.params) : null)],
];

/**
 * One statement for a batch, whatever its size (the rows travel as arrays, so it is prepared once per connection):
 * ids drawn from the sequences first, so each input row knows its check and ledger ids, then the four inserts.
 */
const BATCH_STATEMENT = {
  name: 'card_check_batch',
  text: `
    with input as materialized (
      select t.*,
             nextval(pg_get_serial_sequence('card_checks', 'id')) as check_id,
             case when t.event_actor_type is not null then nextval(pg_get_serial_sequence('access_events', 'id')) end as event_id
        from unnest(${BATCH_COLUMNS.map(([type], i) => `$${i + 1}::${type}[]`).join(', ')})
          as t(ord, at, facility_code, channel, account_id, client_id, session_ref, staff_name, staff_personal_id,
               input_kind, person_id, card_id, result_code, flags, scanned_at, flag_rows, event_actor_type,
               event_actor_name, event_organisation, event_result, event_request_id, notify_account_id, notify_params)
    ),
    checks as (
      insert into card_checks (id, at, facility_code, channel, account_id, client_id, session_ref, staff_name,
                               staff_personal_id, input_kind, person_id, card_id, result_code, flags, scanned_at)
      select check_id, at, facility_code, channel, account_id, client_id, session_ref, staff_name, staff_personal_id,
             input_kind, person_id, card_id, result_code, flags::jsonb, scanned_at
        from input
    ),
    flags as (
      insert into card_flags (at, kind, card_check_id, facility_code, other_facility_code, person_id, agency_province_code)
      select i.at, f.kind, i.check_id, i.facility_code, f."otherFacilityCode", i.person_id, f."agencyProvinceCode"
        from input i
        cross join lateral jsonb_to_recordset(i.flag_rows::jsonb) as f(kind text, "otherFacilityCode" text, "agencyProvinceCode" text)
    ),
    events as (
      insert into access_events (id, at, person_id, actor_type, actor_account_id, actor_name, organisation, purpose,
                                 resource, result, request_id)
      select event_id, at, person_id, event_actor_type, account_id, event_actor_name, event_organisation, 'card_check',
             'check', event_result, event_request_id
        from input where event_id is not null
    ),
    notes as (
      insert into notifications (account_id, at, kind, params, access_event_id)
      select notify_account_id, at, 'card_checked', notify_params::jsonb, event_id
        from input where notify_account_id is not null
    )
    select ord, check_id, event_id from input order by ord`,
};

export class CheckLedgerWriter {
  private readonly batcher: GroupBatcher<CheckRecord, StoredCheck>;

  /**
   * @param maxInFlight batches written at the same time (each holds one pool connection while it commits).
   * @param maxBatch rows of at most this many checks per statement.
   */
  constructor(
    private readonly db: Db,
    options: { maxInFlight: number; maxBatch: number; untilTurnEnds?: boolean } = { maxInFlight: 2, maxBatch: 200 },
  ) {
    this.batcher = new GroupBatcher((records) => this.writeBatch(records), options);
  }

  /** Committed batches and the checks in them. */
  get stats(): { batches: number; checks: number } {
    return { batches: this.batcher.stats.batches, checks: this.batcher.stats.items };
  }

  /** Stores a check's rows; resolves with its ids once they are committed, rejects when its batch failed. */
  write(record: CheckRecord): Promise<StoredCheck> {
    return this.batcher.submit(record);
  }

  /** Resolves once every check handed over so far is committed or failed (on shutdown). */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  private async writeBatch(records: readonly CheckRecord[]): Promise<StoredCheck[]> {
    const rows = await preparedRows<{ ord: number; check_id: string | number; event_id: string | number | null }>(
      this.db,
      BATCH_STATEMENT,
      BATCH_COLUMNS.map(([, pick]) => records.map(pick)),
    );
    // The statement answers in `ord` order, the records' own (GroupBatcher fails the batch on a missing row).
    return rows.map((row) => ({ checkId: Number(row.check_id), accessEventId: row.event_id === null ? null : Number(row.event_id) }));
  }
}

/**
 * One writer per database handle, so concurrent checks of every route (desk, hospital systems) share its batches.
 * One batch in flight, as the facts reads (repo.checkFacts): the checks that arrive meanwhile make the next one
 * bigger. With the reads batched too, PostgreSQL spent ~250 µs of CPU a check with one batch in flight against
 * ~290–380 with two (typed personal IDs on the 1M data set, two runs each), at the same rate.
 * On PGlite a batch runs to its end in this thread before any request is read: gather until the turn ends instead.
 */
export const checkLedgerOf = perHandle((db) => new CheckLedgerWriter(db, { maxInFlight: 1, maxBatch: 200, untilTurnEnds: onPglite(db) }));
