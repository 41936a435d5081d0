// The desk and hospital sides of a check, visits, the citizen's inbox and disputes, and the agency's follow-up.
import { SignJWT, jwtVerify } from 'jose';
import {
  type AccessCase,
  bhytShare,
  type CardFlag,
  type CheckResult,
  type DeskCheckRequest,
  type DeskVisit,
  foldVietnamese,
  type HospitalCheckRequest,
  type HospitalCheckResponse,
  type Notification,
  NOTIFICATION_KINDS,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n.ts';
import { decoyPasswordHash, verifyPassword } from '../../platform/passwords.ts';
import type { Services } from '../../platform/services.ts';
import { ttlCachePerHandle } from '../../platform/ttl-cache.ts';
import { type CheckContext, type CheckOutcome, checkCard, timeInVietnam } from './check.ts';
import { accountWithOrganisation } from '../people/repo.ts';
import * as repo from './repo.ts';

type Language = Parameters<typeof translate>[0];

const pageWindow = (page: number, pageSize: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });

// ---- The desk ----

/**
 * The desk account's facility and staff entry, kept DESK_CONTEXT_MS per account: every check of a desk needs them, and
 * they change only by an administrator's hand (a desk moved to another facility, staff added to or removed from the
 * list, a facility's name, hours or quota), rarely. Serving them that much older is safe: the worst case is a check in
 * the next half-minute treated as before the change (an old quota or name on the check row, a staff member removed a
 * moment ago still accepted). The session is the auth gate's (revoked on this node: at once; elsewhere: within a
 * second, see platform/auth.ts), and nothing about the card or the person is cached: it is read for every check.
 */
const DESK_CONTEXT_MS = 30_000;
type DeskFacts = { account: NonNullable<Awaited<ReturnType<typeof repo.deskAccount>>>; facility: repo.FacilityRow; staff: Awaited<ReturnType<typeof repo.staffByAccount>> } | null;
const deskFacts = ttlCachePerHandle<number, DeskFacts>(DESK_CONTEXT_MS);

function deskFactsOf(db: Db, accountId: number): Promise<DeskFacts> {
  return deskFacts(db).get(accountId, async () => {
    const account = await repo.deskAccount(db, accountId);
    if (!account?.facilityCode) return null;
    const facility = await repo.findFacility(db, account.facilityCode);
    if (!facility) return null;
    return { account, facility, staff: await repo.staffByAccount(db, account.id) };
  });
}

async function deskContext(db: Db, principal: Principal, requestId: string): Promise<CheckContext> {
  const facts = await deskFactsOf(db, principal.accountId);
  if (!facts) throw new AppError('FORBIDDEN', 403);
  const { account, facility, staff } = facts;
  return {
    facility,
    channel: 'desk',
    accountId: account.id,
    clientId: null,
    // A desk check belongs to the signed-in desk session.
    sessionRef: `session:${principal.sessionId}`,
    staff: { name: staff?.fullName ?? account.displayName, personalId: staff?.personalId ?? null },
    staffCode: staff && staff.facilityCode === facility.code ? null : '054',
    requestId,
  };
}

/** Results that prove nothing about the person (wrong name or birth date, bad input, unregistered staff). */
const RESULTS_WITHOUT_CARD_FACTS: readonly string[] = ['054', '055', '060', '061', '070', '205'];

/** Only the facts needed at admission, and only when the check got as far as a card of this person. */
function cardFactsOf(outcome: CheckOutcome): { card: repo.CardRow; person: repo.PersonRow } | null {
  const { card, person } = outcome;
  return card !== null && person !== null && !RESULTS_WITHOUT_CARD_FACTS.includes(outcome.resultCode) ? { card, person } : null;
}

