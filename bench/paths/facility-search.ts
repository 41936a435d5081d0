// Facility search: accent-free text within a province (its prepared statement), first page, as the look-up tab asks it.
import type { HotPath } from '../lib/types.ts';
import { expectOk } from './http.ts';

const PHRASES = ['benh vien', 'tram y te', 'da khoa', 'trung tam y te', 'phong kham'];

export const facilitySearch: HotPath = {
  name: 'facility-search',
  description: 'GET /api/v1/facilities?q=…&province=… (folded text over name and address, count + first page)',
  baseline: 'fastify-pk-select',
  async prepare({ baseUrl }) {
    const provinces = (await (await expectOk(fetch(`${baseUrl}/api/v1/provinces`), 'provinces')).json()) as { items: Array<{ code: string }> };
    // Every phrase in every province, in turn: no single query's plan or cache decides the figure.
    const queries = provinces.items.flatMap(({ code }) => PHRASES.map((q) => `/api/v1/facilities?q=${encodeURIComponent(q)}&province=${code}`));
    await expectOk(fetch(`${baseUrl}${queries[0] ?? ''}`), 'facility search');
    let next = 0;
    return { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: queries[next++ % queries.length] }) }] };
  },
};
