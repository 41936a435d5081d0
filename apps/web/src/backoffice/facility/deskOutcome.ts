import type { CheckedCard, CheckFlag, CheckResult, CheckResultCode } from '@vssid/shared';

/** The card facts the desk shows; offline, the registered facility is known by its code only. */
export type DeskCard = Omit<CheckedCard, 'registeredFacility'> & {
  registeredFacility: { code: string; name: string | null };
};

/** What the desk shows after a check: the server's answer, or the browser's own verification when offline. */
export interface DeskOutcome {
  /** Changes with every check, so the same answer twice is announced twice. */
  key: string;
  resultCode: CheckResultCode;
  /** The server's localized meaning; null offline (the code's meaning is taken from the catalog). */
  message: string | null;
  valid: boolean;
  card: DeskCard | null;
  flags: CheckFlag[];
  otherFacility: { name: string; at: string } | null;
  /** The server's check (a visit is opened from it); null until an offline check has been sent. */
  checkId: number | null;
  checkedAt: string;
  /** Verified in this browser and queued, not yet recorded by the server. */
  offline: boolean;
}

export function outcomeOfServer(result: CheckResult): DeskOutcome {
  return {
    key: `check:${result.checkId}`,
    resultCode: result.resultCode,
    message: result.message,
    valid: result.valid,
    card: result.card,
    flags: result.flags,
    otherFacility: result.otherFacility,
    checkId: result.checkId,
    checkedAt: result.checkedAt,
    offline: false,
  };
}