function presentCheck(outcome: CheckOutcome, facilityCode: string, hasPhoto: boolean, language: Language): CheckResult {
  const facts = cardFactsOf(outcome);
  return {
    checkId: outcome.checkId,
    resultCode: outcome.resultCode,
    message: translate(language, `checkResults.${outcome.resultCode}`),
    valid: outcome.resultCode === '000',
    card: facts
      ? {
          fullName: facts.person.fullName,
          birthDate: facts.person.birthDate,
          birthDatePrecision: facts.person.birthDatePrecision === 'year' ? 'year' : 'day',
          sex: facts.person.sex === 'female' ? 'female' : 'male',
          cardCode: facts.card.cardCode,
          bhxhCode: facts.person.bhxhCode,
          benefitLevel: facts.card.benefitLevel,
          validFrom: facts.card.validFrom,
          validTo: facts.card.validTo,
          fiveYearsDate: facts.card.fiveYearsDate,
          registeredFacility: { code: facts.card.facilityCode, name: facts.card.facilityName },
          rightRoute: facts.card.facilityCode === facilityCode,
          hasPhoto,
        }
      : null,
    flags: outcome.flags,
    otherFacility: outcome.otherFacility ? { name: outcome.otherFacility.name, at: outcome.otherFacility.at.toISOString() } : null,
    inputKind: outcome.inputKind,
    checkedAt: outcome.at.toISOString(),
  };
}

export async function deskCheck(
  db: Db,
  services: Services,
  principal: Principal,
  request: DeskCheckRequest,
  meta: { requestId: string; language: Language },
): Promise<CheckResult> {
  const context = await deskContext(db, principal, meta.requestId);
  const outcome = await checkCard(db, services, context, {
    input: request.input,
    fullName: request.fullName,
    birthDate: request.birthDate,
    scannedAt: request.scannedAt ? new Date(request.scannedAt) : undefined,
  });
  // The portrait was looked at with the card (repo.checkFacts); the desk fetches it only for a valid check.
  return presentCheck(outcome, context.facility.code, outcome.resultCode === '000' && outcome.person !== null && outcome.hasPortrait, meta.language);
}

/** The portrait from the person's approved registration, for a valid check made at this desk in the last hour. */
export async function checkPhoto(
  db: Db,
  services: Services,
  principal: Principal,
  checkId: number,
): Promise<{ content: Buffer; mimeType: string }> {
  const account = await repo.deskAccount(db, principal.accountId);
  const check = await repo.findCheck(db, checkId);
  const recent = check && services.clock.now().getTime() - check.at.getTime() <= 3600_000;
  if (!account?.facilityCode || !check || !recent || check.facilityCode !== account.facilityCode || check.resultCode !== '000' || !check.personId) {
    throw notFound();
  }
  const portrait = await repo.portraitOf(db, check.personId);
  if (!portrait) throw notFound();
  const content = await services.files.get(portrait.storageKey).catch(() => {
    throw notFound();
  });
  return { content, mimeType: portrait.mimeType };
}

// ---- Hospital systems ----

const HOSPITAL_AUDIENCE = 'vssid-hospital';
export const HOSPITAL_TOKEN_SECONDS = 50 * 60;

export async function issueHospitalToken(db: Db, services: Services, clientId: string, clientSecret: string) {
  const client = await repo.findClient(db, clientId);
  // An unknown client costs the same time as a wrong secret.
  const valid = await verifyPassword(client?.secretHash ?? (await decoyPasswordHash()), clientSecret);
  if (!client || client.revokedAt || !valid) throw new AppError('HOSPITAL_CLIENT_INVALID', 401);
  const now = Math.floor(services.clock.now().getTime() / 1000);
  const accessToken = await new SignJWT({ facility: client.facilityCode })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(client.clientId)
    .setAudience(HOSPITAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + HOSPITAL_TOKEN_SECONDS)
    .sign(new TextEncoder().encode(`${services.secret}:hospital`));
  return { accessToken, expiresIn: HOSPITAL_TOKEN_SECONDS, tokenType: 'Bearer' as const };
}

export async function hospitalClientOf(db: Db, services: Services, authorization: string | undefined) {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new AppError('UNAUTHORIZED', 401);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(`${services.secret}:hospital`), {
      audience: HOSPITAL_AUDIENCE,
      currentDate: services.clock.now(),
    });
    const client = payload.sub ? await repo.findClient(db, payload.sub) : undefined;
    if (!client || client.revokedAt) throw new AppError('UNAUTHORIZED', 401);
    return client;
  } catch {
    throw new AppError('UNAUTHORIZED', 401);
  }
}

