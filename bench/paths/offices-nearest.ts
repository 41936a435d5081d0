// Nearest BHXH offices to the device's location (haversine over the offices in force, ordered, first 10).
import type { HotPath } from '../lib/types.ts';
import { expectOk } from './http.ts';

/** Fixed pseudo-random points over Vietnam's mainland box, the same every run. */
function points(count: number): Array<{ lat: number; lon: number }> {
  let state = 20_261_123;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => ({ lat: 8.6 + random() * 14.7, lon: 102.2 + random() * 7.2 }));
}

export const officesNearest: HotPath = {
  name: 'offices-nearest',
  description: 'GET /api/v1/agencies?lat=…&lon=… (distance to every office in force, nearest 10)',
  baseline: 'fastify-pk-select',
  async prepare({ baseUrl }) {
    const queries = points(500).map(({ lat, lon }) => `/api/v1/agencies?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&limit=10`);
    await expectOk(fetch(`${baseUrl}${queries[0] ?? ''}`), 'nearest offices');
    let next = 0;
    return { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: queries[next++ % queries.length] }) }] };
  },
};
