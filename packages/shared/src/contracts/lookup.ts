import { z } from 'zod';
import { booleanFlag, communeCode, fieldMessage, pageOf, paginationQuery, provinceCode } from './common.ts';
import { personalIdNumber } from './accounts.ts';

// ---- Administrative units ----

export const province = z.object({ code: z.string(), name: z.string() });
export const provinceList = z.object({ items: z.array(province) });
export const commune = z.object({ code: z.string(), name: z.string(), kind: z.enum(['xa', 'phuong', 'dac_khu']) });
export const communeList = z.object({ items: z.array(commune) });
export const provinceParams = z.object({ provinceCode });

/** The provinces before 1 July 2025 (and Hà Tây, merged in 2008): people still think and are registered in them. */
export const oldProvince = z.object({
  code: z.string(),
  name: z.string(),
  newProvinceCode: z.string(),
  newProvinceName: z.string(),
});
export const oldProvinceList = z.object({ items: z.array(oldProvince) });
export const oldDistrict = z.object({ id: z.number().int(), name: z.string() });
export const oldDistrictList = z.object({ items: z.array(oldDistrict) });
export const oldDistrictId = z.coerce.number().int().positive().max(100_000);

// ---- Distance from where the user is ----

/** Vietnam including its islands; anything outside is a typo, not a place. */
const latitude = z.coerce.number().min(6).max(24);
const longitude = z.coerce.number().min(102).max(118);
const originFields = { lat: latitude.optional(), lon: longitude.optional() };
/** Lists nearest first: from the device, or from a chosen commune standing in for it; a province alone filters. */
const nearbyFields = {
  ...originFields,
  commune: communeCode.optional(),
  province: provinceCode.optional(),
};
const bothCoordinates = (q: { lat?: number | undefined; lon?: number | undefined }) =>
  (q.lat === undefined) === (q.lon === undefined);
const bothCoordinatesMessage = { ...fieldMessage('latitudeWithLongitude'), path: ['lat'] };
/** Great-circle distance in km from the origin, or null when no origin was given. */
const distanceKm = z.number().nullable();

/** What every place in a look-up list has: where it is, how to reach it, how far it is. */
const placeFields = {
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string(),
  phone: z.string(),
  lat: z.number(),
  lon: z.number(),
  distanceKm,
  isSynthetic: z.boolean(),
};
export const MAX_DISTANCE_KM = 200;

// ---- Medical facilities ----

export const FACILITY_LEVELS = ['ban_dau', 'co_ban', 'chuyen_sau'] as const;
export const facilityLevel = z.enum(FACILITY_LEVELS);
export const FACILITY_KINDS = ['hospital', 'health_centre', 'clinic', 'commune_station'] as const;

export const facilitySearchQuery = paginationQuery
  .extend({
    province: provinceCode.optional(),
    commune: communeCode.optional(),
    /** A district of the old scheme (see /old-provinces/{code}/districts): the communes that took in its land. */
    oldDistrict: oldDistrictId.optional(),
    /** Free text, accent- and case-insensitive: "benh vien da khoa" finds "Bệnh viện Đa khoa…". */
    q: z.string().trim().min(2).max(100).optional(),
    level: facilityLevel.optional(),
    acceptsInitialRegistration: booleanFlag.optional(),
    issuesSickLeave: booleanFlag.optional(),
    /** The device location: results come nearest first, with their distance. */
    ...originFields,
    maxDistanceKm: z.coerce.number().positive().max(MAX_DISTANCE_KM).optional(),
  })
  .refine(bothCoordinates, bothCoordinatesMessage)
  .refine((q) => q.maxDistanceKm === undefined || q.lat !== undefined, {
    ...fieldMessage('distanceNeedsLocation'),
    path: ['maxDistanceKm'],
  });
export type FacilitySearchQuery = z.infer<typeof facilitySearchQuery>;

export const facility = z.object({
  ...placeFields,
  level: facilityLevel,
  kind: z.enum(FACILITY_KINDS),
  acceptsInitialRegistration: z.boolean(),
  issuesSickLeave: z.boolean(),
});
export type Facility = z.infer<typeof facility>;
export const facilityPage = pageOf(facility);
export type FacilityPage = z.infer<typeof facilityPage>;

// ---- BHXH agencies ----

export const AGENCY_KINDS = ['provincial', 'local'] as const;

export const agencySearchQuery = paginationQuery
  .extend({
    ...nearbyFields,
    kind: z.enum(AGENCY_KINDS).optional(),
    pageSize: paginationQuery.shape.pageSize.unwrap().default(10),
  })
  .refine(bothCoordinates, bothCoordinatesMessage);
export type AgencySearchQuery = z.infer<typeof agencySearchQuery>;

export const agency = z.object({
  ...placeFields,
  kind: z.enum(AGENCY_KINDS),
  email: z.string(),
  openingHours: z.string(),
});
export type Agency = z.infer<typeof agency>;
/** Where distances were measured from: the device, or the centre of a chosen commune. */
export const distanceOrigin = z
  .object({ lat: z.number(), lon: z.number(), source: z.enum(['point', 'commune']) })
  .nullable();
export type DistanceOrigin = z.infer<typeof distanceOrigin>;
export const agencyPage = pageOf(agency).extend({ origin: distanceOrigin });
export type AgencyPage = z.infer<typeof agencyPage>;

// ---- Employer units (đơn vị sử dụng lao động) ----

export const EMPLOYER_KINDS = ['enterprise', 'state_agency', 'cooperative', 'foreign_org', 'other'] as const;