const ddmmyyyy = (date: string | null) => (date ? date.split('-').reverse().join('/') : null);

export async function hospitalCheck(
  db: Db,
  services: Services,
  client: { clientId: string; facilityCode: string },
  request: HospitalCheckRequest,
  meta: { requestId: string; language: Language },
): Promise<HospitalCheckResponse> {
  const facility = await repo.findFacility(db, client.facilityCode);
  if (!facility) throw new AppError('UNAUTHORIZED', 401);
  // The staff member must be on the facility's registered list (054) under that name (055).
  const staff = await repo.staffByPersonalId(db, facility.code, request.cccdCb);
  const staffCode = !staff ? '054' : foldVietnamese(staff.fullName) !== foldVietnamese(request.hoTenCb) ? '055' : null;
  const outcome = await checkCard(
    db,
    services,
    {
      facility,
      channel: 'api',
      accountId: null,
      clientId: client.clientId,
      sessionRef: request.maLK ? `visit:${request.maLK}` : `client:${client.clientId}`,
      staff: { name: request.hoTenCb, personalId: request.cccdCb },
      staffCode,
      requestId: meta.requestId,
    },
    { input: request.maThe, fullName: request.hoTen, birthDate: request.ngaySinh },
  );
  const facts = cardFactsOf(outcome);
  return {
    maKetQua: outcome.resultCode,
    ghiChu: translate(meta.language, `checkResults.${outcome.resultCode}`),
    maThe: facts ? facts.card.cardCode : null,
    maSoBHXH: facts ? facts.person.bhxhCode : null,
    hoTen: facts ? facts.person.fullName : null,
    ngaySinh: facts ? (facts.person.birthDatePrecision === 'year' ? facts.person.birthDate.slice(0, 4) : ddmmyyyy(facts.person.birthDate)) : null,
    gioiTinh: facts ? (facts.person.sex === 'female' ? 'Nữ' : 'Nam') : null,
    maDKBD: facts ? facts.card.facilityCode : null,
    gtTheTu: facts ? ddmmyyyy(facts.card.validFrom) : null,
    gtTheDen: facts ? ddmmyyyy(facts.card.validTo) : null,
    ngayDu5Nam: facts ? ddmmyyyy(facts.card.fiveYearsDate) : null,
    maKV: facts ? (facts.card.residenceCode?.trim() || null) : null,
    maTheMoi: facts && outcome.newCard ? outcome.newCard.cardCode : null,
    canhBao: outcome.flags,
  };
}

// ---- Visits ----

function presentVisit(visit: Awaited<ReturnType<typeof repo.findVisit>> & {}, fullName: string): DeskVisit {
  return {
    id: visit.id,
    checkId: visit.cardCheckId,
    fullName,
    visitType: visit.visitType === 'inpatient' ? 'inpatient' : visit.visitType === 'emergency' ? 'emergency' : 'outpatient',
    admittedAt: visit.admittedAt.toISOString(),
    dischargedAt: visit.dischargedAt?.toISOString() ?? null,
    status: visit.status === 'open' ? 'open' : 'closed',
    icd10Code: visit.icd10Code,
    totalCost: visit.totalCost,
    bhytPaid: visit.bhytPaid,
    patientPaid: visit.patientPaid,
  };
}

export async function openVisit(db: Db, services: Services, principal: Principal, checkId: number, visitType: DeskVisit['visitType']) {
  const account = await repo.deskAccount(db, principal.accountId);
  const check = await repo.findCheck(db, checkId);
  if (!account?.facilityCode || !check || check.facilityCode !== account.facilityCode) throw notFound();
  const now = services.clock.now();
  if (check.resultCode !== '000' || !check.personId || !check.cardId || now.getTime() - check.at.getTime() > 24 * 3600_000) {
    throw new AppError('CHECK_NOT_VALID', 409);
  }
  const card = await repo.currentCardOf(db, check.personId);
  const person = await repo.personById(db, check.personId);
  if (!card || !person) throw new AppError('CHECK_NOT_VALID', 409);
  const visit = await repo.insertVisit(db, {
    personId: check.personId,
    cardCode: card.cardCode,
    facilityCode: account.facilityCode,
    admittedAt: now,
    visitType,
    totalCost: 0,
    bhytPaid: 0,
    patientPaid: 0,
    status: 'open',
    cardCheckId: check.id,
  });
  return presentVisit(visit, person.fullName);
}

