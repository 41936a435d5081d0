import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dossierDetail,
  dossierPage,
  errorEnvelope,
  notificationPage,
  officerDossierDetail,
  officerDossierPage,
  paymentArrangementList,
  receiptVerification,
  vietnamDate,
} from '@vssid/shared';
import {
  agencies,
  auditEvents,
  bankAccountDirectory,
  benefitPayments,
  bhytCards,
  dossierEvents,
  dossiers,
  holidays,
  notifications,
  paymentArrangements,
} from '../../db/schema.ts';
import { bearerFor } from '../../test/auth.ts';
import { sqlRows } from '../../db/connection.ts';
import { auditRow } from '../../platform/audit.ts';
import { givenAccount, givenCard, givenFacility, givenPerson } from '../../test/factories.ts';
import { testDrivers } from '../../test/database.ts';
import { call, registrationWorld, signedIn, upload, type World } from '../registrations/test-support.ts';
import { violatedConstraint } from '../registrations/service.ts';
import { dossierNotice } from './engine.ts';
import { receiptToken } from './receipt.ts';
import * as repo from './repo.ts';

type Caller = Awaited<ReturnType<typeof signedIn>>;

describe.each(testDrivers)('public-service dossiers on %s', (driver) => {
  let world: World;
  let an: Caller;
  let binh: Caller;
  let receiver: Caller;
  let checker: Caller;
  let saigonOfficer: Caller;
  let anPersonId: number;
  let anCardCode: string;
  let pensionId: number;

  beforeAll(async () => {
    world = await registrationWorld(driver);
    await givenFacility(world.database, {
      code: '01001',
      name: 'Bệnh viện Xanh Pôn',
      provinceCode: '01',
      communeCode: '00004',
    });
    const anPerson = await givenPerson(world.database, {
      fullName: 'Trần Văn An',
      birthDate: '1958-04-02',
      sex: 'male',
    });
    anPersonId = anPerson.id;
    const card = await givenCard(world.database, {
      personId: anPerson.id,
      bhxhCode: anPerson.bhxhCode,
      objectCode: 'HT',
      benefitLevel: 3,
      facilityCode: '01001',
      issuingAgencyId: world.hanoi.id,
    });
    anCardCode = card.cardCode;
    const [pension] = await world.db
      .insert(benefitPayments)
      .values({
        personId: anPerson.id,
        kind: 'pension',
        fromDate: '2018-05-01',
        monthlyAmount: 6_200_000,
        decisionNumber: '1234/QĐ-BHXH',
        decidedOn: '2018-04-15',
        agencyId: world.hanoi.id,
      })
      .returning();
    if (!pension) throw new Error('no pension');
    pensionId = pension.id;
    await world.db.insert(bankAccountDirectory).values([
      { bankCode: 'VCB', accountNumber: '0011004455667', holderName: 'TRAN VAN AN' },
      { bankCode: 'VCB', accountNumber: '0011009999999', holderName: 'NGUYEN THI LAN' },
    ]);
    const binhPerson = await givenPerson(world.database, {
      fullName: 'Lê Thị Bình',
      birthDate: '1990-01-01',
    });
    an = await signedIn(world, {
      role: 'citizen',
      personId: anPerson.id,
      login: anPerson.bhxhCode,
      phone: anPerson.phone ?? '',
      displayName: anPerson.fullName,
    });
    binh = await signedIn(world, {
      role: 'citizen',
      personId: binhPerson.id,
      login: binhPerson.bhxhCode,
      phone: binhPerson.phone ?? '',
    });
    receiver = await signedIn(world, {
      role: 'officer',
      agencyId: world.hanoi.id,
      displayName: 'Cán bộ Tiếp Nhận',
    });
    checker = await signedIn(world, {
      role: 'officer',
      agencyId: world.hanoi.id,
      displayName: 'Cán bộ Xử Lý',
    });
    saigonOfficer = await signedIn(world, {
      role: 'officer',
      agencyId: world.hcmc.id,
      displayName: 'Cán bộ TP.HCM',
    });
  });
  afterAll(async () => {
    await world?.dispose();
  });

  const readOwn = async (who: Caller, id: number) =>
    dossierDetail.parse((await call(world, { method: 'GET', url: `/api/v1/dossiers/${id}`, headers: who.headers })).json());
  /** Files a dossier; a new one's answer (made from what was written, not read back) must equal a later read. */
  const file = async (who: Caller, payload: Record<string, unknown>, key: string = randomUUID()) => {
    const response = await call(world, {
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...who.headers, 'idempotency-key': key },
      payload,
    });
    if (response.statusCode === 201) {
      const answered = dossierDetail.parse(response.json());
      expect(answered).toEqual(await readOwn(who, answered.id));
    }
    return response;
  };
  const officerPost = (who: Caller, id: number, step: string, payload?: Record<string, unknown>) =>
    call(world, {
      method: 'POST',
      url: `/api/v1/officer/dossiers/${id}/${step}`,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
  const errorCode = (response: { json(): unknown }) => errorEnvelope.parse(response.json()).error.code;
  /** Moves the clock and signs everyone in again (access tokens live 10 minutes). */
  async function travelTo(instant: string) {
    world.clock.set(instant);
    for (const who of [an, binh, receiver, checker, saigonOfficer]) {
      const role = who.account.role === 'officer' ? 'officer' : 'citizen';
      who.headers.authorization = (
        await bearerFor(world.database, world.services, { id: who.account.id, role })
      ).authorization;
    }
  }

  /** Received by one officer, claimed by the other: ready for a decision. */
  async function readyForDecision(id: number) {
    expect((await officerPost(receiver, id, 'receipt')).statusCode).toBe(200);
    expect((await officerPost(checker, id, 'claim')).statusCode).toBe(200);
  }

  it('reissues a lost card: one dossier for a retried request, maker ≠ checker, the old card revoked and a new one issued', async () => {
    const payload = { type: 'card_reissue', form: { reason: 'lost' } };
    const key = randomUUID();
    // The phone sends twice at once (a flaky network): one dossier.
    const [first, second] = await Promise.all([file(an, payload, key), file(an, payload, key)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    const dossier = dossierDetail.parse(first.json());
    expect(dossierDetail.parse(second.json()).id).toBe(dossier.id);
    expect(dossier.status).toBe('submitted');
    expect(dossier.dossierNumber).toMatch(/^\d{5}\.DV\/2026\/\d{3}$/);
    // Monday 23 Nov 2026 + 7 working days.
    expect(dossier.dueOn).toBe('2026-12-02');
    expect(await world.db.$count(dossiers, eq(dossiers.personId, anPersonId))).toBe(1);
    // The same key with another body is not a retry.
    const reused = await file(an, { type: 'card_reissue', form: { reason: 'lost', note: 'khác' } }, key);
    expect(reused.statusCode).toBe(409);
    expect(errorCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    // A second open dossier of the type is refused.
    const again = await file(an, payload);
    expect(errorCode(again)).toBe('DOSSIER_PENDING');

    // The officer who received it may not process it.
    expect((await officerPost(receiver, dossier.id, 'receipt')).statusCode).toBe(200);
    const selfClaim = await officerPost(receiver, dossier.id, 'claim');
    expect(selfClaim.statusCode).toBe(403);
    expect(errorCode(selfClaim)).toBe('MAKER_CHECKER');
    const claimed = await officerPost(checker, dossier.id, 'claim');
    expect(officerDossierDetail.parse(claimed.json()).allowedActions).toEqual([
      'request_info',
      'approve',
      'reject',
    ]);
    const approved = await officerPost(checker, dossier.id, 'decision', {
      outcome: 'approve',
      reasonCode: 'complete',
    });
    expect(approved.statusCode).toBe(200);
    expect(officerDossierDetail.parse(approved.json()).status).toBe('approved');

    const cards = await world.db.select().from(bhytCards).where(eq(bhytCards.personId, anPersonId));
    expect(
      cards.map((c) => [c.cardCode, c.status]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [anCardCode, 'active'],
      [anCardCode, 'revoked'],
    ]);
    const card = await call(world, { method: 'GET', url: '/api/v1/people/me/card', headers: an.headers });
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({
      card: { cardCode: anCardCode, status: 'active', issuedOn: '2026-11-23' },
    });

    const seen = dossierDetail.parse(
      (
        await call(world, { method: 'GET', url: `/api/v1/dossiers/${dossier.id}`, headers: an.headers })
      ).json(),
    );
    expect(seen.status).toBe('approved');
    expect(seen.dueOn).toBeNull();
    expect(seen.events.map((e) => [e.action, e.actor])).toEqual([
      ['submit', 'self'],
      ['receive', 'Cán bộ Tiếp Nhận'],
      ['claim', 'Cán bộ Xử Lý'],
      ['approve', 'Cán bộ Xử Lý'],
    ]);
    const kinds = await world.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.accountId, an.account.id));
    expect(kinds.map((k) => k.kind)).toEqual([
      'dossier_submitted',
      'dossier_received',
      'dossier_in_processing',
      'dossier_approved',
    ]);
    // Each notice names its dossier, so the app can open the dossier's page from the inbox.
    const inbox = await call(world, { method: 'GET', url: '/api/v1/me/notifications', headers: an.headers });
    expect(inbox.statusCode).toBe(200);
    const notices = notificationPage.parse(inbox.json()).items;
    expect(notices.filter((n) => n.kind.startsWith('dossier_')).map((n) => n.dossierId)).toEqual([
      dossier.id,
      dossier.id,
      dossier.id,
      dossier.id,
    ]);

    // The receipt: a PDF, and a token anyone can check.
    const pdf = await call(world, { method: 'GET', url: seen.receiptUrl ?? '', headers: an.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const row = await repo.findDossier(world.db, dossier.id, { accountId: an.account.id });
    if (!row) throw new Error('dossier not found');
    const token = await receiptToken(world.services, row);
    const verified = receiptVerification.parse(
      (await call(world, { method: 'GET', url: `/api/v1/receipts/verify?token=${token}` })).json(),
    );
    expect(verified).toMatchObject({
      valid: true,
      dossierNumber: dossier.dossierNumber,
      outcome: 'approved',
      holder: 'Trần V** A*',
    });
    const [header, payloadPart, signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ typ: 'vssid-dossier-receipt', dn: dossier.dossierNumber, t: 'card_reissue', o: 'rejected', at: '2026-11-23T02:00:00.000Z' })).toString('base64url')}.${signature}`;
    expect(payloadPart).not.toBe(forged.split('.')[1]);
    const refused = receiptVerification.parse(
      (await call(world, { method: 'GET', url: `/api/v1/receipts/verify?token=${forged}` })).json(),
    );
    expect(refused.valid).toBe(false);
  });

  it('answers a filing with what a later read of it shows, attachments in their listed order', async () => {
    const photos = [await upload(world, 'damaged_book'), await upload(world, 'damaged_book'), await upload(world, 'damaged_book')];
    const response = await file(binh, {
      type: 'book_reissue',
      form: { reason: 'damaged', delivery: 'at_agency' },
      attachments: photos.map((uploadId) => ({ uploadId, purpose: 'damaged_book' })),
    });
    expect(response.statusCode).toBe(201);
    const answered = dossierDetail.parse(response.json());
    expect(answered.attachments.map((a) => a.id)).toEqual([...photos].sort());
    expect(answered.events).toEqual([expect.objectContaining({ action: 'submit', status: 'submitted', actor: 'self' })]);
    expect(answered.allowedActions).toEqual(['withdraw']);
    // Withdrawn again, so the other tests find binh with nothing open.
    const withdrawn = await call(world, { method: 'POST', url: `/api/v1/dossiers/${answered.id}/withdrawal`, headers: binh.headers, payload: {} });
    expect(withdrawn.statusCode).toBe(200);
  });

  it('refuses a transition the state machine does not allow', async () => {
    const filed = dossierDetail.parse(
      (await file(an, { type: 'book_reissue', form: { reason: 'lost', delivery: 'post' } })).json(),
    );
    // Not received, not claimed: no decision.
    const early = await officerPost(checker, filed.id, 'decision', {
      outcome: 'approve',
      reasonCode: 'complete',
    });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('DOSSIER_TRANSITION_NOT_ALLOWED');
    // Not waiting for information: no resubmission.
    const resubmit = await call(world, {
      method: 'POST',
      url: `/api/v1/dossiers/${filed.id}/resubmission`,
      headers: an.headers,
      payload: { note: 'Đây' },
    });
    expect(errorCode(resubmit)).toBe('DOSSIER_TRANSITION_NOT_ALLOWED');
    // Withdrawn once; a second withdrawal and a late receipt are refused.
    const withdrawn = await call(world, {
      method: 'POST',
      url: `/api/v1/dossiers/${filed.id}/withdrawal`,
      headers: an.headers,
      payload: {},
    });
    expect(dossierDetail.parse(withdrawn.json()).status).toBe('withdrawn');
    const twice = await call(world, {
      method: 'POST',
      url: `/api/v1/dossiers/${filed.id}/withdrawal`,
      headers: an.headers,
      payload: {},
    });
    expect(errorCode(twice)).toBe('DOSSIER_TRANSITION_NOT_ALLOWED');
    expect(errorCode(await officerPost(receiver, filed.id, 'receipt'))).toBe(
      'DOSSIER_TRANSITION_NOT_ALLOWED',
    );
    const receipt = await call(world, {
      method: 'GET',
      url: `/api/v1/dossiers/${filed.id}/receipt`,
      headers: an.headers,
    });
    expect(errorCode(receipt)).toBe('RECEIPT_NOT_AVAILABLE');
  });

  it('asks for more information, takes the answer with a new photo, and only the claiming officer decides', async () => {
    const noPhoto = await file(an, {
      type: 'book_reissue',
      form: { reason: 'damaged', delivery: 'at_agency' },
    });
    expect(noPhoto.statusCode).toBe(400);
    expect(errorCode(noPhoto)).toBe('ATTACHMENT_REQUIRED');
    const photo = await upload(world, 'damaged_book');
    const wrongPurpose = await upload(world, 'damaged_card');
    const mislabelled = await file(an, {
      type: 'book_reissue',
      form: { reason: 'damaged', delivery: 'at_agency' },
      attachments: [{ uploadId: wrongPurpose, purpose: 'damaged_book' }],
    });
    expect(mislabelled.statusCode).toBe(400);
    const filed = dossierDetail.parse(
      (
        await file(an, {
          type: 'book_reissue',
          form: { reason: 'damaged', delivery: 'at_agency' },
          attachments: [{ uploadId: photo, purpose: 'damaged_book' }],
        })
      ).json(),
    );
    expect(filed.attachments).toEqual([{ id: photo, purpose: 'damaged_book' }]);
    await readyForDecision(filed.id);
    const notMine = await officerPost(receiver, filed.id, 'information-request', {
      reasonCode: 'photo_unreadable',
      note: 'Ảnh mờ',
    });
    expect(notMine.statusCode).toBe(409);
    expect(errorCode(notMine)).toBe('DOSSIER_CLAIMED_BY_OTHER');
    const asked = await officerPost(checker, filed.id, 'information-request', {
      reasonCode: 'photo_unreadable',
      note: 'Ảnh sổ bị mờ, vui lòng chụp lại',
    });
    expect(officerDossierDetail.parse(asked.json()).status).toBe('needs_info');
    const view = dossierDetail.parse(
      (await call(world, { method: 'GET', url: `/api/v1/dossiers/${filed.id}`, headers: an.headers })).json(),
    );
    expect(view.allowedActions).toEqual(['resubmit', 'withdraw']);
    expect(view.events.at(-1)).toMatchObject({
      action: 'request_info',
      reasonCode: 'photo_unreadable',
      note: 'Ảnh sổ bị mờ, vui lòng chụp lại',
    });

    await travelTo('2026-11-25T02:00:00Z'); // Wednesday
    const clearer = await upload(world, 'damaged_book');
    const answered = await call(world, {
      method: 'POST',
      url: `/api/v1/dossiers/${filed.id}/resubmission`,
      headers: an.headers,
      payload: { note: 'Tôi đã chụp lại', attachments: [{ uploadId: clearer, purpose: 'damaged_book' }] },
    });
    const resubmitted = dossierDetail.parse(answered.json());
    expect(resubmitted.status).toBe('resubmitted');
    expect(resubmitted.attachments).toHaveLength(2);
    // The 10 working days start again from the complete dossier.
    expect(resubmitted.dueOn).toBe('2026-12-09');
    const decided = await officerPost(checker, filed.id, 'decision', {
      outcome: 'reject',
      reasonCode: 'details_mismatch',
      note: 'Sai thông tin',
    });
    expect(officerDossierDetail.parse(decided.json()).status).toBe('rejected');
    await travelTo('2026-11-23T02:00:00Z');
  });

  it('hides dossiers from officers of another agency and from other citizens (404)', async () => {
    const page = dossierPage.parse(
      (await call(world, { method: 'GET', url: '/api/v1/dossiers', headers: an.headers })).json(),
    );
    const someone = page.items[0];
    if (!someone) throw new Error('no dossier');
    expect(
      (
        await call(world, {
          method: 'GET',
          url: `/api/v1/officer/dossiers/${someone.id}`,
          headers: saigonOfficer.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect((await officerPost(saigonOfficer, someone.id, 'receipt')).statusCode).toBe(404);
    const saigonQueue = officerDossierPage.parse(
      (
        await call(world, { method: 'GET', url: '/api/v1/officer/dossiers', headers: saigonOfficer.headers })
      ).json(),
    );
    expect(saigonQueue.total).toBe(0);
    expect(
      (await call(world, { method: 'GET', url: `/api/v1/dossiers/${someone.id}`, headers: binh.headers }))
        .statusCode,
    ).toBe(404);
    // Citizens cannot use the officer routes, officers cannot file.
    expect(
      (await call(world, { method: 'GET', url: '/api/v1/officer/dossiers', headers: an.headers })).statusCode,
    ).toBe(403);
    expect(
      (await file(receiver, { type: 'book_reissue', form: { reason: 'lost', delivery: 'post' } })).statusCode,
    ).toBe(403);
    expect((await call(world, { method: 'GET', url: '/api/v1/dossiers' })).statusCode).toBe(401);
  });

  it('counts the deadline in working days: a card filed before Tết 2027 is due after it', async () => {
    await travelTo('2027-02-03T02:00:00Z'); // Wednesday; Tết holidays 5–11 February
    const filed = dossierDetail.parse(
      (await file(binh, { type: 'book_reissue', form: { reason: 'lost', delivery: 'post' } })).json(),
    );
    // 10 working days: 4, 12, 15–19, 22–24 February.
    expect(filed.dueOn).toBe('2027-02-24');
    // Overdue from the day after: the queue flags it in red.
    await travelTo('2027-02-25T02:00:00Z');
    const overdue = officerDossierPage.parse(
      (
        await call(world, {
          method: 'GET',
          url: '/api/v1/officer/dossiers?overdue=true',
          headers: receiver.headers,
        })
      ).json(),
    );
    expect(overdue.items.map((i) => [i.id, i.overdue])).toContainEqual([filed.id, true]);
    await travelTo('2026-11-23T02:00:00Z');
  });

  it('refuses what the records do not allow and counts a holiday added a moment ago, all read in the one statement before filing', async () => {
    const chiPerson = await givenPerson(world.database, { fullName: 'Phạm Thị Chi', birthDate: '1985-07-07' });
    const chi = await signedIn(world, {
      role: 'citizen',
      personId: chiPerson.id,
      login: chiPerson.bhxhCode,
      phone: chiPerson.phone ?? '',
    });
    const book = { type: 'book_reissue', form: { reason: 'lost', delivery: 'post' } };
    // No card in force: there is no card to reissue.
    const noCard = await file(chi, { type: 'card_reissue', form: { reason: 'lost' } });
    expect(noCard.statusCode).toBe(409);
    expect(errorCode(noCard)).toBe('NO_ACTIVE_CARD');
    // The province's agency no longer in force: nowhere to file.
    const [hanoi] = await world.db.select({ validTo: agencies.validTo }).from(agencies).where(eq(agencies.id, world.hanoi.id));
    await world.db.update(agencies).set({ validTo: '2026-11-22' }).where(eq(agencies.id, world.hanoi.id));
    try {
      const nowhere = await file(chi, book);
      expect(nowhere.statusCode).toBe(503);
      expect(errorCode(nowhere)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await world.db.update(agencies).set({ validTo: hanoi?.validTo ?? null }).where(eq(agencies.id, world.hanoi.id));
    }
    // A day off decided a moment ago moves the deadline at once: Monday 23 November + 10 working days is 7 December,
    // 8 December with Monday 30 November off.
    await world.db.insert(holidays).values({ date: '2026-11-30', year: 2026, kind: 'holiday', name: 'Ngày nghỉ thử nghiệm', source: 'admin' });
    let filedId: number;
    try {
      const filed = await file(chi, book);
      expect(filed.statusCode).toBe(201);
      const detail = dossierDetail.parse(filed.json());
      expect(detail.dueOn).toBe('2026-12-08');
      filedId = detail.id;
    } finally {
      await world.db.delete(holidays).where(eq(holidays.date, '2026-11-30'));
    }
    // Nothing was filed by the refused attempts.
    expect(await world.db.$count(dossiers, eq(dossiers.personId, chiPerson.id))).toBe(1);
    // Her agency's officers find it by its agency (whose id is not her account's), another agency's do not.
    expect(world.hanoi.id).not.toBe(chi.account.id);
    const officerRead = (who: Caller) => call(world, { method: 'GET', url: `/api/v1/officer/dossiers/${filedId}`, headers: who.headers });
    expect((await officerRead(receiver)).statusCode).toBe(200);
    expect((await officerRead(saigonOfficer)).statusCode).toBe(404);
    expect((await officerPost(receiver, filedId, 'receipt')).statusCode).toBe(200);
  });

  it('moves the pension pay place to another province from next month, and changes the method of receipt to a bank account held by the pensioner', async () => {
    // An adjustment is the same pension at a new amount: listed once, at that amount.
    await world.db.insert(benefitPayments).values({
      personId: anPersonId,
      kind: 'pension_adjustment',
      fromDate: '2025-07-01',
      monthlyAmount: 6_820_000,
      decisionNumber: '77/QĐ-BHXH',
      decidedOn: '2025-06-20',
      agencyId: world.hanoi.id,
    });
    const before = paymentArrangementList.parse(
      (await call(world, { method: 'GET', url: '/api/v1/payment-arrangements', headers: an.headers })).json(),
    );
    expect(before.items).toEqual([
      expect.objectContaining({
        benefitPaymentId: pensionId,
        monthlyAmount: 6_820_000,
        method: 'cash_post_office',
        provinceCode: '01',
      }),
    ]);
    const same = await file(an, {
      type: 'pension_place_change',
      form: {
        benefitPaymentId: pensionId,
        provinceCode: '01',
        communeCode: before.items[0]?.communeCode,
        street: before.items[0]?.street,
      },
    });
    expect(errorCode(same)).toBe('SAME_PAY_PLACE');
    const notHis = await file(binh, {
      type: 'pension_place_change',
      form: {
        benefitPaymentId: pensionId,
        provinceCode: '79',
        communeCode: world.hcmcCommune,
        street: '12 Lê Lợi',
      },
    });
    expect(errorCode(notHis)).toBe('NO_MONTHLY_BENEFIT');
    const move = dossierDetail.parse(
      (
        await file(an, {
          type: 'pension_place_change',
          form: {
            benefitPaymentId: pensionId,
            provinceCode: '79',
            communeCode: world.hcmcCommune,
            street: '12 Lê Lợi',
          },
        })
      ).json(),
    );
    await readyForDecision(move.id);
    expect(
      (
        await officerPost(checker, move.id, 'decision', {
          outcome: 'approve',
          reasonCode: 'verified_in_records',
        })
      ).statusCode,
    ).toBe(200);

    const someoneElses = await file(an, {
      type: 'receipt_method_change',
      form: {
        benefitPaymentId: pensionId,
        method: 'bank_account',
        bankCode: 'VCB',
        accountNumber: '0011009999999',
      },
    });
    expect(errorCode(someoneElses)).toBe('BANK_ACCOUNT_HOLDER_MISMATCH');
    const unknown = await file(an, {
      type: 'receipt_method_change',
      form: {
        benefitPaymentId: pensionId,
        method: 'bank_account',
        bankCode: 'VCB',
        accountNumber: '0011000000000',
      },
    });
    expect(errorCode(unknown)).toBe('BANK_ACCOUNT_NOT_FOUND');
    const missing = await file(an, {
      type: 'receipt_method_change',
      form: { benefitPaymentId: pensionId, method: 'bank_account' },
    });
    expect(missing.statusCode).toBe(400);
    const bank = dossierDetail.parse(
      (
        await file(an, {
          type: 'receipt_method_change',
          form: {
            benefitPaymentId: pensionId,
            method: 'bank_account',
            bankCode: 'VCB',
            accountNumber: '0011004455667',
            contactPhone: '0912345678',
          },
        })
      ).json(),
    );
    await readyForDecision(bank.id);
    expect(
      (await officerPost(checker, bank.id, 'decision', { outcome: 'approve', reasonCode: 'complete' }))
        .statusCode,
    ).toBe(200);

    const after = paymentArrangementList.parse(
      (await call(world, { method: 'GET', url: '/api/v1/payment-arrangements', headers: an.headers })).json(),
    );
    expect(after.items).toEqual([
      expect.objectContaining({
        provinceCode: '79',
        agencyName: 'BHXH Thành phố Hồ Chí Minh',
        method: 'bank_account',
        maskedAccountNumber: '•••• 5667',
        fromMonth: '2026-12-01',
      }),
    ]);
    const history = await world.db
      .select()
      .from(paymentArrangements)
      .where(eq(paymentArrangements.benefitPaymentId, pensionId));
    expect(history).toHaveLength(2);
  });

  it("numbers an agency's filings without gaps: at once they take consecutive numbers, a failed one gives its number back, and the notice quotes it", async () => {
    const year = Number(vietnamDate(world.clock.now()).slice(0, 4));
    const suffix = String(world.hanoi.id % 1000).padStart(3, '0');
    const filers: Caller[] = [];
    for (const fullName of ['Đỗ Văn Một', 'Đỗ Văn Hai', 'Đỗ Văn Ba', 'Đỗ Văn Bốn']) {
      const person = await givenPerson(world.database, { fullName, birthDate: '1985-05-05', provinceCode: '01' });
      filers.push(await signedIn(world, { role: 'citizen', personId: person.id, login: person.bhxhCode, phone: person.phone ?? '' }));
    }
    const [one, two, three, four] = filers;
    if (!one || !two || !three || !four) throw new Error('four filers expected');
    // Near the five digits' end, so that the sixth digit shows too.
    await world.db.execute(sql`insert into dossier_sequences (agency_id, series, year, last) values (${world.hanoi.id}, 'DV', ${year}, 99997)
      on conflict (agency_id, series, year) do update set last = 99997`);
    const payload = { type: 'book_reissue', form: { reason: 'lost', delivery: 'post' } };
    const numbers = (await Promise.all([one, two, three].map((who) => file(who, payload)))).map((response) => {
      expect(response.statusCode).toBe(201);
      return dossierDetail.parse(response.json()).dossierNumber;
    });
    expect(numbers.sort()).toEqual([`100000.DV/${year}/${suffix}`, `99998.DV/${year}/${suffix}`, `99999.DV/${year}/${suffix}`]);

    // The filing's last write fails: nothing of it stays, its number included.
    await world.db.execute(sql`create function crash_on_notice() returns trigger language plpgsql as $$
      begin if new.kind = 'dossier_submitted' then raise exception 'simulated crash'; end if; return new; end $$`);
    await world.db.execute(sql`create trigger crash_on_notice before insert on notifications for each row execute function crash_on_notice()`);
    expect((await file(four, payload)).statusCode).toBe(500);
    await world.db.execute(sql`drop trigger crash_on_notice on notifications`);
    expect(await world.db.$count(dossiers, eq(dossiers.accountId, four.account.id))).toBe(0);
    const filed = await file(four, payload);
    expect(filed.statusCode).toBe(201);
    const dossier = dossierDetail.parse(filed.json());
    expect(dossier.dossierNumber).toBe(`100001.DV/${year}/${suffix}`);
    const [notice] = await world.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.accountId, four.account.id), eq(notifications.kind, 'dossier_submitted')));
    expect(notice?.params).toMatchObject({ dossierId: String(dossier.id), dossierNumber: dossier.dossierNumber });
  });
});

describe.each(testDrivers)('dossiers filed in batches on %s', (driver) => {
  let world: World;
  const year = 2026;
  beforeAll(async () => {
    world = await registrationWorld(driver);
  });
  afterAll(async () => {
    await world?.dispose();
  });

  /** A filing as submitDossier makes it, for a new filer, at an agency, under a key. */
  async function filingAt(agencyId: number, idempotencyKey: string = randomUUID(), filer?: { personId: number; accountId: number }) {
    const who = filer ?? (await (async () => {
      const person = await givenPerson(world.database, { fullName: 'Lê Thị Lô', birthDate: '1990-01-01' });
      const account = await givenAccount(world.database, { role: 'citizen', personId: person.id });
      return { personId: person.id, accountId: account.id };
    })());
    const [drawn] = await sqlRows<{ id: string }>(world.db, sql`select nextval(pg_get_serial_sequence('dossiers', 'id'))::text as id`);
    const id = Number(drawn?.id);
    const at = world.clock.now();
    const filing: repo.Filing = {
      numbering: { series: 'DV', year },
      dossier: {
        id,
        type: 'book_reissue',
        status: 'submitted',
        personId: who.personId,
        accountId: who.accountId,
        agencyId,
        idempotencyKey,
        requestHash: 'h',
        form: { reason: 'lost', delivery: 'post' },
        submittedAt: at,
        dueOn: '2026-12-02',
      },
      event: { at, action: 'submit', status: 'submitted', actorAccountId: who.accountId },
      notice: dossierNotice({ id, accountId: who.accountId, dossierNumber: '' }, 'submitted', at, '2026-12-02'),
      audit: auditRow({ actorType: 'citizen', actorId: who.accountId, action: 'dossier.submit', subjectType: 'dossier', subjectId: id }),
    };
    return { filing, personId: who.personId, accountId: who.accountId, id };
  }
  const sequenceOf = (agencyId: number) => `.DV/${year}/${String(agencyId % 1000).padStart(3, '0')}`;

  it("numbers each agency's filings in a batch consecutively, in the filings' order, each with its own event, notice and audit row", async () => {
    const { hanoi, hcmc } = world;
    await world.db.execute(sql`insert into dossier_sequences (agency_id, series, year, last) values (${hanoi.id}, 'DV', ${year}, 41)
      on conflict (agency_id, series, year) do update set last = 41`);
    const batch = [await filingAt(hanoi.id), await filingAt(hcmc.id), await filingAt(hanoi.id), await filingAt(hanoi.id)];
    const numbers = await repo.fileDossiers(world.db, batch.map((b) => b.filing));
    expect(numbers).toEqual([`00042${sequenceOf(hanoi.id)}`, `00001${sequenceOf(hcmc.id)}`, `00043${sequenceOf(hanoi.id)}`, `00044${sequenceOf(hanoi.id)}`]);
    for (const [index, filed] of batch.entries()) {
      const [dossier] = await world.db.select().from(dossiers).where(eq(dossiers.id, filed.id));
      expect(dossier).toMatchObject({ dossierNumber: numbers[index], personId: filed.personId, accountId: filed.accountId, status: 'submitted' });
      const events = await world.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, filed.id));
      expect(events).toEqual([expect.objectContaining({ action: 'submit', actorAccountId: filed.accountId })]);
      const notices = await world.db.select({ params: notifications.params }).from(notifications).where(eq(notifications.accountId, filed.accountId));
      expect(notices).toHaveLength(1);
      expect(notices[0]?.params).toMatchObject({ dossierId: String(filed.id), dossierNumber: numbers[index] });
      const audits = await world.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'dossier.submit'), eq(auditEvents.subjectId, String(filed.id))));
      expect(audits).toEqual([expect.objectContaining({ actorId: String(filed.accountId) })]);
    }
  });

  it('refuses a filing whose form holds a NUL character (which no text column stores) with a 400 naming the field', async () => {
    const person = await givenPerson(world.database, { fullName: 'Lê Văn Nul', birthDate: '1991-01-01' });
    const who = await signedIn(world, { role: 'citizen', personId: person.id, login: person.bhxhCode, phone: person.phone ?? '' });
    const response = await call(world, {
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...who.headers, 'idempotency-key': randomUUID(), 'accept-language': 'en' },
      payload: { type: 'book_reissue', form: { reason: 'lost', delivery: 'post', note: 'Tầng 2\u0000' } },
    });
    expect(response.statusCode).toBe(400);
    expect(errorEnvelope.parse(response.json()).error.fields).toEqual({ 'form.note': 'This field contains a character that is not allowed.' });
    expect(await world.db.$count(dossiers, eq(dossiers.accountId, who.account.id))).toBe(0);
  });

  it('files the rest of a batch when the database refuses one filing in it, and that one fails alone with its own conflict', async () => {
    const { hanoi } = world;
    const first = await filingAt(hanoi.id);
    // The phone's retry under the same key, filed as a second dossier: the database keeps one per key.
    const retry = await filingAt(hanoi.id, first.filing.dossier.idempotencyKey, { personId: first.personId, accountId: first.accountId });
    const other = await filingAt(hanoi.id);
    const [filedFirst, filedRetry, filedOther] = await Promise.allSettled([
      repo.fileDossier(world.db, first.filing),
      repo.fileDossier(world.db, retry.filing),
      repo.fileDossier(world.db, other.filing),
    ]);
    expect(filedRetry.status).toBe('rejected');
    if (filedRetry.status === 'rejected') expect(violatedConstraint(filedRetry.reason)).toBe('dossiers_idempotency_uq');
    if (filedFirst.status !== 'fulfilled' || filedOther.status !== 'fulfilled') throw new Error('the first and the other filing should be filed');
    // No number was spent on the refused filing.
    expect(Number(filedOther.value.slice(0, 5))).toBe(Number(filedFirst.value.slice(0, 5)) + 1);
    expect(await world.db.$count(dossiers, eq(dossiers.id, retry.id))).toBe(0);
    expect(await world.db.$count(notifications, eq(notifications.accountId, other.accountId))).toBe(1);
  });
});

describe.each(testDrivers)('a decision interrupted after its records changed, on %s', (driver) => {
  let world: World;
  afterAll(async () => {
    await world?.dispose();
  });

  it('rolls the new card back with the decision', async () => {
    world = await registrationWorld(driver);
    await givenFacility(world.database, {
      code: '01001',
      name: 'Bệnh viện Xanh Pôn',
      provinceCode: '01',
      communeCode: '00004',
    });
    const person = await givenPerson(world.database, { fullName: 'Phạm Thị Cúc', birthDate: '1970-07-07' });
    await givenCard(world.database, {
      personId: person.id,
      bhxhCode: person.bhxhCode,
      facilityCode: '01001',
      issuingAgencyId: world.hanoi.id,
    });
    const cuc = await signedIn(world, {
      role: 'citizen',
      personId: person.id,
      login: person.bhxhCode,
      phone: person.phone ?? '',
    });
    const receiver = await signedIn(world, { role: 'officer', agencyId: world.hanoi.id });
    const checker = await signedIn(world, { role: 'officer', agencyId: world.hanoi.id });
    const filed = await call(world, {
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...cuc.headers, 'idempotency-key': randomUUID() },
      payload: { type: 'card_reissue', form: { reason: 'lost' } },
    });
    const id = dossierDetail.parse(filed.json()).id;
    await call(world, {
      method: 'POST',
      url: `/api/v1/officer/dossiers/${id}/receipt`,
      headers: receiver.headers,
    });
    await call(world, {
      method: 'POST',
      url: `/api/v1/officer/dossiers/${id}/claim`,
      headers: checker.headers,
    });

    // The crash: the last write of the decision (its event) fails after the card was revoked and the new one made.
    await world.db.execute(sql`create function crash_on_approve() returns trigger language plpgsql as $$
      begin if new.action = 'approve' then raise exception 'simulated crash'; end if; return new; end $$`);
    await world.db.execute(
      sql`create trigger crash_on_approve before insert on dossier_events for each row execute function crash_on_approve()`,
    );
    const crashed = await call(world, {
      method: 'POST',
      url: `/api/v1/officer/dossiers/${id}/decision`,
      headers: checker.headers,
      payload: { outcome: 'approve', reasonCode: 'complete' },
    });
    expect(crashed.statusCode).toBe(500);
    const cards = await world.db
      .select({ status: bhytCards.status })
      .from(bhytCards)
      .where(eq(bhytCards.personId, person.id));
    expect(cards).toEqual([{ status: 'active' }]);
    const [row] = await world.db
      .select({ status: dossiers.status, decidedAt: dossiers.decidedAt })
      .from(dossiers)
      .where(eq(dossiers.id, id));
    expect(row).toEqual({ status: 'in_processing', decidedAt: null });

    // Restarted without the fault, the same decision goes through once.
    await world.db.execute(sql`drop trigger crash_on_approve on dossier_events`);
    const approved = await call(world, {
      method: 'POST',
      url: `/api/v1/officer/dossiers/${id}/decision`,
      headers: checker.headers,
      payload: { outcome: 'approve', reasonCode: 'complete' },
    });
    expect(approved.statusCode).toBe(200);
    const after = await world.db
      .select({ status: bhytCards.status })
      .from(bhytCards)
      .where(and(eq(bhytCards.personId, person.id), eq(bhytCards.status, 'active')));
    expect(after).toHaveLength(1);
  });
});
