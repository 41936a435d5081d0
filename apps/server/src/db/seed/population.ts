// The synthetic population: households, people, BHYT cards, participation periods, benefit payments and medical
// visits, consistent with the rules in rules.ts.
//
// Determinism and streaming: people come in blocks of 64 slots. A block's households are drawn from a generator keyed
// by the block number, each household from one keyed by its number and each person from one keyed by their index, so
// person i never depends on how many people were generated before or after; any range of blocks can be generated on
// its own (in chunks, in order, with bounded memory). Row ids are derived from the person id (id × 256 + n), so they
// are stable too.
import { foldVietnamese } from '@vssid/shared';
import type { BulkValue } from '../bulk.ts';
import { copyLine, plainCopyLine } from './copy.ts';
import { DELIVERY, diagnosisSamplers, type Diagnosis, type VisitType } from './diagnoses.ts';
import { randomFullName, randomSurname, type Sex } from './names.ts';
import { MOUNTAIN_PROVINCES, mobile, slug, streetLine, type Commune } from './places.ts';
import { seededRandom } from './random.ts';
import type { CommuneInfo, EmployerRecord, FacilityRecord, ReferenceData } from './reference.ts';
import { communePopulationWeight } from './reference.ts';
import {
  BASE_SALARIES,
  PENSION_ADJUSTMENTS,
  REGIONAL_MINIMUM_WAGES,
  VOLUNTARY_MIN_INCOME,
  averagingYears,
  baseSalaryAt,
  bhytShare,
  minimumPensionYears,
  minimumWageAt,
  pensionRatePercent,
  retirementMonth,
  schemeRateAt,
  schemeRateChanges,
  type Scheme,
} from './rules.ts';
import {
  addMonths,
  addYears,
  at,
  dateOf,
  dayNumber,
  digits,
  endOfMonth,
  int,
  monthIndex,
  monthOf,
  permutation,
  pick,
  poisson,
  weighted,
  weightedSampler,
  yearsBetween,
  type Random,
} from './util.ts';

/** The data set describes the country as of this date (fixed, so a seed always gives the same data). */
export const DATA_AS_OF = '2026-11-01';
/** The last month with contributions (the month before DATA_AS_OF). */
export const LAST_CONTRIBUTION_MONTH = '2026-10-01';
/** Participation history starts with the VSS in 1995; medical visits are recorded from 2017. */
const HISTORY_START = '1995-01-01';
const VISITS_FROM_YEAR = 2017;
export const BLOCK_SIZE = 64;
/** Rows per person in one table never exceed this (ids are person id × ROW_ID_STRIDE + n). */
export const ROW_ID_STRIDE = 256;

const AS_OF_DAY = dayNumber(DATA_AS_OF);
const AS_OF_MONTH = monthIndex(DATA_AS_OF);
const LAST_MONTH = monthIndex(LAST_CONTRIBUTION_MONTH);
const HISTORY_MONTH = monthIndex(HISTORY_START);

export type Row = BulkValue[];

export const COLUMNS = {
  households: ['code', 'province_code', 'commune_code', 'street'],
  people: [
    'id', 'bhxh_code', 'personal_id', 'old_id_number', 'full_name', 'name_key', 'birth_date', 'birth_date_precision',
    'birth_year', 'sex', 'phone', 'email', 'household_code', 'province_code', 'commune_code', 'street', 'old_province_code',
  ],
  bhyt_cards: [
    'id', 'person_id', 'card_code', 'object_code', 'benefit_level', 'old_province_digits', 'facility_code', 'valid_from',
    'valid_to', 'five_years_date', 'residence_code', 'status', 'issued_on', 'issuing_agency_id',
  ],
  participation_periods: [
    'id', 'person_id', 'scheme', 'from_month', 'to_month', 'employer_id', 'occupation', 'position', 'salary_base',
    'monthly_amount', 'status',
  ],
  benefit_payments: [
    'id', 'person_id', 'kind', 'from_date', 'to_date', 'amount', 'monthly_amount', 'decision_number', 'decided_on',
    'agency_id', 'details',
  ],
  medical_visits: [
    'id', 'person_id', 'card_code', 'facility_code', 'admitted_at', 'discharged_at', 'visit_type', 'icd10_code',
    'icd10_name', 'total_cost', 'bhyt_paid', 'patient_paid', 'documents',
  ],
} as const;

export type PopulationTable = keyof typeof COLUMNS;

export type PopulationChunk = Record<PopulationTable, Row[]>;

/** Where generated rows go: arrays (tests, inspection) or COPY text built as the rows come (loading). */
export interface RowSink {
  push(row: Row): void;
}
export type PopulationSinks = Record<PopulationTable, RowSink>;

interface ProvinceFacilities {
  registration: FacilityRecord[];
  outpatient: FacilityRecord[];
  inpatient: FacilityRecord[];
  emergency: FacilityRecord[];
  sickLeave: FacilityRecord[];
}

export interface PopulationContext {
  seed: string;
  people: number;
  ref: ReferenceData;
  sampleCommune: (random: Random) => Commune;
  registrationFacility: ReadonlyMap<string, FacilityRecord>;
  provinceFacilities: ReadonlyMap<string, ProvinceFacilities>;
  employersByProvince: ReadonlyMap<string, EmployerRecord[]>;
  oldProvinceCodes: readonly string[];
  diagnosis: ReturnType<typeof diagnosisSamplers>;
  perm: {
    bhxh: (x: number) => number;
    personal: (x: number) => number;
    oldId: (x: number) => number;
    phone: (x: number) => number;
    household: (x: number) => number;
  };
}

export function blockCount(people: number): number {
  return Math.ceil(people / BLOCK_SIZE);
}

