// How a monthly benefit is paid: the arrangement in force, or — for a benefit nobody has changed yet — cash at the
// post office of the person's address, paid by the agency that decided the benefit.
import { foldVietnamese, type PaymentArrangement, type PaymentMethod, paymentMethod } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import * as repo from './repo.ts';

export interface EffectiveArrangement {
  /** The stored row in force; null when the benefit is paid the default way. */
  storedId: number | null;
  benefitPaymentId: number;
  agencyId: number;
  provinceCode: string;
  communeCode: string;
  street: string;
  method: PaymentMethod;
  bankCode: string | null;
  accountNumber: string | null;
  contactPhone: string | null;
  fromMonth: string;
}

type Person = NonNullable<Awaited<ReturnType<typeof repo.personOf>>>;

export const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** The first day of the month after `date`'s. */
export function nextMonth(date: string): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

export async function effectiveArrangements(
  db: Db,
  person: Person,
  today: string,
): Promise<Array<{ benefit: repo.MonthlyBenefitRow; arrangement: EffectiveArrangement }>> {
  const benefits = await repo.monthlyBenefits(db, person.id, today);
  const stored = await repo.arrangementsInForce(
    db,
    benefits.map((b) => b.id),
  );
  return benefits.map((benefit) => {
    const row = stored.find((s) => s.benefitPaymentId === benefit.id);
    const arrangement: EffectiveArrangement = row
      ? {
          storedId: row.id,
          benefitPaymentId: benefit.id,
          agencyId: row.agencyId,
          provinceCode: row.provinceCode,
          communeCode: row.communeCode,
          street: row.street,
          method: paymentMethod.parse(row.method),
          bankCode: row.bankCode,
          accountNumber: row.accountNumber,
          contactPhone: row.contactPhone,
          fromMonth: row.fromMonth,
        }
      : {
          storedId: null,
          benefitPaymentId: benefit.id,
          agencyId: benefit.agencyId,
          provinceCode: person.provinceCode,
          communeCode: person.communeCode,
          street: person.street,
          method: 'cash_post_office',
          bankCode: null,
          accountNumber: null,
          contactPhone: null,
          fromMonth: firstOfMonth(benefit.fromDate),
        };
    return { benefit, arrangement };
  });
}

/** The monthly benefit a form names, with how it is paid now; a benefit of someone else is unknown. */
export async function arrangementOf(db: Db, person: Person, benefitPaymentId: number, today: string) {
  const all = await effectiveArrangements(db, person, today);
  if (all.length === 0) throw new AppError('NO_MONTHLY_BENEFIT', 409);
  const found = all.find((a) => a.benefit.id === benefitPaymentId);
  if (!found)
    throw new AppError('VALIDATION_FAILED', 400, {
      fields: { 'form.benefitPaymentId': { key: 'unknownBenefit' } },
    });
  return found;
}

/** The bank must know the account and hold it in the beneficiary's name (compared without accents or case). */
export async function checkAccountHolder(
  db: Db,
  services: Services,
  person: Person,
  bankCode: string,
  accountNumber: string,
) {
  if (!(await repo.bankByCode(db, bankCode))) {
    throw new AppError('VALIDATION_FAILED', 400, { fields: { 'form.bankCode': { key: 'bankCode' } } });
  }
  const holder = await services.bankAccounts.holderName(bankCode, accountNumber);
  if (holder === null) throw new AppError('BANK_ACCOUNT_NOT_FOUND', 409);
  if (foldVietnamese(holder) !== person.nameKey) throw new AppError('BANK_ACCOUNT_HOLDER_MISMATCH', 409);
}

const maskAccount = (accountNumber: string | null) =>
  accountNumber ? `•••• ${accountNumber.slice(-4)}` : null;

/** What the benefits view and the forms show: names resolved, the account number masked. */
export async function presentArrangements(
  db: Db,
  items: Array<{ benefit: repo.MonthlyBenefitRow; arrangement: EffectiveArrangement }>,
): Promise<PaymentArrangement[]> {
  const places = await repo.placeNames(db, [...new Set(items.map((i) => i.arrangement.communeCode))]);
  const agencyRows = await repo.agencyNames(db, [...new Set(items.map((i) => i.arrangement.agencyId))]);
  const bankRows = await repo.listBanks(db);
  return items.map(({ benefit, arrangement }) => {
    const place = places.find((p) => p.communeCode === arrangement.communeCode);
    return {
      benefitPaymentId: benefit.id,
      kind: benefit.kind,
      monthlyAmount: benefit.monthlyAmount,
      agencyName: agencyRows.find((a) => a.id === arrangement.agencyId)?.name ?? '',
      provinceCode: arrangement.provinceCode,
      provinceName: place?.provinceName ?? '',
      communeCode: arrangement.communeCode,
      communeName: place?.communeName ?? '',
      street: arrangement.street,
      method: arrangement.method,
      bankName: bankRows.find((b) => b.code === arrangement.bankCode)?.name ?? null,
      maskedAccountNumber: maskAccount(arrangement.accountNumber),
      contactPhone: arrangement.contactPhone,
      fromMonth: arrangement.fromMonth,
    };
  });
}
