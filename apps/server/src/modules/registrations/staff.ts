// Staff accounts: officers (one agency), facility staff (one facility), employer focal points (one unit) and admins,
// created by an admin with a one-time password sent by SMS; plus the fixed demo logins printed at start.
import { randomInt } from 'node:crypto';
import {
  role as roleSchema,
  type StaffCreateRequest,
  type StaffItem,
  type StaffPage,
  type StaffQuery,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords.ts';
import type { Services } from '../../platform/services.ts';
import { PASSWORD_MAX_AGE_MONTHS } from '../accounts/service.ts';
import * as repo from './repo.ts';
import { ensureDirectoryAccount, firstPensionerWithPhone } from '../dossiers/repo.ts';
import { mappingConflicts, type RequestContext, yearsBefore } from './service.ts';

type StaffRole = StaffCreateRequest['role'];
type FieldErrors = Record<
  string,
  { key: 'scopeRequired' | 'notForRole' | 'unknownAgency' | 'unknownFacility' | 'unknownEmployer' }
>;

const SCOPE_FIELD = {
  officer: 'agencyCode',
  facility: 'facilityCode',
  employer: 'employerUnitCode',
  admin: undefined,
} as const;

/** Each role names exactly its own unit: an officer an agency, facility staff a facility, a focal point a unit. */
async function resolveScope(db: Db, input: StaffCreateRequest, today: string) {
  const fields: FieldErrors = {};
  const wanted = SCOPE_FIELD[input.role];
  for (const field of ['agencyCode', 'facilityCode', 'employerUnitCode'] as const) {
    if (field !== wanted && input[field]) fields[field] = { key: 'notForRole' };
  }
  if (wanted && !input[wanted]) fields[wanted] = { key: 'scopeRequired' };
  const scope: { agencyId: number | null; facilityCode: string | null; employerId: number | null } = {
    agencyId: null,
    facilityCode: null,
    employerId: null,
  };
  if (input.role === 'officer' && input.agencyCode) {
    const agency = await repo.findAgencyInForce(db, input.agencyCode, today);
    if (agency) scope.agencyId = agency.id;
    else fields.agencyCode = { key: 'unknownAgency' };
  }
  if (input.role === 'facility' && input.facilityCode) {
    const facility = await repo.findFacility(db, input.facilityCode);
    if (facility) scope.facilityCode = facility.code;
    else fields.facilityCode = { key: 'unknownFacility' };
  }
  if (input.role === 'employer' && input.employerUnitCode) {
    const employer = await repo.findEmployerByUnitCode(db, input.employerUnitCode);
    if (employer) scope.employerId = employer.id;
    else fields.employerUnitCode = { key: 'unknownEmployer' };
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', 400, { fields });
  return scope;
}

function passwordExpired(passwordChangedAt: Date, now: Date): boolean {
  const limit = new Date(passwordChangedAt);
  limit.setUTCMonth(limit.getUTCMonth() + PASSWORD_MAX_AGE_MONTHS);
  return now >= limit;
}

function presentStaff(
  account: repo.AccountRow,
  codes: { agencyCode: string | null; employerUnitCode: string | null },
  now: Date,
): StaffItem {
  return {
    id: account.id,
    role: roleSchema.parse(account.role),
    displayName: account.displayName,
    login: account.login,
    mustChangePassword: account.mustChangePassword,
    passwordExpired: passwordExpired(account.passwordChangedAt, now),
    scope: {
      agencyCode: codes.agencyCode,
      facilityCode: account.facilityCode,
      employerUnitCode: codes.employerUnitCode,
    },
    createdAt: account.createdAt.toISOString(),
  };
}

const ROLE_WORDS: Record<StaffRole, string> = {
  officer: 'can bo BHXH',
  facility: 'co so KCB',
  employer: 'can bo dau moi don vi',
  admin: 'quan tri he thong',
};

export const staffCredentialsNotice = (role: StaffRole, login: string, password: string) =>
  `BHXH Viet Nam: tai khoan ${ROLE_WORDS[role]} cua ban da duoc tao. Tai Khoan: ${login}- Mat Khau: ${password}. Vui long doi mat khau khi dang nhap lan dau.`;

export async function createStaff(
  db: Db,
  services: Services,
  input: StaffCreateRequest,
  context: RequestContext,
): Promise<StaffItem> {
  const now = services.clock.now();
  const scope = await resolveScope(db, input, vietnamDate(now));
  const taken = () => new AppError('LOGIN_TAKEN', 409, { fields: { username: { key: 'usernameTaken' } } });
  if (await repo.findAccountByLogin(db, input.username)) throw taken();
  const password = generateOneTimePassword((n) => randomInt(n));
  const passwordHash = await hashPassword(password);
  const account = await mappingConflicts(
    () =>
      db.transaction(async (tx) => {
        const created = await repo.insertAccount(tx, {
          role: input.role,
          login: input.username,
          ...scope,
          displayName: input.displayName,
          phone: input.phone,
          passwordHash,
          mustChangePassword: true,
          passwordChangedAt: now,
          createdAt: now,
        });
        await services.sms.send(
          input.phone,
          staffCredentialsNotice(input.role, input.username, password),
          'account',
          tx,
        );
        await recordAudit(tx, {
          actorType: context.actor.type,
          actorId: context.actor.accountId,
          action: 'staff.created',
          subjectType: 'account',
          subjectId: created.id,
          requestId: context.requestId,
          details: { role: input.role, ...scope },
        });
        return created;
      }),
    { accounts_login_unique: taken },
  );
  return presentStaff(
    account,
    { agencyCode: input.agencyCode ?? null, employerUnitCode: input.employerUnitCode ?? null },
    now,
  );
}

export async function listStaff(db: Db, services: Services, query: StaffQuery): Promise<StaffPage> {
  const now = services.clock.now();
  const { total, rows } = await repo.listStaff(db, query.role, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: rows.map((row) =>
      presentStaff(row.account, { agencyCode: row.agencyCode, employerUnitCode: row.employerUnitCode }, now),
    ),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

// ---- Demo logins ----

/** The one password of every demo account (printed at start; demo data only). */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoLogin {
  role: 'citizen' | StaffRole | 'hospital';
  login: string;
  password: string;
  /** What the account may see, for the start-up banner. */
  scope: string;
}

/**
 * One account per role for demonstrations, with fixed passwords and no forced change so that a demo flows:
 * `canbo.hanoi` (officer of BHXH Hà Nội, code 01), `letan.<facility>` (the first facility of Hà Nội),
 * `daumoi.<unit>` (the first employer unit of Hà Nội), `quantri` (admin) and one adult citizen (login = BHXH code).
 * Idempotent: existing logins are kept as they are. Roles whose unit is missing from the data are skipped.
 */
/** The demo desk's staff member as registered with the facility (synthetic). */
export const DEMO_DESK_STAFF = { fullName: 'Nguyễn Thị Lan', personalId: '001190000123' } as const;
export const DEMO_HOSPITAL_SECRET = 'demo-his-secret-2026';

export async function ensureDemoStaff(db: Db, clock: Clock = systemClock): Promise<DemoLogin[]> {
  const now = clock.now();
  const today = vietnamDate(now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  const ensure = async (
    login: DemoLogin,
    row: Omit<Parameters<typeof repo.insertAccount>[1], 'login' | 'role' | 'passwordHash'>,
  ) => {
    const existing = await repo.findAccountByLogin(db, login.login);
    if (!existing) {
      const created = await repo.insertAccountIfAbsent(db, {
        ...row,
        role: login.role,
        login: login.login,
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        createdAt: now,
      });
      if (!created) return;
      await recordAudit(db, {
        actorType: 'system',
        action: 'staff.demo_created',
        subjectType: 'account',
        subjectId: created.id,
        details: { role: login.role },
      });
    } else if (existing.role !== login.role) {
      return;
    }
    logins.push(login);
  };

  /**
   * Two officers per agency: the one who receives a dossier may not decide it (maker ≠ checker). Hà Nội's are
   * `canbo.hanoi` / `xuly.hanoi`; the demo citizens' own provinces (their dossiers go there) get `canbo.<code>`.
   */
  const ensureOfficers = async (
    agency: { id: number; code: string; name: string },
    slug: string,
    placeName: string,
  ) => {
    await ensure(
      {
        role: 'officer',
        login: `canbo.${slug}`,
        password: DEMO_PASSWORD,
        scope: `${agency.name} (${agency.code})`,
      },
      { agencyId: agency.id, displayName: `Cán bộ tiếp nhận BHXH ${placeName}`, phone: '0900000001' },
    );
    await ensure(
      {
        role: 'officer',
        login: `xuly.${slug}`,
        password: DEMO_PASSWORD,
        scope: `${agency.name} (${agency.code}) — xử lý, phê duyệt hồ sơ`,
      },
      { agencyId: agency.id, displayName: `Cán bộ xử lý BHXH ${placeName}`, phone: '0900000004' },
    );
  };
  const agency = await repo.findAgencyInForce(db, '01', today);
  if (agency) await ensureOfficers(agency, 'hanoi', 'Hà Nội');
  const facility = await repo.firstFacilityOfProvince(db, '01');
  if (facility) {
    await ensure(
      {
        role: 'facility',
        login: `letan.${facility.code.toLowerCase()}`,
        password: DEMO_PASSWORD,
        scope: `${facility.name} (${facility.code})`,
      },
      { facilityCode: facility.code, displayName: `Lễ tân ${facility.name}`, phone: '0900000002' },
    );
    // The desk account's person on the facility's registered staff list (the national service asks for name + ID).
    const desk = await repo.findAccountByLogin(db, `letan.${facility.code.toLowerCase()}`);
    if (desk) {
      await repo.ensureFacilityStaff(db, {
        facilityCode: facility.code,
        personalId: DEMO_DESK_STAFF.personalId,
        fullName: DEMO_DESK_STAFF.fullName,
        accountId: desk.id,
      });
    }
    // A hospital information system of the same facility, for the check-card API.
    const clientId = `his-${facility.code.toLowerCase()}`;
    const created = await repo.ensureHospitalClient(db, {
      clientId,
      facilityCode: facility.code,
      name: `HIS ${facility.name}`,
      secretHash: await hashPassword(DEMO_HOSPITAL_SECRET),
    });
    if (created || (await repo.findHospitalClientId(db, clientId))) {
      logins.push({
        role: 'hospital',
        login: clientId,
        password: DEMO_HOSPITAL_SECRET,
        scope: `API /api/v1/hospital (${facility.code}); nhân viên: ${DEMO_DESK_STAFF.fullName}, CCCD ${DEMO_DESK_STAFF.personalId}`,
      });
    }
  }
  const employer = await repo.firstEmployerOfProvince(db, '01');
  if (employer) {
    await ensure(
      {
        role: 'employer',
        login: `daumoi.${employer.unitCode.toLowerCase()}`,
        password: DEMO_PASSWORD,
        scope: `${employer.name} (${employer.unitCode})`,
      },
      {
        employerId: employer.id,
        displayName: employer.representativeName,
        phone: employer.representativePhone,
      },
    );
  }
  await ensure(
    { role: 'admin', login: 'quantri', password: DEMO_PASSWORD, scope: 'Toàn quốc' },
    { displayName: 'Quản trị hệ thống', phone: '0900000003' },
  );
  const citizen = await repo.firstAdultWithPhone(db, yearsBefore(today, 18), yearsBefore(today, 18));
  if (citizen?.phone) {
    await ensure(
      {
        role: 'citizen',
        login: citizen.bhxhCode,
        password: DEMO_PASSWORD,
        scope: `${citizen.fullName}, mã số BHXH ${citizen.bhxhCode}`,
      },
      { personId: citizen.id, displayName: citizen.fullName, phone: citizen.phone, email: citizen.email },
    );
    await ensureDemoChildren(db, citizen, now, today);
  }
  // A pensioner, for the pension services (move the pay place, change the method of receipt); the bank account
  // below is the one the local account-holder inquiry knows in their name.
  const pensioner = await firstPensionerWithPhone(db, citizen?.id ?? null);
  if (pensioner?.phone) {
    const accountNumber = `0011${pensioner.bhxhCode.slice(1)}`;
    await ensureDirectoryAccount(db, {
      bankCode: 'VCB',
      accountNumber,
      holderName: pensioner.fullName.toUpperCase(),
    });
    await ensure(
      {
        role: 'citizen',
        login: pensioner.bhxhCode,
        password: DEMO_PASSWORD,
        scope: `${pensioner.fullName} (hưu trí), mã số BHXH ${pensioner.bhxhCode}; tài khoản Vietcombank ${accountNumber}`,
      },
      {
        personId: pensioner.id,
        displayName: pensioner.fullName,
        phone: pensioner.phone,
        email: pensioner.email,
      },
    );
  }
  for (const provinceCode of new Set([citizen?.provinceCode, pensioner?.provinceCode])) {
    if (!provinceCode || provinceCode === '01') continue;
    const own = await repo.findProvincialAgency(db, provinceCode, today);
    if (own) await ensureOfficers(own, own.code.toLowerCase(), own.name.replace(/^BHXH\s+/, ''));
  }
  return logins;
}

/** The demo parent's minor children, linked as if their child registrations had been approved (to show switching). */
async function ensureDemoChildren(
  db: Db,
  parent: { id: number; bhxhCode: string; phone: string | null; provinceCode: string },
  now: Date,
  today: string,
): Promise<void> {
  const account = await repo.findAccountByLogin(db, parent.bhxhCode);
  const agency = await repo.findProvincialAgency(db, parent.provinceCode, today);
  if (!account || !agency) return;
  for (const child of await repo.minorChildrenInRegistry(db, parent.id, yearsBefore(today, 18))) {
    if (await repo.findGuardianship(db, account.id, child.id)) continue;
    const registration = await repo.insertRegistration(db, {
      dossierNumber: `DEMO.GD/${today.slice(0, 4)}/${child.bhxhCode}`,
      kind: 'child',
      personId: child.id,
      parentAccountId: account.id,
      fullName: child.fullName,
      bhxhCode: child.bhxhCode,
      birthDate: child.birthDate,
      phone: account.phone,
      provinceCode: child.provinceCode,
      communeCode: child.communeCode,
      street: child.street,
      agencyId: agency.id,
      identityVerified: true,
      status: 'approved',
      submittedAt: now,
      expiresOn: today,
      decidedAt: now,
    });
    await repo.insertGuardianship(db, {
      parentAccountId: account.id,
      childPersonId: child.id,
      registrationId: registration.id,
    });
  }
}