export async function closeVisit(
  db: Db,
  services: Services,
  principal: Principal,
  visitId: number,
  input: { icd10Code: string; icd10Name: string; totalCost: number },
) {
  const account = await repo.deskAccount(db, principal.accountId);
  const visit = await repo.findVisit(db, visitId);
  if (!account?.facilityCode || !visit || visit.facilityCode !== account.facilityCode || visit.cardCheckId === null) throw notFound();
  if (visit.status !== 'open') throw new AppError('VISIT_ALREADY_CLOSED', 409);
  const card = await repo.cardByCode(db, visit.cardCode);
  const facility = await repo.findFacility(db, account.facilityCode);
  const now = services.clock.now();
  const baseSalary = await repo.baseSalaryOn(db, vietnamDate(now));
  const bhytPaid = bhytShare(input.totalCost, card?.benefitLevel ?? 4, baseSalary, facility?.kind === 'commune_station');
  const closed = await repo.closeVisit(db, visitId, {
    dischargedAt: now,
    icd10Code: input.icd10Code,
    icd10Name: input.icd10Name,
    totalCost: input.totalCost,
    bhytPaid,
    patientPaid: input.totalCost - bhytPaid,
  });
  if (!closed) throw new AppError('VISIT_ALREADY_CLOSED', 409);
  const person = await repo.personById(db, closed.personId);
  return presentVisit(closed, person?.fullName ?? '');
}

export async function facilityVisits(db: Db, principal: Principal, status: 'open' | 'closed', page: number, pageSize: number) {
  const account = await repo.deskAccount(db, principal.accountId);
  if (!account?.facilityCode) throw new AppError('FORBIDDEN', 403);
  const [rows, total] = await Promise.all([
    repo.visitsOfFacility(db, account.facilityCode, status, pageWindow(page, pageSize)),
    repo.countVisitsOfFacility(db, account.facilityCode, status),
  ]);
  return { items: rows.map((row) => presentVisit(row.visit, row.fullName)), page, pageSize, total };
}

// ---- The citizen's inbox and "this wasn't me" ----