export function createPopulationContext(ref: ReferenceData, options: { seed: string; people: number }): PopulationContext {
  const { seed, people } = options;
  if (!Number.isInteger(people) || people < 1 || people > 10_000_000) throw new RangeError('people must be 1 … 10,000,000');
  const provinceFacilities = new Map<string, ProvinceFacilities>();
  for (const f of ref.facilities) {
    let entry = provinceFacilities.get(f.provinceCode);
    if (!entry) {
      entry = { registration: [], outpatient: [], inpatient: [], emergency: [], sickLeave: [] };
      provinceFacilities.set(f.provinceCode, entry);
    }
    if (f.acceptsInitialRegistration && f.level !== 'chuyen_sau') entry.registration.push(f);
    entry.outpatient.push(f);
    if (f.kind === 'hospital' || f.kind === 'health_centre') entry.inpatient.push(f);
    if (f.kind === 'hospital') entry.emergency.push(f);
    if (f.issuesSickLeave) entry.sickLeave.push(f);
  }
  // Initial registration: the commune's own station when it takes registrations, else the nearest facility that does.
  const stationOf = new Map<string, FacilityRecord>();
  for (const f of ref.facilities) {
    if (f.kind === 'commune_station' && f.acceptsInitialRegistration) stationOf.set(f.communeCode, f);
  }
  const registrationFacility = new Map<string, FacilityRecord>();
  for (const [code, info] of ref.communes) {
    const own = stationOf.get(code);
    if (own) {
      registrationFacility.set(code, own);
      continue;
    }
    let best: FacilityRecord | undefined;
    let bestDistance = Infinity;
    for (const f of provinceFacilities.get(info.province.code)?.registration ?? []) {
      const d = (f.lat - info.commune.lat) ** 2 + (f.lon - info.commune.lon) ** 2;
      if (d < bestDistance) {
        best = f;
        bestDistance = d;
      }
    }
    if (!best) throw new Error(`No facility takes registrations in province ${info.province.code}`);
    registrationFacility.set(code, best);
  }
  const employersByProvince = new Map<string, EmployerRecord[]>();
  for (const e of ref.employers) {
    const list = employersByProvince.get(e.provinceCode) ?? [];
    list.push(e);
    employersByProvince.set(e.provinceCode, list);
  }
  return {
    seed,
    people,
    ref,
    sampleCommune: weightedSampler(ref.units.communes, communePopulationWeight),
    registrationFacility,
    provinceFacilities,
    employersByProvince,
    oldProvinceCodes: ref.units.oldProvinces.filter((p) => p.abolishedOn >= '2025').map((p) => p.code),
    diagnosis: diagnosisSamplers(),
    perm: {
      bhxh: permutation(100_000_000, `${seed}:bhxh`),
      personal: permutation(1_000_000, `${seed}:personal`),
      oldId: permutation(1_000_000_000, `${seed}:cmnd`),
      phone: permutation(10_000_000, `${seed}:mobile`),
      household: permutation(100_000_000, `${seed}:household`),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Households and their members
// ---------------------------------------------------------------------------------------------------------------

interface MemberSpec {
  role: 'head' | 'spouse' | 'child' | 'parent';
  sex: Sex;
  birthDate: string;
  surname: string;
  /** Birth dates of this woman's children in the household. */
  childBirths: string[];
}

function birthForAge(age: number, random: Random): string {
  return dateOf(AS_OF_DAY - Math.floor((age + random()) * 365.2425));
}

function adultAge(random: Random, min: number, max: number): number {
  return int(random, min, max);
}

function composeHousehold(size: number, random: Random): MemberSpec[] {
  const members: MemberSpec[] = [];
  const add = (role: MemberSpec['role'], sex: Sex, age: number, surname: string) => {
    const spec: MemberSpec = { role, sex, birthDate: birthForAge(age, random), surname, childBirths: [] };
    members.push(spec);
    return spec;
  };
  const addChildren = (mother: MemberSpec | undefined, motherAge: number, surname: string, count: number) => {
    const ages: number[] = [];
    for (let k = 0; k < count; k++) {
      let age = motherAge - int(random, 20, 38);
      if (age < 0) age = int(random, 0, Math.max(0, motherAge - 20));
      ages.push(age);
    }
    ages.sort((a, b) => b - a);
    for (const age of ages) {
      const child = add('child', random() < 0.51 ? 'male' : 'female', age, surname);
      if (mother) mother.childBirths.push(child.birthDate);
    }
  };
  const addGrandparents = (headAge: number, headSurname: string, count: number) => {
    const age = Math.min(95, headAge + int(random, 22, 32));
    if (count >= 2) {
      add('parent', 'male', age, headSurname);
      add('parent', 'female', Math.max(headAge + 18, age - int(random, 0, 5)), randomSurname(random));
    } else {
      const sex: Sex = random() < 0.65 ? 'female' : 'male';
      add('parent', sex, age, sex === 'male' ? headSurname : randomSurname(random));
    }
  };

  if (size === 1) {
    const age = weighted<[number, number]>([[[20, 34], 40], [[35, 59], 25], [[60, 92], 35]], random);
    const sex: Sex = age[0] >= 60 ? (random() < 0.6 ? 'female' : 'male') : random() < 0.5 ? 'male' : 'female';
    add('head', sex, adultAge(random, age[0], age[1]), randomSurname(random));
    return members;
  }
  const shape = random();
  if (size === 2 && shape < 0.25) {
    // Single parent with a child.
    const sex: Sex = random() < 0.8 ? 'female' : 'male';
    const age = adultAge(random, 24, 55);
    const head = add('head', sex, age, randomSurname(random));
    addChildren(sex === 'female' ? head : undefined, age, sex === 'male' ? head.surname : randomSurname(random), 1);
    return members;
  }
  // A couple, head usually the husband.
  // Elderly couples: alone (size 2) or with a grown-up child (size 3).
  const elderly = (size === 2 && shape < 0.6) || (size === 3 && shape < 0.2);
  const headAge = elderly ? adultAge(random, 55, 86) : size === 2 ? adultAge(random, 22, 38) : adultAge(random, 25, 30) + int(random, 0, 33);
  const wifeAge = Math.max(18, headAge - int(random, -2, 6));
  const headMale = random() < 0.85;
  const husbandSurname = randomSurname(random);
  const head = add('head', headMale ? 'male' : 'female', headMale ? headAge : wifeAge, headMale ? husbandSurname : randomSurname(random));
  const spouse = add('spouse', headMale ? 'female' : 'male', headMale ? wifeAge : headAge, headMale ? randomSurname(random) : husbandSurname);
  const wife = headMale ? spouse : head;
  let children = 0;
  let grandparents = 0;
  const r = random();
  if (size === 3) [children, grandparents] = r < 0.85 ? [1, 0] : [0, 1];
  else if (size === 4) [children, grandparents] = r < 0.75 ? [2, 0] : [1, 1];
  else if (size === 5) [children, grandparents] = r < 0.35 ? [3, 0] : [2, 1];
  else if (size >= 6) [children, grandparents] = r < 0.6 ? [2, 2] : [3, 1];
  addChildren(wife, wifeAge, husbandSurname, children);
  if (grandparents > 0) addGrandparents(Math.min(headAge, 70), head.surname, grandparents);
  return members;
}

function householdSize(random: Random): number {
  return weighted<number>([[1, 12], [2, 20], [3, 22], [4, 26], [5, 12], [6, 8]], random);
}

// ---------------------------------------------------------------------------------------------------------------
// Salaries and careers
// ---------------------------------------------------------------------------------------------------------------

/** Nominal wage level relative to 2026 (synthetic, smooth): only used to make older salaries plausible. */
const WAGE_INDEX: ReadonlyArray<readonly [number, number]> = [
  [1995, 0.07], [2000, 0.1], [2005, 0.16], [2010, 0.34], [2015, 0.56], [2020, 0.8], [2024, 0.94], [2026, 1], [2031, 1.2],
];
const REGION_FACTOR = [1, 0.89, 0.78, 0.7] as const;
const WAGE_REFERENCE = 5_310_000;

function wageIndex(month: number): number {
  const year = month / 12;
  let previous = at(WAGE_INDEX, 0);
  for (const point of WAGE_INDEX) {
    if (year <= point[0]) {
      if (point === previous) return point[1];
      const t = (year - previous[0]) / (point[0] - previous[0]);
      return previous[1] + t * (point[1] - previous[1]);
    }
    previous = point;
  }
  return previous[1];
}

const MINIMUM_WAGE_MONTHS = REGIONAL_MINIMUM_WAGES.map((r) => monthIndex(r.effectiveFrom));

const baseSalaryCache = new Map<number, number>();
/** Base salary in force in a month (the first encoded value before 7/2013): cached, it is read per visit. */
function baseSalaryOfMonth(month: number): number {
  let amount = baseSalaryCache.get(month);
  if (amount === undefined) {
    amount = baseSalaryAt(monthOf(month)) ?? at(BASE_SALARIES, 0).amount;
    baseSalaryCache.set(month, amount);
  }
  return amount;
}

const SCHEME_INDEX: Readonly<Record<Scheme, number>> = { bhxh_compulsory: 0, bhxh_voluntary: 1, bhyt: 2, bhtn: 3, bhtnld_bnn: 4 };
const contributionCache = new Map<number, number>();
function contribution(scheme: Scheme, salary: number, month: number): number {
  const key = month * 8 + SCHEME_INDEX[scheme];
  let rate = contributionCache.get(key);
  if (rate === undefined) {
    rate = schemeRateAt(scheme, monthOf(month));
    contributionCache.set(key, rate);
  }
  // Same arithmetic as rules.monthlyContribution.
  return Math.round((salary * rate) / 100);
}

function roundSalary(value: number): number {
  return Math.round(value / 10_000) * 10_000;
}

/** Keeps a salary within the floor (regional minimum wage) and ceiling (20 × base salary) in force in a month. */
function clampSalary(salary: number, month: number, region: number): number {
  const date = monthOf(month);
  const floor = minimumWageAt(date, region);
  const base = baseSalaryAt(date);
  let result = salary;
  if (floor !== undefined && result < floor) result = Math.ceil(floor / 10_000) * 10_000;
  if (base !== undefined && result > 20 * base) result = Math.floor((20 * base) / 10_000) * 10_000;
  return result;
}

interface Segment {
  from: number;
  to: number;
  employer: EmployerRecord;
  occupation: string;
  position: string;
  salary: number;
}

interface VoluntarySegment {
  from: number;
  to: number;
  income: number;
}

const POSITIONS = ['Nhân viên', 'Tổ trưởng', 'Phó phòng', 'Trưởng phòng', 'Phó Giám đốc'] as const;

function chooseEmployer(ctx: PopulationContext, provinceCode: string, random: Random): EmployerRecord {
  const local = ctx.employersByProvince.get(provinceCode);
  if (local && local.length > 0 && random() < 0.85) return pick(local, random);
  return pick(ctx.ref.employers, random);
}

/** Employment spells from `start` to `end` (month indexes), split into constant-salary segments. */
function buildJobs(
  ctx: PopulationContext,
  provinceCode: string,
  start: number,
  end: number,
  gapChance: number,
  random: Random,
): Segment[] {
  const segments: Segment[] = [];
  let month = start;
  let rank = 0;
  let seniority = 1;
  while (month <= end) {
    const employer = chooseEmployer(ctx, provinceCode, random);
    const job = pick(employer.occupations, random);
    const jobEnd = Math.min(end, month + int(random, 18, 150) - 1);
    const region = employer.wageRegion;
    const regionFactor = REGION_FACTOR[region - 1] ?? 0.7;
    let skill = job.skill * seniority * (0.95 + random() * 0.3);
    let salary = clampSalary(roundSalary(WAGE_REFERENCE * regionFactor * wageIndex(month) * skill), month, region);
    let segmentStart = month;
    let position: string = at(POSITIONS, rank);
    const raises = new Set<number>();
    for (let m = month + int(random, 24, 48); m <= jobEnd; m += int(random, 24, 48)) raises.add(m);
    const events = new Set(raises);
    for (const m of MINIMUM_WAGE_MONTHS) if (m > month && m <= jobEnd) events.add(m);
    for (const m of [...events].sort((a, b) => a - b)) {
      let next = salary;
      let nextPosition = position;
      if (raises.has(m)) {
        if (rank < POSITIONS.length - 1 && random() < 0.12) {
          rank += 1;
          skill *= 1.25;
          nextPosition = at(POSITIONS, rank);
        }
        const target = WAGE_REFERENCE * regionFactor * wageIndex(m) * skill;
        next = roundSalary(Math.max(salary * (1.03 + random() * 0.12), target));
      }
      next = clampSalary(next, m, region);
      if (next === salary && nextPosition === position) continue;
      segments.push({ from: segmentStart, to: m - 1, employer, occupation: job.title, position, salary });
      segmentStart = m;
      salary = next;
      position = nextPosition;
    }
    segments.push({ from: segmentStart, to: jobEnd, employer, occupation: job.title, position, salary });
    seniority *= 1.05;
    month = jobEnd + 1 + (random() < gapChance ? int(random, 1, 18) : 0);
  }
  return segments;
}

function buildVoluntary(start: number, end: number, random: Random): VoluntarySegment[] {
  const segments: VoluntarySegment[] = [];
  const incomes = [VOLUNTARY_MIN_INCOME, 2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000];
  let from = start;
  let income = pick(incomes, random);
  while (from <= end) {
    const to = random() < 0.7 ? end : Math.min(end, from + int(random, 12, 60));
    segments.push({ from, to, income });
    from = to + 1;
    income = Math.max(income, pick(incomes, random));
  }
  return segments;
}

const SCHEMES_OF_EMPLOYMENT: readonly Scheme[] = ['bhxh_compulsory', 'bhyt', 'bhtn', 'bhtnld_bnn'];
const RATE_CHANGE_MONTHS = new Map<Scheme, number[]>(
  (['bhxh_compulsory', 'bhxh_voluntary', 'bhyt', 'bhtn', 'bhtnld_bnn'] as const).map((s) => [
    s,
    schemeRateChanges(s).map(monthIndex),
  ]),
);

/** Splits [from, to] where the scheme's rate changes, dropping months before the scheme existed. */
function rateSpans(scheme: Scheme, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = from;
  for (const change of RATE_CHANGE_MONTHS.get(scheme) ?? []) {
    if (change > start && change <= to) {
      spans.push([start, change - 1]);
      start = change;
    }
  }
  spans.push([start, to]);
  return spans.filter(([a]) => contribution(scheme, 100, a) > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

interface CardChoice {
  objectCode: string;
  level: number;
  residence: string | null;
}

interface HouseholdContext {
  info: CommuneInfo;
  code: string;
  street: string;
  poverty: 'HN' | 'CN' | null;
  ethnic: 'DT' | 'DK' | null;
  residence: 'K1' | 'K2' | null;
}

class Counter {
  private n = 0;
  constructor(private readonly personId: number) {}
  next(): number | undefined {
    if (this.n >= ROW_ID_STRIDE) return undefined;
    return this.personId * ROW_ID_STRIDE + this.n++;
  }
}

const foldCache = new Map<string, string>();

/** foldVietnamese with a cache: names repeat a lot and NFD normalisation is comparatively slow. */
function foldName(name: string): string {
  let folded = foldCache.get(name);
  if (folded === undefined) {
    if (foldCache.size > 500_000) foldCache.clear();
    folded = foldVietnamese(name);
    foldCache.set(name, folded);
  }
  return folded;
}

function decision(random: Random): string {
  return `${int(random, 1, 9999)}/QĐ-BHXH`;
}

function localTimestamp(day: number, minutes: number): string {
  const extraDays = Math.floor(minutes / 1440);
  const m = minutes - extraDays * 1440;
  return `${dateOf(day + extraDays)} ${digits(Math.floor(m / 60), 2)}:${digits(m % 60, 2)}:00+07`;
}

function monthsOf(segments: ReadonlyArray<{ from: number; to: number }>): number {
  let total = 0;
  for (const s of segments) total += s.to - s.from + 1;
  return total;
}

/** Average monthly salary over the last `months` contribution months (all when null). */
function averageSalary(segments: ReadonlyArray<{ from: number; to: number; salary: number }>, months: number | null): number {
  let remaining = months ?? Infinity;
  let sum = 0;
  let count = 0;
  for (let k = segments.length - 1; k >= 0 && remaining > 0; k--) {
    const s = at(segments, k);
    const n = Math.min(remaining, s.to - s.from + 1);
    sum += n * s.salary;
    count += n;
    remaining -= n;
  }
  return count === 0 ? 0 : sum / count;
}

function segmentAt<T extends { from: number; to: number }>(segments: readonly T[], month: number): T | undefined {
  for (const s of segments) if (s.from <= month && month <= s.to) return s;
  return undefined;
}

type Life =
  | 'child'
  | 'pupil'
  | 'student'
  | 'employed'
  | 'former'
  | 'voluntary'
  | 'armed'
  | 'none'
  | 'pensioner'
  | 'retired_short';

interface PersonOutput {
  chunk: PopulationSinks;
}

function generatePerson(
  ctx: PopulationContext,
  index: number,
  spec: MemberSpec,
  household: HouseholdContext,
  out: PersonOutput,
): void {
  const random = seededRandom(`${ctx.seed}:person:${index}`);
  const id = index + 1;
  const { info } = household;
  const province = info.province;
  const agencyId = ctx.ref.provincialAgencyId.get(province.code) ?? 1;

  // Identity.
  let birthDate = spec.birthDate;
  let age = yearsBetween(birthDate, DATA_AS_OF);
  let precision: 'day' | 'year' = 'day';
  if (age >= 70 && random() < 0.35) {
    precision = 'year';
    birthDate = `${birthDate.slice(0, 4)}-01-01`;
    age = yearsBetween(birthDate, DATA_AS_OF);
  }
  const birthYear = Number(birthDate.slice(0, 4));
  const sex = spec.sex;
  const fullName = randomFullName(sex, random, spec.surname);
  const migrant = age >= 18 && random() < 0.15;
  const issuingOld = migrant ? pick(ctx.oldProvinceCodes, random) : info.oldProvinceCode;
  const bhxhCode = `${issuingOld}${digits(ctx.perm.bhxh(index % 100_000_000), 8)}`;
  const birthOld = issuingOld === '28' ? '01' : issuingOld;
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  const personalId =
    index < 1_000_000 && !(age < 6 && random() < 0.01)
      ? `0${birthOld}${centuryDigit}${digits(birthYear % 100, 2)}${digits(ctx.perm.personal(index), 6)}`
      : null;
  const oldIdNumber = birthYear <= 2005 && random() < 0.6 ? digits(ctx.perm.oldId(index % 1_000_000_000), 9) : null;
  const phone = age >= 16 && index < 10_000_000 && random() < 0.9 ? mobile(ctx.perm.phone(index), random) : null;
  const nameKey = foldName(fullName);
  const nameParts = nameKey.split(' ');
  const email =
    age >= 18 && age < 56 && random() < 0.35
      ? `${slug(nameParts[nameParts.length - 1] ?? 'ban')}.${slug(nameParts[0] ?? 'nguoi')}${bhxhCode.slice(-4)}@mail.example.vn`
      : null;
  const oldProvinceCode = info.exHaTay && birthYear < 1985 && random() < 0.4 ? '28' : info.oldProvinceCode;

  out.chunk.people.push([
    id, bhxhCode, personalId, oldIdNumber, fullName, nameKey, birthDate, precision, birthYear, sex, phone,
    email, household.code, province.code, info.commune.code, household.street, oldProvinceCode,
  ]);

  // Life course.
  const birthMonth = monthIndex(birthDate);
  const retMonth = monthIndex(retirementMonth(birthDate, sex));
  const retired = retMonth < AS_OF_MONTH;
  let life: Life;
  if (age < 6) life = 'child';
  else if (age < 18) life = 'pupil';
  else if (age <= 22 && random() < 0.45) life = 'student';
  else if (retired) {
    const r = random();
    life = r < 0.4 ? 'pensioner' : r < 0.5 ? 'retired_short' : 'none';
  } else {
    const employment = age < 30 ? 0.45 : age < 50 ? 0.42 : 0.3;
    const r = random();
    if (r < employment * (sex === 'female' ? 0.92 : 1)) life = 'employed';
    else if (r < employment + 0.12) life = 'former';
    else if (r < employment + 0.16) life = 'voluntary';
    else if (r < employment + 0.165) life = 'armed';
    else life = 'none';
  }

  const periodIds = new Counter(id);
  const benefitIds = new Counter(id);
  const visitIds = new Counter(id);
  let jobs: Segment[] = [];
  let voluntary: VoluntarySegment[] = [];
  let unemployedNow = false;
  let pensioner = false;
  const careerStart = Math.max(HISTORY_MONTH, birthMonth + 12 * int(random, 18, 25) + int(random, 0, 11));

  const pushBenefit = (
    kind: string,
    from: string,
    to: string | null,
    amount: number | null,
    monthly: number | null,
    decidedOn: string,
    details: Record<string, unknown> | null,
  ) => {
    const benefitId = benefitIds.next();
    if (benefitId === undefined) return;
    out.chunk.benefit_payments.push([benefitId, id, kind, from, to, amount, monthly, decision(random), decidedOn, agencyId, details]);
  };

  const oneTime = (decidedDay: number) => {
    if (decidedDay > AS_OF_DAY || jobs.length + voluntary.length === 0) return;
    const avg = averageSalary([...jobs, ...voluntary.map((v) => ({ ...v, salary: v.income }))], null);
    const cutoff = monthIndex('2014-01-01');
    let before = 0;
    let after = 0;
    for (const s of [...jobs, ...voluntary]) {
      before += Math.max(0, Math.min(s.to, cutoff - 1) - s.from + 1);
      after += Math.max(0, s.to - Math.max(s.from, cutoff) + 1);
    }
    const months = before + after;
    const amount =
      months < 12 ? Math.round(Math.min(2 * avg, 0.22 * avg * months)) : Math.round(avg * ((1.5 * before) / 12 + (2 * after) / 12));
    const date = dateOf(decidedDay);
    pushBenefit('one_time', date, null, amount, null, date, { months, averageSalary: Math.round(avg) });
  };

  switch (life) {
    case 'pensioner': {
      const end = retMonth - 1;
      if (end - careerStart + 1 >= minimumPensionYears(sex) * 12 + 6) {
        jobs = buildJobs(ctx, province.code, careerStart, end, 0.1, random);
        if (monthsOf(jobs) >= minimumPensionYears(sex) * 12) pensioner = true;
      }
      if (!pensioner) {
        // Too short a career for a pension: a one-time payment at retirement age.
        if (jobs.length === 0) jobs = buildJobs(ctx, province.code, Math.max(careerStart, end - int(random, 36, 140)), end, 0.1, random);
        oneTime(dayNumber(monthOf(retMonth + int(random, 1, 3))) + int(random, 0, 27));
      }
      break;
    }
    case 'retired_short': {
      const end = retMonth - 1 - int(random, 0, 60);
      const start = Math.max(careerStart, end - int(random, 24, 140));
      if (start <= end) {
        jobs = buildJobs(ctx, province.code, start, end, 0.2, random);
        oneTime(dayNumber(monthOf(retMonth + int(random, 1, 3))) + int(random, 0, 27));
      }
      break;
    }
    case 'employed': {
      const start = Math.min(careerStart, LAST_MONTH - int(random, 1, 36));
      jobs = buildJobs(ctx, province.code, Math.max(start, birthMonth + 18 * 12), LAST_MONTH, 0.3, random);
      break;
    }
    case 'former': {
      const start = Math.min(careerStart, LAST_MONTH - 24);
      if (start < birthMonth + 18 * 12) break;
      const end = int(random, start + 12, LAST_MONTH - 2);
      jobs = buildJobs(ctx, province.code, start, end, 0.3, random);
      const last = jobs[jobs.length - 1];
      if (!last) break;
      // BHTN months (the fund exists from 2009; civil servants are not covered).
      const bhtnStart = monthIndex('2009-01-01');
      const covered = jobs.filter((s) => s.employer.objectCode !== 'HC');
      const recentBhtn = covered.reduce((n, s) => n + Math.max(0, s.to - Math.max(s.from, last.to - 23, bhtnStart) + 1), 0);
      const totalBhtn = covered.reduce((n, s) => n + Math.max(0, s.to - Math.max(s.from, bhtnStart) + 1), 0);
      const endDay = dayNumber(endOfMonth(monthOf(last.to)));
      if (last.to >= monthIndex('2023-06-01') && recentBhtn >= 12 && random() < 0.7) {
        // Unemployment benefit: 60% of the last 6 months' average, capped at 5 × the regional minimum wage.
        const fromDay = endDay + int(random, 20, 45);
        if (fromDay <= AS_OF_DAY) {
          const from = dateOf(fromDay);
          const avg6 = averageSalary(jobs, 6);
          const cap = 5 * (minimumWageAt(from, last.employer.wageRegion) ?? 0);
          const monthly = Math.min(Math.round(0.6 * avg6), cap > 0 ? cap : Infinity);
          const duration = totalBhtn < 36 ? 3 : Math.min(12, 3 + Math.floor((totalBhtn - 36) / 12));
          const to = dateOf(dayNumber(addMonths(from, duration)) - 1);
          pushBenefit('unemployment', from, to, null, monthly, dateOf(fromDay - int(random, 1, 10)), {
            months: duration,
            contributionMonths: totalBhtn,
            averageSalary: Math.round(avg6),
          });
          unemployedNow = to >= DATA_AS_OF;
        }
      } else if (last.to <= monthIndex('2025-06-01') && random() < 0.5) {
        oneTime(endDay + 365 + int(random, 0, 90));
      } else if (random() < 0.3) {
        const start2 = last.to + int(random, 3, 24);
        if (start2 <= LAST_MONTH && start2 >= monthIndex('2008-01-01')) voluntary = buildVoluntary(start2, LAST_MONTH, random);
      }
      break;
    }
    case 'voluntary': {
      const earliest = Math.max(monthIndex('2008-01-01'), birthMonth + 25 * 12);
      if (earliest <= LAST_MONTH - 6) voluntary = buildVoluntary(int(random, earliest, LAST_MONTH - 6), LAST_MONTH, random);
      break;
    }
    case 'child':
    case 'pupil':
    case 'student':
    case 'armed':
    case 'none':
      break;
  }

  // Participation rows.
  const lastJob = jobs[jobs.length - 1];
  const currentEmployer = lastJob?.to === LAST_MONTH ? lastJob.employer : undefined;
  for (const segment of jobs) {
    // Recent months declared but not paid by the current employer, if it is in arrears.
    const arrears = segment.employer === currentEmployer ? segment.employer.arrearsFrom : null;
    const arrearsFrom = arrears ? monthIndex(arrears) : Infinity;
    for (const scheme of SCHEMES_OF_EMPLOYMENT) {
      if (scheme === 'bhtn' && segment.employer.objectCode === 'HC') continue; // civil servants have no BHTN
      for (const [a, b] of rateSpans(scheme, segment.from, segment.to)) {
        const monthly = contribution(scheme, segment.salary, a);
        const pieces: Array<[number, number, string]> =
          arrearsFrom <= b
            ? ([[a, arrearsFrom - 1, 'paid'], [Math.max(a, arrearsFrom), b, 'arrears']] as Array<[number, number, string]>).filter(
                ([x, y]) => x <= y,
              )
            : [[a, b, 'paid']];
        for (const [x, y, status] of pieces) {
          const periodId = periodIds.next();
          if (periodId === undefined) break;
          out.chunk.participation_periods.push([
            periodId, id, scheme, monthOf(x), monthOf(y), segment.employer.id, segment.occupation, segment.position,
            segment.salary, monthly, status,
          ]);
        }
      }
    }
  }
  for (const segment of voluntary) {
    for (const [a, b] of rateSpans('bhxh_voluntary', segment.from, segment.to)) {
      const periodId = periodIds.next();
      if (periodId === undefined) break;
      out.chunk.participation_periods.push([
        periodId, id, 'bhxh_voluntary', monthOf(a), monthOf(b), null, null, null, segment.income,
        contribution('bhxh_voluntary', segment.income, a), 'paid',
      ]);
    }
  }

  // Pension.
  if (pensioner) {
    const all = [...jobs, ...voluntary.map((v) => ({ ...v, salary: v.income }))].sort((a, b) => a.from - b.from);
    const months = monthsOf(all);
    const years = Math.floor(months / 12);
    const rate = pensionRatePercent(years, sex);
    const firstSegment = at(all, 0);
    const averaging = averagingYears(Math.floor(firstSegment.from / 12));
    const avg = averageSalary(all, averaging === null ? null : averaging * 12);
    const fromDate = monthOf(retMonth + 1);
    let amount = Math.round((avg * rate) / 100);
    const decidedOn = dateOf(dayNumber(fromDate) - int(random, 5, 40));
    pushBenefit('pension', fromDate, null, null, amount, decidedOn, {
      contributionMonths: months,
      ratePercent: rate,
      averageSalary: Math.round(avg),
    });
    for (const adjustment of PENSION_ADJUSTMENTS) {
      if (adjustment.effectiveFrom <= fromDate || adjustment.effectiveFrom > DATA_AS_OF) continue;
      const previous = amount;
      amount = Math.round(previous * (1 + adjustment.percent / 100));
      pushBenefit('pension_adjustment', adjustment.effectiveFrom, null, null, amount, dateOf(dayNumber(adjustment.effectiveFrom) - int(random, 10, 30)), {
        percent: adjustment.percent,
        previousMonthlyAmount: previous,
      });
    }
  }

  // BHYT card.
  let card: CardChoice | null;
  const employedNow = life === 'employed' ? jobs[jobs.length - 1] : undefined;
  if (life === 'child') card = { objectCode: 'TE', level: 1, residence: null };
  else if (life === 'armed') card = random() < 0.6 ? { objectCode: 'QN', level: 5, residence: null } : { objectCode: 'CA', level: 5, residence: null };
  else if (employedNow) card = { objectCode: employedNow.employer.objectCode, level: 4, residence: null };
  else if (unemployedNow) card = { objectCode: 'TN', level: 4, residence: null };
  else if (pensioner) card = { objectCode: 'HT', level: 3, residence: null };
  else if (age >= 65 && random() < 0.08) card = random() < 0.4 ? { objectCode: 'CC', level: 1, residence: null } : { objectCode: 'CK', level: 2, residence: null };
  else if (household.poverty === 'HN') card = { objectCode: 'HN', level: 2, residence: household.residence };
  else if (household.poverty === 'CN') card = { objectCode: 'CN', level: 3, residence: null };
  else if (household.ethnic) card = { objectCode: household.ethnic, level: 2, residence: household.residence };
  else if (info.commune.kind === 'dac_khu') card = { objectCode: 'XD', level: 2, residence: 'K3' };
  else if (life === 'pupil') card = { objectCode: 'HS', level: 4, residence: null };
  else if (life === 'student') card = { objectCode: 'SV', level: 4, residence: null };
  else if (age < 60 ? random() < 0.24 : random() < 0.03) card = null;
  else card = { objectCode: 'GD', level: 4, residence: null };

  let cardCode: string | null = null;
  let cardLevel = 4;
  if (card) {
    let validFrom: string;
    let validTo: string;
    if (card.objectCode === 'TE') {
      validFrom = birthDate;
      validTo = dateOf(dayNumber(addYears(birthDate, 6)) - 1);
    } else {
      validFrom = monthOf(AS_OF_MONTH - int(random, 0, 11));
      validTo = dateOf(dayNumber(addMonths(validFrom, 12)) - 1);
    }
    const issuedOn = dateOf(Math.min(AS_OF_DAY, dayNumber(validFrom) + (card.objectCode === 'TE' ? int(random, 3, 20) : -int(random, 0, 15))));
    let coverageStart: string;
    if (card.objectCode === 'TE') coverageStart = birthDate;
    else if (employedNow) {
      let k = jobs.length - 1;
      while (k > 0 && at(jobs, k - 1).to + 1 === at(jobs, k).from) k -= 1;
      coverageStart = monthOf(at(jobs, k).from);
    } else if (pensioner && jobs[0]) coverageStart = monthOf(jobs[0].from);
    else coverageStart = dateOf(Math.max(dayNumber(birthDate), AS_OF_DAY - int(random, 200, 5000)));
    const fiveYears = addYears(coverageStart, 5);
    const facility =
      random() < 0.8
        ? ctx.registrationFacility.get(info.commune.code)
        : pick(ctx.provinceFacilities.get(province.code)?.registration ?? [], random);
    if (!facility) throw new Error(`No registration facility for ${info.commune.code}`);
    cardCode = `${card.objectCode}${card.level}${info.oldProvinceCode}${bhxhCode}`;
    cardLevel = card.level;
    out.chunk.bhyt_cards.push([
      id, id, cardCode, card.objectCode, card.level, info.oldProvinceCode, facility.code, validFrom, validTo,
      fiveYears <= validTo ? fiveYears : null, card.residence, 'active', issuedOn, agencyId,
    ]);
  }

  // Sickness, maternity and convalescence benefits for people with employment, with the matching visits.
  const specialVisits: Array<{ day: number; type: VisitType; diagnosis?: Diagnosis; sickLeave: boolean; days?: number }> = [];
  if (jobs.length > 0) {
    for (let year = 2019; year <= 2026; year++) {
      if (random() >= 0.1) continue;
      const month = year * 12 + int(random, 0, 11);
      const segment = segmentAt(jobs, month);
      if (!segment) continue;
      const fromDay = dayNumber(monthOf(month)) + int(random, 0, 20);
      const days = int(random, 2, 10);
      const toDay = fromDay + days - 1;
      const decidedDay = toDay + int(random, 10, 40);
      if (decidedDay > AS_OF_DAY) continue;
      pushBenefit('sickness', dateOf(fromDay), dateOf(toDay), Math.round((0.75 * segment.salary * days) / 24), null, dateOf(decidedDay), {
        days,
      });
      specialVisits.push({ day: fromDay, type: 'outpatient', sickLeave: true });
      if (random() < 0.15) {
        const rest = int(random, 5, 10);
        const base = baseSalaryOfMonth(monthIndex(dateOf(toDay + 1)));
        pushBenefit('convalescence', dateOf(toDay + 1), dateOf(toDay + rest), Math.round(0.3 * base * rest), null, dateOf(decidedDay), { days: rest });
      }
    }
  }
  if (sex === 'female' && jobs.length > 0) {
    for (const childBirth of spec.childBirths) {
      if (childBirth < '2017-01-01') continue;
      const birthM = monthIndex(childBirth);
      const before = jobs.filter((s) => s.from < birthM).map((s) => ({ ...s, to: Math.min(s.to, birthM - 1) }));
      if (!segmentAt(jobs, birthM - 1) || monthsOf(before) < 6) continue;
      const birthDay = dayNumber(childBirth);
      const decidedDay = birthDay + int(random, 15, 60);
      if (decidedDay > AS_OF_DAY) continue;
      const fromDay = birthDay - int(random, 0, 30);
      const from = dateOf(fromDay);
      const to = dateOf(dayNumber(addMonths(from, 6)) - 1);
      const avg6 = averageSalary(before, 6);
      const base = baseSalaryOfMonth(birthM);
      pushBenefit('maternity', from, to, Math.round(6 * avg6 + 2 * base), null, dateOf(decidedDay), {
        months: 6,
        averageSalary: Math.round(avg6),
        childBirthAllowance: 2 * base,
      });
      specialVisits.push({ day: birthDay, type: 'inpatient', diagnosis: DELIVERY, sickLeave: false, days: int(random, 2, 4) });
      if (random() < 0.3) {
        const restFrom = dayNumber(to) + 1;
        const rest = int(random, 5, 10);
        if (restFrom + rest <= AS_OF_DAY) {
          const restBase = baseSalaryOfMonth(monthIndex(dateOf(restFrom)));
          pushBenefit('convalescence', dateOf(restFrom), dateOf(restFrom + rest - 1), Math.round(0.3 * restBase * rest), null, dateOf(restFrom + rest + int(random, 5, 20)), { days: rest });
        }
      }
    }
  }

  // Medical visits since 2017, paid by the card's benefit level.
  if (cardCode) {
    const facilities = ctx.provinceFacilities.get(province.code);
    const registered = ctx.registrationFacility.get(info.commune.code);
    if (!facilities || !registered) return;
    const birthDay = dayNumber(birthDate);
    const visit = (day: number, type: VisitType, sickLeaveWanted: boolean, forced?: Diagnosis, stayDays?: number) => {
      const visitId = visitIds.next();
      if (visitId === undefined) return;
      const ageThen = Math.max(0, Math.floor((day - birthDay) / 365.2425));
      let facility: FacilityRecord;
      if (sickLeaveWanted) facility = pick(facilities.sickLeave.length > 0 ? facilities.sickLeave : facilities.outpatient, random);
      else if (type === 'outpatient') facility = random() < 0.55 ? registered : pick(facilities.outpatient, random);
      else if (type === 'inpatient') facility = pick(facilities.inpatient, random);
      else facility = pick(facilities.emergency.length > 0 ? facilities.emergency : facilities.inpatient, random);
      const diagnosis = forced ?? ctx.diagnosis(type, ageThen, sex)(random);
      let total: number;
      let admitted: number;
      let discharged: number | null;
      if (type === 'outpatient') {
        total = facility.kind === 'commune_station' ? 30_000 + 1000 * int(random, 0, 270) : Math.round((100_000 * Math.exp(random() * Math.log(15))) / 1000) * 1000;
        admitted = int(random, 7 * 60, 16 * 60 + 30);
        discharged = admitted + int(random, 30, 180);
      } else if (type === 'inpatient') {
        total = Math.round((2_000_000 * Math.exp(random() * Math.log(20))) / 1000) * 1000;
        admitted = int(random, 7 * 60, 17 * 60);
        discharged = (stayDays ?? int(random, 1, 14)) * 1440 + int(random, 8 * 60, 11 * 60);
      } else {
        total = Math.round((500_000 * Math.exp(random() * Math.log(10))) / 1000) * 1000;
        admitted = int(random, 0, 1439);
        discharged = admitted + int(random, 120, 720);
      }
      const date = dateOf(day);
      const visitMonth = monthIndex(date);
      const paid = bhytShare(total, cardLevel, baseSalaryOfMonth(visitMonth), facility.kind === 'commune_station');
      const dischargeDay = day + Math.floor(discharged / 1440);
      const working = segmentAt(jobs, visitMonth) !== undefined;
      const documents: string[] = [];
      if (facility.issuesSickLeave && (sickLeaveWanted || (working && type !== 'emergency' && random() < 0.06))) documents.push('sick_leave');
      if (type === 'inpatient') documents.push('discharge_paper');
      out.chunk.medical_visits.push([
        visitId, id, cardCode, facility.code, localTimestamp(day, admitted),
        dischargeDay <= AS_OF_DAY ? localTimestamp(day, discharged) : null, type, diagnosis.code, diagnosis.name, total,
        paid, total - paid, documents.length > 0 ? documents : null,
      ]);
    };
    for (const special of specialVisits) {
      if (special.day >= birthDay && special.day < AS_OF_DAY) visit(special.day, special.type, special.sickLeave, special.diagnosis, special.days);
    }
    const asOfYear = Number(DATA_AS_OF.slice(0, 4));
    for (let year = Math.max(VISITS_FROM_YEAR, birthYear); year <= asOfYear; year++) {
      const first = Math.max(dayNumber(`${year}-01-01`), birthDay);
      const last = Math.min(dayNumber(`${year}-12-31`), AS_OF_DAY - 1);
      if (last < first) continue;
      const ageThen = year - birthYear;
      const rate = ageThen < 6 ? 2.2 : ageThen < 18 ? 0.7 : ageThen < 40 ? (sex === 'female' ? 1 : 0.7) : ageThen < 60 ? 1.4 : ageThen < 75 ? 2.6 : 3.3;
      const count = poisson(random, (rate * (last - first + 1)) / 365);
      for (let k = 0; k < count; k++) {
        const r = random();
        const type: VisitType = r < 0.88 ? 'outpatient' : r < 0.96 ? 'inpatient' : 'emergency';
        visit(int(random, first, last), type, false);
      }
    }
  }
}

function householdContext(ctx: PopulationContext, householdNumber: number, random: Random): HouseholdContext {
  const commune = ctx.sampleCommune(random);
  const info = ctx.ref.communes.get(commune.code);
  if (!info) throw new Error(`Unknown commune ${commune.code}`);
  const mountain = MOUNTAIN_PROVINCES.has(commune.provinceCode) && commune.kind === 'xa';
  const r = random();
  const poverty = r < (mountain ? 0.1 : 0.03) ? 'HN' : r < (mountain ? 0.16 : 0.06) ? 'CN' : null;
  const e = random();
  const ethnic = mountain && e < 0.55 ? 'DT' : mountain && e < 0.6 ? 'DK' : null;
  const residence = ethnic === 'DT' ? (random() < 0.6 ? 'K1' : 'K2') : ethnic === 'DK' ? 'K2' : poverty === 'HN' && mountain ? 'K1' : null;
  return {
    info,
    code: `${info.oldProvinceCode}${digits(ctx.perm.household(householdNumber % 100_000_000), 8)}`,
    street: streetLine(commune, random),
    poverty,
    ethnic,
    residence,
  };
}

export function emptyChunk(): PopulationChunk {
  return { households: [], people: [], bhyt_cards: [], participation_periods: [], benefit_payments: [], medical_visits: [] };
}

/** Generates the blocks [fromBlock, toBlock) into the sinks: every household and person whose index is < ctx.people. */
export function generateInto(ctx: PopulationContext, fromBlock: number, toBlock: number, sinks: PopulationSinks): void {
  const out = { chunk: sinks };
  for (let block = fromBlock; block < toBlock; block++) {
    const blockRandom = seededRandom(`${ctx.seed}:block:${block}`);
    let slot = 0;
    let number = 0;
    while (slot < BLOCK_SIZE) {
      const size = Math.min(householdSize(blockRandom), BLOCK_SIZE - slot);
      const first = block * BLOCK_SIZE + slot;
      if (first >= ctx.people) return;
      const householdNumber = block * BLOCK_SIZE + number;
      const random = seededRandom(`${ctx.seed}:household:${householdNumber}`);
      const household = householdContext(ctx, householdNumber, random);
      const members = composeHousehold(size, random).slice(0, size);
      sinks.households.push([household.code, household.info.province.code, household.info.commune.code, household.street]);
      for (const [k, spec] of members.entries()) {
        if (first + k >= ctx.people) break;
        generatePerson(ctx, first + k, spec, household, out);
      }
      slot += size;
      number += 1;
    }
  }
}

/** The blocks [fromBlock, toBlock) as row arrays. */
export function generateBlocks(ctx: PopulationContext, fromBlock: number, toBlock: number): PopulationChunk {
  const chunk = emptyChunk();
  generateInto(ctx, fromBlock, toBlock, chunk);
  return chunk;
}

/** A chunk as COPY data (UTF-8 bytes) per table, with its row count. */
export type ChunkData = Record<PopulationTable, { data: Uint8Array<ArrayBuffer>; rows: number }>;

/** Serialises rows into a growing byte buffer as they come: no row array outlives its row. */
class ByteSink implements RowSink {
  private buffer = Buffer.allocUnsafeSlow(1 << 16);
  private length = 0;
  private pending = '';
  private pendingRows = 0;
  rows = 0;

  constructor(private readonly serialise: (row: Row) => string = copyLine) {}

  push(row: Row): void {
    // Lines are encoded in small batches: fewer (costly) encoder calls, and the batch string dies young.
    this.pending += this.serialise(row);
    this.rows += 1;
    if (++this.pendingRows >= 64) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const needed = this.length + this.pending.length * 3;
    if (needed > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, needed));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(this.pending, this.length);
    this.pending = '';
    this.pendingRows = 0;
  }

  /** The bytes written, in an ArrayBuffer of their own (transferable between threads). */
  data(): Uint8Array<ArrayBuffer> {
    this.flush();
    const data = new Uint8Array(this.length);
    data.set(this.buffer.subarray(0, this.length));
    return data;
  }
}

/** A chunk as COPY data per table (what the loader sends; also what the generator workers post back). */
export function generateChunkData(ctx: PopulationContext, fromBlock: number, toBlock: number): ChunkData {
  const sinks = {
    households: new ByteSink(),
    people: new ByteSink(),
    bhyt_cards: new ByteSink(),
    // The two big tables hold only numbers, dates and our own constant labels: no escaping to look for.
    participation_periods: new ByteSink(plainCopyLine),
    benefit_payments: new ByteSink(),
    medical_visits: new ByteSink(plainCopyLine),
  };
  generateInto(ctx, fromBlock, toBlock, sinks);
  const result = {} as ChunkData;
  for (const table of Object.keys(COLUMNS) as PopulationTable[]) {
    result[table] = { data: sinks[table].data(), rows: sinks[table].rows };
  }
  return result;
}
