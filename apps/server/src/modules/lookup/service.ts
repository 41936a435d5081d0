import {
  agency,
  type AgencyList,
  type AgencySearchQuery,
  facility,
  type FacilityPage,
  type FacilitySearchQuery,
  foldVietnamese,
  vietnamDate,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as repo from './repo.ts';

export async function communesOfProvince(db: Db, provinceCode: string) {
  if (!(await repo.findProvince(db, provinceCode))) throw notFound();
  return { items: (await repo.listCommunes(db, provinceCode)).map((c) => ({ ...c, kind: communeKind(c.kind) })) };
}

function communeKind(kind: string): 'xa' | 'phuong' | 'dac_khu' {
  return kind === 'phuong' || kind === 'dac_khu' ? kind : 'xa';
}

export async function searchFacilityPage(db: Db, query: FacilitySearchQuery): Promise<FacilityPage> {
  const words = query.q ? foldVietnamese(query.q).split(' ').filter(Boolean) : [];
  const { total, rows } = await repo.searchFacilities(
    db,
    {
      provinceCode: query.province,
      communeCode: query.commune,
      words,
      level: query.level,
      acceptsInitialRegistration: query.acceptsInitialRegistration,
      issuesSickLeave: query.issuesSickLeave,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((row) => facility.parse(row)), page: query.page, pageSize: query.pageSize, total };
}

/** Offices nearest first from a point, or from a chosen commune standing in for the device location. */
export async function nearestAgencies(db: Db, query: AgencySearchQuery, now = new Date()): Promise<AgencyList> {
  let origin: AgencyList['origin'] = null;
  if (query.lat !== undefined && query.lon !== undefined) {
    origin = { lat: query.lat, lon: query.lon, source: 'point' };
  } else if (query.commune) {
    const commune = await repo.findCommune(db, query.commune);
    if (!commune) {
      throw new AppError('VALIDATION_FAILED', 400, { fields: { commune: { key: 'unknownCommune' } } });
    }
    origin = { lat: commune.lat, lon: commune.lon, source: 'commune' };
  }
  const rows = await repo.findAgencies(db, {
    provinceCode: query.province,
    kind: query.kind,
    origin: origin ?? undefined,
    today: vietnamDate(now),
    limit: query.limit,
  });
  return {
    items: rows.map((row) =>
      agency.parse({ ...row, distanceKm: row.distanceKm === null ? null : Math.round(row.distanceKm * 100) / 100 }),
    ),
    origin,
  };
}
