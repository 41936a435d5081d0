// Public look-ups (no sign-in): administrative units, medical facilities, BHXH offices, employer units, collection
// points, and the BHXH-code look-up with its abuse protection.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agencyPage,
  BHXH_LOOKUP_MAX_RESULTS,
  agencySearchQuery,
  bhxhCodeLookupRequest,
  bhxhCodeLookupResult,
  collectionPointPage,
  collectionPointSearchQuery,
  communeList,
  employerPage,
  employerSearchQuery,
  facilityPage,
  facilitySearchQuery,
  lookupChallenge,
  oldDistrictList,
  oldProvinceList,
  provinceList,
  provinceParams,
} from '@vssid/shared';
import type { LookupProtection } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { errorResponses } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { lookUpBhxhCode, lookupChallengeFor } from './bhxh-code.ts';
import { provinceDirectory } from './directories.ts';
import { flushLookupLogs } from './repo.ts';
import * as lookup from './service.ts';

/** Directory look-ups are cheap but listable: a tighter limit than the global one keeps bulk copying slow. */
const DIRECTORY_PER_MINUTE = 120;
/** The BHXH-code look-up: bursts are cut here, the 10-minute windows and the proof of work are in abuse.ts. */
const CODE_LOOKUP_PER_MINUTE = 20;

interface LookupOptions {
  db: Db;
  services: Services;
  lookupProtection: LookupProtection;
  /** The global limit per address: route limits only ever tighten it. */
  publicRateLimitPerMinute: number;
}

export const lookupRoutes: FastifyPluginAsyncZod<LookupOptions> = async (app, options) => {
  const { db, services, lookupProtection } = options;
  // Look-ups still waiting for their log batch are written before the database closes (requests await them anyway).
  app.addHook('onClose', async () => flushLookupLogs(db));
  const perMinute = (max: number) => ({ max: Math.min(max, options.publicRateLimitPerMinute), timeWindow: '1 minute' });
  // Public: usable before signing in (the gate denies every other /api route to anonymous callers).
  const directory = { public: true, rateLimit: perMinute(DIRECTORY_PER_MINUTE) };
  const codeLookup = { public: true, rateLimit: perMinute(CODE_LOOKUP_PER_MINUTE) };
  const tags = ['Look-ups'];

  app.get(
    '/provinces',
    {
      config: directory,
      schema: {
        tags,
        summary: 'The 34 provinces and centrally-run cities in force since 1 July 2025',
        response: { 200: provinceList, ...errorResponses(429) },
      },
    },
    async () => ({ items: (await provinceDirectory(db, services.clock.now())).provinces }),
  );

  app.get(
    '/provinces/:provinceCode/communes',
    {
      config: directory,
      schema: {
        tags,
        summary: 'Communes, wards and special zones of a province',
        params: provinceParams,
        response: { 200: communeList, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => lookup.communesOfProvince(db, request.params.provinceCode, services.clock.now()),
  );

  app.get(
    '/old-provinces',
    {
      config: directory,
      schema: {
        tags,
        summary: 'The provinces before 1 July 2025 (GSO codes, with Hà Tây) and the province that took each in',
        response: { 200: oldProvinceList, ...errorResponses(429) },
      },
    },
    async () => ({ items: (await provinceDirectory(db, services.clock.now())).oldProvinces }),
  );

  app.get(
    '/old-provinces/:provinceCode/districts',
    {
      config: directory,
      schema: {
        tags,
        summary: 'The districts of an old province (abolished on 1 July 2025), for searching by old district',
        params: provinceParams,
        response: { 200: oldDistrictList, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => lookup.districtsOfOldProvince(db, request.params.provinceCode, services.clock.now()),
  );

  app.get(
    '/facilities',
    {
      config: directory,
      schema: {
        tags,
        summary: 'Medical facilities contracted for BHYT',
        description:
          'Filter by province, commune or old district (`oldDistrict`), level and services (initial registration, sick-leave certificates); `q` is accent- and case-insensitive free text over the name and address. With `lat`+`lon` the nearest come first, with their distance, optionally within `maxDistanceKm`. Paginated.',
        querystring: facilitySearchQuery,
        response: { 200: facilityPage, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.searchFacilityPage(db, request.query),
  );

  app.get(
    '/agencies',
    {
      config: directory,
      schema: {
        tags,
        summary: 'BHXH offices, nearest first',
        description:
          'Provincial BHXH and BHXH cơ sở offices in force today, with address, phone, e-mail and opening hours. Give `lat`+`lon` (the device location) or `commune` to order by distance. Paginated.',
        querystring: agencySearchQuery,
        response: { 200: agencyPage, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.nearestAgencies(db, request.query, services.clock.now()),
  );

  app.get(
    '/employers',
    {
      config: directory,
      schema: {
        tags,
        summary: 'Employer units participating in BHXH, by name or tax code',
        description:
          'Either `q` (part of the name, accent- and case-insensitive, 3 characters or more) or `taxCode` is required: the list with its representatives’ contacts is not for bulk download. Paginated.',
        querystring: employerSearchQuery,
        response: { 200: employerPage, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.searchEmployerPage(db, request.query),
  );

  app.get(
    '/collection-points',
    {
      config: directory,
      schema: {
        tags,
        summary: 'Collection points and agents for voluntary BHXH and household BHYT',
        description:
          'Filter by province, old district, kind and service; give `lat`+`lon` or `commune` to order by distance. Paginated.',
        querystring: collectionPointSearchQuery,
        response: { 200: collectionPointPage, ...errorResponses(400, 429) },
      },
    },
    async (request) => lookup.searchCollectionPointPage(db, request.query),
  );

  app.post(
    '/bhxh-code-lookups',
    {
      config: codeLookup,
      schema: {
        tags,
        summary: 'Look up a BHXH code by province, full name and one key',
        description: [
          'The full name (accents and case do not matter) and exactly one of `birthDate` (dd-mm-yyyy), `birthYear` or `idNumber` (12-digit CCCD or 9-digit CMND); a name alone is refused with LOOKUP_KEY_REQUIRED. `province` is a 2025 province or an old GSO code (28, Hà Tây, is searched within Hà Nội).',
          `At most ${String(BHXH_LOOKUP_MAX_RESULTS)} people are returned (\`capped\` says more matched). A POST so that names and ID numbers stay out of URLs and logs.`,
          'After a few look-ups from one address or network in 10 minutes the answer is 428 CHALLENGE_REQUIRED: get a challenge from `/bhxh-code-lookups/challenges`, find a nonce such that sha256(challenge + nonce) has `difficulty` leading zero bits, and send `proof: { challenge, nonce }`. Past the hard limits: 429.',
        ].join('\n\n'),
        body: bhxhCodeLookupRequest,
        response: { 200: bhxhCodeLookupResult, ...errorResponses(400, 428, 429) },
      },
    },
    async (request) =>
      lookUpBhxhCode(db, services, lookupProtection, request.body, { ip: request.ip, requestId: request.id }),
  );

  app.post(
    '/bhxh-code-lookups/challenges',
    {
      config: codeLookup,
      schema: {
        tags,
        summary: 'A proof-of-work challenge for the BHXH-code look-up',
        description:
          'Signed, bound to the caller’s network, valid for 5 minutes and for one look-up. The difficulty grows with the look-ups made recently.',
        response: { 201: lookupChallenge, ...errorResponses(429) },
      },
    },
    async (request, reply) => {
      const challenge = await lookupChallengeFor(db, services, lookupProtection, { ip: request.ip, requestId: request.id });
      return reply.code(201).send(challenge);
    },
  );
};
