import { z } from 'zod';
import { booleanFlag, communeCode, fieldMessage, pageOf, paginationQuery, provinceCode } from './common.ts';

// ---- Administrative units ----

export const province = z.object({ code: z.string(), name: z.string() });
export const provinceList = z.object({ items: z.array(province) });
export const commune = z.object({ code: z.string(), name: z.string(), kind: z.enum(['xa', 'phuong', 'dac_khu']) });
export const communeList = z.object({ items: z.array(commune) });
export const provinceParams = z.object({ provinceCode });

// ---- Medical facilities ----

export const FACILITY_LEVELS = ['ban_dau', 'co_ban', 'chuyen_sau'] as const;
export const facilityLevel = z.enum(FACILITY_LEVELS);
export const FACILITY_KINDS = ['hospital', 'health_centre', 'clinic', 'commune_station'] as const;

export const facilitySearchQuery = paginationQuery.extend({
  province: provinceCode.optional(),
  commune: communeCode.optional(),
  /** Free text, accent- and case-insensitive: "benh vien da khoa" finds "Bệnh viện Đa khoa…". */
  q: z.string().trim().min(2).max(100).optional(),
  level: facilityLevel.optional(),
  acceptsInitialRegistration: booleanFlag.optional(),
  issuesSickLeave: booleanFlag.optional(),
});
export type FacilitySearchQuery = z.infer<typeof facilitySearchQuery>;

export const facility = z.object({
  code: z.string(),
  name: z.string(),
  level: facilityLevel,
  kind: z.enum(FACILITY_KINDS),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string(),
  phone: z.string(),
  lat: z.number(),
  lon: z.number(),
  acceptsInitialRegistration: z.boolean(),
  issuesSickLeave: z.boolean(),
  isSynthetic: z.boolean(),
});
export type Facility = z.infer<typeof facility>;
export const facilityPage = pageOf(facility);
export type FacilityPage = z.infer<typeof facilityPage>;

// ---- BHXH agencies ----

export const AGENCY_KINDS = ['provincial', 'local'] as const;

/** Vietnam including its islands; anything outside is a typo, not a place. */
const latitude = z.coerce.number().min(6).max(24);
const longitude = z.coerce.number().min(102).max(118);

export const agencySearchQuery = z
  .object({
    lat: latitude.optional(),
    lon: longitude.optional(),
    /** A chosen commune stands in for the device location. */
    commune: communeCode.optional(),
    province: provinceCode.optional(),
    kind: z.enum(AGENCY_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), {
    ...fieldMessage('latitudeWithLongitude'),
    path: ['lat'],
  });
export type AgencySearchQuery = z.infer<typeof agencySearchQuery>;

export const agency = z.object({
  code: z.string(),
  kind: z.enum(AGENCY_KINDS),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  openingHours: z.string(),
  lat: z.number(),
  lon: z.number(),
  /** Great-circle distance from the origin in km, or null when no origin was given. */
  distanceKm: z.number().nullable(),
  isSynthetic: z.boolean(),
});
export type Agency = z.infer<typeof agency>;
export const agencyList = z.object({
  items: z.array(agency),
  origin: z.object({ lat: z.number(), lon: z.number(), source: z.enum(['point', 'commune']) }).nullable(),
});
export type AgencyList = z.infer<typeof agencyList>;
