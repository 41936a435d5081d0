// Reference data that public screens read on every request and that changes only by a reference load or a
// migration, kept in the server's memory for a minute per database handle. Each says why serving it that old is safe.
import { vietnamDate } from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { ttlCachePerHandle } from '../../platform/ttl-cache.ts';
import * as repo from './repo.ts';

const DIRECTORY_MS = 60_000;

/**
 * The offices in force on a day. "Offices near me" is a public screen opened with every visit to the app's map, and
 * the whole directory is a few hundred rows that change only by a reference load: read from the database on each
 * request, PostgreSQL planned the distance query every time (its generic plan lost to each custom one) and computed
 * ~250 distances for a page of 10, and PGlite did the same on the server's own thread. Up to a minute old is safe: an
 * office opened, moved or renamed by a load shows within the minute; one that closes at midnight leaves at midnight,
 * since the day is the key.
 */
const officeDirectory = ttlCachePerHandle<string, repo.AgencyRow[]>(DIRECTORY_MS, 2);

export function officesInForce(db: Db, now: Date): Promise<repo.AgencyRow[]> {
  const today = vietnamDate(now);
  return officeDirectory(db).get(today, () => repo.agenciesInForce(db, today), now.getTime());
}

type ProvinceRow = Awaited<ReturnType<typeof repo.listProvinces>>[number];
type OldProvinceRow = Awaited<ReturnType<typeof repo.listOldProvinces>>[number];

export interface ProvinceDirectory {
  provinces: ProvinceRow[];
  oldProvinces: OldProvinceRow[];
  province: ReadonlyMap<string, ProvinceRow>;
  oldProvince: ReadonlyMap<string, OldProvinceRow>;
}

/**
 * The 34 provinces and the 63 old ones with the province that took each in. Every BHXH-code look-up resolves its
 * province code (a round-trip of its four until now) and the address pickers list them; they change only by a
 * migration (the 2025 reform was one), so a minute old is safe.
 */
const provinceDirectories = ttlCachePerHandle<'all', ProvinceDirectory>(DIRECTORY_MS, 1);

export function provinceDirectory(db: Db, now: Date): Promise<ProvinceDirectory> {
  return provinceDirectories(db).get(
    'all',
    async () => {
      const [provinces, oldProvinces] = await Promise.all([repo.listProvinces(db), repo.listOldProvinces(db)]);
      return {
        provinces,
        oldProvinces,
        province: new Map(provinces.map((row) => [row.code, row])),
        oldProvince: new Map(oldProvinces.map((row) => [row.code, row])),
      };
    },
    now.getTime(),
  );
}
