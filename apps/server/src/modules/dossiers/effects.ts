// What an approved dossier changes in the records, per type. Runs inside the decision's transaction, before the
// status changes: a failure anywhere rolls back the records and the decision together (no half-applied decision).
import {
  bookReissueForm,
  type DossierType,
  pensionPlaceChangeForm,
  receiptMethodChangeForm,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { findProvincialAgency } from '../registrations/repo.ts';
import { typeOf } from './engine.ts';
import { arrangementOf, checkAccountHolder, firstOfMonth, nextMonth } from './payments.ts';
import * as repo from './repo.ts';

type Effect = Record<string, unknown>;

async function personOf(tx: Db, dossier: repo.DossierRow) {
  const person = await repo.personOf(tx, dossier.personId);
  if (!person) throw new Error(`dossier ${dossier.id} names no person`);
  return person;
}

/** Lost or damaged card: the card in force is revoked and an identical one (same code) issued today. */
async function reissueCard(tx: Db, services: Services, dossier: repo.DossierRow): Promise<Effect> {
  const card = await repo.cardInForce(tx, dossier.personId);
  if (!card) throw new AppError('NO_ACTIVE_CARD', 409);
  const now = services.clock.now();
  await repo.revokeCard(tx, card.id);
  const { id: oldCardId, ...copy } = card;
  const newCardId = await repo.insertCard(tx, {
    ...copy,
    status: 'active',
    issuedOn: vietnamDate(now),
    issuedAt: now,
    issuingAgencyId: dossier.agencyId,
  });
  return { oldCardId, newCardId, cardCode: card.cardCode };
}

/**
 * Replaces the arrangement in force from next month: the current one is paid to the end of this month (history is
 * kept), the new one from the first of the next.
 */
async function replaceArrangement(
  tx: Db,
  services: Services,
  dossier: repo.DossierRow,
  benefitPaymentId: number,
  change: (
    current: Awaited<ReturnType<typeof arrangementOf>>['arrangement'],
  ) => Promise<
    Omit<Parameters<typeof repo.insertArrangement>[1], 'benefitPaymentId' | 'fromMonth' | 'dossierId'>
  >,
): Promise<Effect> {
  const today = vietnamDate(services.clock.now());
  const person = await personOf(tx, dossier);
  const { arrangement } = await arrangementOf(tx, person, benefitPaymentId, today);
  if (arrangement.storedId !== null)
    await repo.closeArrangement(tx, arrangement.storedId, firstOfMonth(today));
  const fromMonth = nextMonth(today);
  const arrangementId = await repo.insertArrangement(tx, {
    ...(await change(arrangement)),
    benefitPaymentId,
    fromMonth,
    dossierId: dossier.id,
  });
  return { benefitPaymentId, arrangementId, fromMonth };
}

const EFFECTS: Record<
  DossierType,
  (tx: Db, services: Services, dossier: repo.DossierRow) => Promise<Effect>
> = {
  book_reissue: async (_tx, _services, dossier) => ({
    delivery: bookReissueForm.parse(dossier.form).delivery,
  }),
  card_reissue: reissueCard,
  pension_place_change: async (tx, services, dossier) => {
    const form = pensionPlaceChangeForm.parse(dossier.form);
    return replaceArrangement(tx, services, dossier, form.benefitPaymentId, async (current) => {
      // The agency of the new province takes the payments over.
      const agency = await findProvincialAgency(tx, form.provinceCode, vietnamDate(services.clock.now()));
      if (!agency)
        throw new AppError('VALIDATION_FAILED', 400, {
          fields: { 'form.provinceCode': { key: 'unknownAgency' } },
        });
      return {
        ...current,
        agencyId: agency.id,
        provinceCode: form.provinceCode,
        communeCode: form.communeCode,
        street: form.street,
      };
    });
  },
  receipt_method_change: async (tx, services, dossier) => {
    const form = receiptMethodChangeForm.parse(dossier.form);
    return replaceArrangement(tx, services, dossier, form.benefitPaymentId, async (current) => {
      const bank = form.method === 'bank_account';
      return {
        ...current,
        method: form.method,
        bankCode: bank ? (form.bankCode ?? null) : null,
        accountNumber: bank ? (form.accountNumber ?? null) : null,
        contactPhone: form.contactPhone ?? current.contactPhone,
      };
    });
  },
};

/**
 * Checks an approval needs from outside services, made before the decision's transaction (a bank inquiry must not
 * hold the dossier's locks): the account is asked about again, as it may have been closed since the citizen filed.
 */
export async function checkBeforeApproval(
  db: Db,
  services: Services,
  dossier: repo.DossierRow,
): Promise<void> {
  if (typeOf(dossier) !== 'receipt_method_change') return;
  const form = receiptMethodChangeForm.parse(dossier.form);
  if (form.method === 'bank_account' && form.bankCode && form.accountNumber) {
    await checkAccountHolder(db, services, await personOf(db, dossier), form.bankCode, form.accountNumber);
  }
}

export function applyApproval(tx: Db, services: Services, dossier: repo.DossierRow): Promise<Effect> {
  return EFFECTS[typeOf(dossier)](tx, services, dossier);
}
