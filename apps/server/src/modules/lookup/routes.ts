// Public look-ups (no sign-in): administrative units, medical facilities, BHXH offices.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agencyList,
  agencySearchQuery,
  communeList,
  facilityPage,
  facilitySearchQuery,
  provinceList,
  provinceParams,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { errorResponses } from '../../platform/errors.ts';
import * as lookup from './service.ts';
import * as repo from './repo.ts';

export const lookupRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  // Public: usable before signing in (the gate denies every other /api route to anonymous callers).
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, public: true };
  });
  app.get(
    '/provinces',
    {
      schema: {
        tags: ['Look-ups'],
        summary: 'The 34 provinces and centrally-run cities in force since 1 July 2025',
        response: { 200: provinceList, ...errorResponses(429) },
      },
    },
    async () => ({ items: await repo.listProvinces(db) }),
  );

  app.get(
    '/provinces/:provinceCode/communes',
    {
      schema: {
        tags: ['Look-ups'],
        summary: 'Communes, wards and special zones of a province',
        params: provinceParams,
        response: { 200: communeList, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => lookup.communesOfProvince(db, request.params.provinceCode),
  );

  app.get(
    '/facilities',
    {
      schema: {
        tags: ['Look-ups'],
        summary: 'Medical facilities contracted for BHYT',
        description:
          'Filter by province, commune, level and services; `q` is accent- and case-insensitive free text over the name and address. Paginated.',
        querystring: facilitySearchQuery,
        response: { 200: facilityPage, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.searchFacilityPage(db, request.query),
  );

  app.get(
    '/agencies',
    {
      schema: {
        tags: ['Look-ups'],
        summary: 'BHXH offices, nearest first',
        description:
          'Provincial BHXH and BHXH cơ sở offices in force today. Give `lat`+`lon` (the device location) or `commune` to order by distance.',
        querystring: agencySearchQuery,
        response: { 200: agencyList, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.nearestAgencies(db, request.query),
  );
};