export const employerSearchQuery = paginationQuery
  .extend({
    /** Part of the unit's name, accent- and case-insensitive. */
    q: z.string().trim().min(3).max(100).optional(),
    /** The 10-digit tax code (mã số thuế). */
    taxCode: z.string().trim().regex(/^\d{10}$/, fieldMessage('taxCode')).optional(),
    province: provinceCode.optional(),
  })
  // Listing every employer with its representative's phone is not a look-up: a name or a tax code is needed.
  .refine((q) => q.q !== undefined || q.taxCode !== undefined, { ...fieldMessage('employerSearchTerm'), path: ['q'] });
export type EmployerSearchQuery = z.infer<typeof employerSearchQuery>;

export const employerUnit = z.object({
  unitCode: z.string(),
  taxCode: z.string(),
  name: z.string(),
  kind: z.enum(EMPLOYER_KINDS),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string(),
  representativeName: z.string(),
  representativePhone: z.string(),
  representativeEmail: z.string(),
  isSynthetic: z.boolean(),
});
export type EmployerUnit = z.infer<typeof employerUnit>;
export const employerPage = pageOf(employerUnit);
export type EmployerPage = z.infer<typeof employerPage>;

// ---- Collection points and agents (điểm thu, đại lý thu) ----

export const COLLECTION_POINT_KINDS = ['agent', 'point'] as const;
export const COLLECTION_SERVICES = ['voluntary_bhxh', 'household_bhyt'] as const;

export const collectionPointSearchQuery = paginationQuery
  .extend({
    ...nearbyFields,
    oldDistrict: oldDistrictId.optional(),
    kind: z.enum(COLLECTION_POINT_KINDS).optional(),
    service: z.enum(COLLECTION_SERVICES).optional(),
  })
  .refine(bothCoordinates, bothCoordinatesMessage);
export type CollectionPointSearchQuery = z.infer<typeof collectionPointSearchQuery>;

export const collectionPoint = z.object({
  ...placeFields,
  kind: z.enum(COLLECTION_POINT_KINDS),
  acceptsVoluntaryBhxh: z.boolean(),
  acceptsHouseholdBhyt: z.boolean(),
});
export type CollectionPoint = z.infer<typeof collectionPoint>;
export const collectionPointPage = pageOf(collectionPoint).extend({ origin: distanceOrigin });
export type CollectionPointPage = z.infer<typeof collectionPointPage>;

// ---- The BHXH code look-up (tra cứu mã số BHXH) ----

/** A look-up answers at most this many people; more means the key was too loose. */
export const BHXH_LOOKUP_MAX_RESULTS = 10;

/** dd-mm-yyyy as people write it (dd/mm/yyyy and dd.mm.yyyy too) → the business date 'YYYY-MM-DD'. */
export const dayMonthYear = z
  .string()
  .trim()
  .regex(/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/, fieldMessage('dayMonthYear'))
  .transform((text) => {
    const [day = '', month = '', year = ''] = text.split(/[-/.]/);
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  })
  .refine((iso) => {
    const date = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) && iso >= '1900-01-01';
  }, fieldMessage('dayMonthYear'));

export const bhxhCodeLookupRequest = z.object({
  /** A province of the 34 (since 1 July 2025) or an old GSO province code (e.g. 28, Hà Tây). */
  province: provinceCode,
  /** The full name; accents and case do not matter. */
  fullName: z.string().trim().min(2).max(100),
  // Exactly one key: a name alone never lists people.
  birthDate: dayMonthYear.optional(),
  /** A number, or the digits as typed. */
  birthYear: z.coerce
    .number(fieldMessage('birthYear'))
    .int(fieldMessage('birthYear'))
    .min(1900, fieldMessage('birthYear'))
    .max(2100, fieldMessage('birthYear'))
    .optional(),
  /** Personal ID (CCCD, 12 digits) or old ID card (CMND, 9 digits). */
  idNumber: personalIdNumber.optional(),
  /** A solved challenge, once the API asked for one (CHALLENGE_REQUIRED). */
  proof: z
    .object({
      challenge: z.string().min(1).max(512),
      nonce: z.string().regex(/^[0-9a-z]{1,16}$/, fieldMessage('invalidFormat')),
    })
    .optional(),
});
export type BhxhCodeLookupRequest = z.input<typeof bhxhCodeLookupRequest>;
export type BhxhCodeLookupInput = z.output<typeof bhxhCodeLookupRequest>;

export const bhxhCodeMatch = z.object({
  fullName: z.string(),
  /** 'YYYY-MM-DD', or null when the records only know the year. */
  birthDate: z.string().nullable(),
  birthYear: z.number().int(),
  bhxhCode: z.string(),
  // The detail view:
  householdCode: z.string(),
  /** The address with the house number and lane hidden: commune and province stay readable. */
  maskedAddress: z.string(),
});
export type BhxhCodeMatch = z.infer<typeof bhxhCodeMatch>;

export const bhxhCodeLookupResult = z.object({
  items: z.array(bhxhCodeMatch),
  /** More people matched than are shown: give the full date of birth or the ID number to narrow it. */
  capped: z.boolean(),
  /** The province searched (an old code is searched within the province that took it in). */
  searchedProvince: province,
  oldProvince: province.nullable(),
});
export type BhxhCodeLookupResult = z.infer<typeof bhxhCodeLookupResult>;

export const lookupChallenge = z.object({
  /** Signed by the server; hash it followed by a nonce. */
  challenge: z.string(),
  /** Leading zero bits the sha256 must have. */
  difficulty: z.number().int(),
  expiresAt: z.string(),
});
export type LookupChallenge = z.infer<typeof lookupChallenge>;