function dossierIdOf(params: Record<string, string>): number | null {
  const id = Number(params.dossierId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export async function listNotifications(db: Db, principal: Principal, page: number, pageSize: number, language: Language) {
  const [rows, counts] = await Promise.all([
    repo.notificationsOf(db, principal.accountId, pageWindow(page, pageSize)),
    repo.countNotifications(db, principal.accountId),
  ]);
  return {
    items: rows.map(
      (row): Notification => ({
        id: row.id,
        at: row.at.toISOString(),
        kind: NOTIFICATION_KINDS.find((kind) => kind === row.kind) ?? 'card_checked',
        text: translate(language, `notifications.${row.kind}`, row.params),
        accessEventId: row.accessEventId,
        dossierId: dossierIdOf(row.params),
        read: row.readAt !== null,
      }),
    ),
    page,
    pageSize,
    total: counts.total,
    unread: counts.unread,
  };
}

export async function markAllRead(db: Db, services: Services, principal: Principal) {
  await repo.markNotificationsRead(db, principal.accountId, services.clock.now());
}

/** Opens a case for the agency of the person's province; the event must be in the ledger of the caller's own data
 *  (or a child's the caller may read). */
export async function disputeAccess(db: Db, services: Services, personId: number, accountId: number, accessEventId: number, note: string | undefined) {
  const event = await repo.findAccessEvent(db, accessEventId);
  if (!event || event.personId !== personId) throw notFound();
  const person = await repo.personById(db, personId);
  if (!person) throw notFound();
  const now = services.clock.now();
  const caseId = await repo.insertCase(db, {
    accessEventId,
    personId,
    openedByAccountId: accountId,
    openedAt: now,
    agencyProvinceCode: person.provinceCode,
    note: note ?? null,
  });
  if (caseId === null) throw new AppError('ALREADY_DISPUTED', 409);
  await repo.insertNotification(db, { accountId, at: now, kind: 'case_opened', params: {}, accessEventId });
  return { caseId };
}

// ---- The agency ----

async function officerProvinceOrForbid(db: Db, principal: Principal): Promise<string> {
  const account = await accountWithOrganisation(db, principal.accountId);
  if (account?.role !== 'officer' || !account.agencyProvinceCode) throw new AppError('FORBIDDEN', 403);
  return account.agencyProvinceCode;
}

export async function officerFlags(db: Db, principal: Principal, status: 'open' | 'closed', page: number, pageSize: number) {
  const province = await officerProvinceOrForbid(db, principal);
  const [rows, total] = await Promise.all([
    repo.flagsOfProvince(db, province, status, pageWindow(page, pageSize)),
    repo.countFlagsOfProvince(db, province, status),
  ]);
  return {
    items: rows.map(
      (row): CardFlag => ({
        id: row.flag.id,
        at: row.flag.at.toISOString(),
        kind: row.flag.kind === 'two_facilities' ? 'two_facilities' : row.flag.kind === 'outside_hours' ? 'outside_hours' : 'quota_exceeded',
        facility: { code: row.flag.facilityCode, name: row.facilityName },
        otherFacility: row.flag.otherFacilityCode ? { code: row.flag.otherFacilityCode, name: row.otherFacilityName ?? '' } : null,
        personName: row.personName,
        cardCode: row.cardCode,
        status: row.flag.status === 'closed' ? 'closed' : 'open',
      }),
    ),
    page,
    pageSize,
    total,
  };
}

export async function officerCases(db: Db, principal: Principal, status: 'open' | 'closed', page: number, pageSize: number) {
  const province = await officerProvinceOrForbid(db, principal);
  const [rows, total] = await Promise.all([
    repo.casesOfProvince(db, province, status, pageWindow(page, pageSize)),
    repo.countCasesOfProvince(db, province, status),
  ]);
  return {
    items: rows.map(
      (row): AccessCase => ({
        id: row.case.id,
        openedAt: row.case.openedAt.toISOString(),
        status: row.case.status === 'closed' ? 'closed' : 'open',
        personName: row.personName,
        bhxhCode: row.bhxhCode,
        event: { at: row.event.at.toISOString(), organisation: row.event.organisation, actorName: row.event.actorName, result: row.event.result },
        note: row.case.note,
      }),
    ),
    page,
    pageSize,
    total,
  };
}

/** Revokes a card of a person in the officer's province (others answer 404); the next online check says 110. */
export async function revokeCard(db: Db, services: Services, principal: Principal, input: { cardCode: string; reason: string; note?: string | undefined }, requestId: string) {
  const province = await officerProvinceOrForbid(db, principal);
  const card = await repo.cardByCode(db, input.cardCode);
  const person = card ? await repo.personById(db, card.personId) : undefined;
  if (!card || !person || person.provinceCode !== province) throw notFound();
  if (!(await repo.revokeCard(db, card.id))) throw new AppError('CARD_ALREADY_REVOKED', 409);
  await recordAudit(db, {
    actorType: 'officer',
    actorId: principal.accountId,
    action: 'card.revoke',
    subjectType: 'bhyt_card',
    subjectId: card.id,
    requestId,
    details: { reason: input.reason },
  });
  const accountId = await repo.accountOfPerson(db, person.id);
  if (accountId !== undefined) {
    await repo.insertNotification(db, { accountId, at: services.clock.now(), kind: 'card_revoked', params: { cardCode: card.cardCode }, accessEventId: null });
  }
  return { cardCode: card.cardCode, status: 'revoked' as const, at: timeInVietnam(services.clock.now()) };
}
