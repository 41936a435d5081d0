// The banks' account-holder inquiry: before benefits go to an account, the account must exist and be held by the
// beneficiary. The local default answers from the bank_account_directory table (synthetic); the http adapter asks the
// interbank switch's inquiry service, which answers the holder's name as the bank has it.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { bankAccountDirectory } from '../db/schema.ts';

export interface BankAccountDirectory {
  /** The holder's name as the bank records it, or null when the bank has no such account. */
  holderName(bankCode: string, accountNumber: string): Promise<string | null>;
}

export class LocalBankAccountDirectory implements BankAccountDirectory {
  constructor(private readonly db: Db) {}

  async holderName(bankCode: string, accountNumber: string) {
    const [row] = await this.db
      .select({ holderName: bankAccountDirectory.holderName })
      .from(bankAccountDirectory)
      .where(
        and(
          eq(bankAccountDirectory.bankCode, bankCode),
          eq(bankAccountDirectory.accountNumber, accountNumber),
        ),
      );
    return row?.holderName ?? null;
  }
}

/**
 * The real inquiry (NAPAS account inquiry, reached through the agency's bank gateway): POST /accounts/inquiry
 * { bankCode, accountNumber } → 200 { holderName } or 404 when the account does not exist.
 */
export class HttpBankAccountDirectory implements BankAccountDirectory {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async holderName(bankCode: string, accountNumber: string) {
    const response = await fetch(new URL('accounts/inquiry', this.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ bankCode, accountNumber }),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Bank account inquiry answered ${response.status}`);
    const answer = (await response.json()) as { holderName?: unknown };
    return typeof answer.holderName === 'string' ? answer.holderName : null;
  }
}
