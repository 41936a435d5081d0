// A person's records — /api/v1/people/:subject/… (subject = `me`, or a child's person id for a parent, or any person
// of the officer's province with `?purpose=`) — the card-key set at /.well-known/jwks.json, and key rotation.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AccessPurpose,
  accessEventPage,
  benefitPage,
  benefitsQuery,
  cardResponse,
  credentialRequest,
  credentialResponse,
  jwkSet,
  medicalHistory,
  medicalQuery,
  paginationQuery,
  participationPage,
  participationQuery,
  participationSummary,
  profile,
  recordSubjectParams,
  type RecordSubject,
  staffAccessQuery,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { recordAudit } from '../../platform/audit.ts';
import { principalOf } from '../../platform/auth.ts';
import { errorResponses } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import * as people from './service.ts';

const TAGS = ['Personal records'];
const READERS = { roles: ['citizen', 'officer'] } as const;
const SUBJECT_HELP =
  '`subject` is `me`, the person id of a registered child under 18 (parents), or — for officers, with `purpose` — a ' +
  'person of the agency’s province. Every read by someone other than the person is recorded in the person’s access ' +
  'ledger. Anything else answers 404.';

export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async (app, { db, services }) => {
  const access = (request: FastifyRequest, subject: RecordSubject, purpose?: AccessPurpose) =>
    people.resolveSubject(db, services, principalOf(request), subject, purpose, request.id);

  app.get(
    '/people/:subject/profile',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'Profile: name, codes, birth date, contact, address (with the pre-2025 units it was formed from)',
        description: SUBJECT_HELP,
        params: recordSubjectParams,
        querystring: staffAccessQuery,
        response: { 200: profile, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readProfile(db, services, await access(request, request.params.subject, request.query.purpose)),
  );

  app.get(
    '/people/:subject/card',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'The BHYT card as printed on the card face, or null when the person holds none',
        description: SUBJECT_HELP,
        params: recordSubjectParams,
        querystring: staffAccessQuery,
        response: { 200: cardResponse, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readCard(db, services, await access(request, request.params.subject, request.query.purpose)),
  );

  app.post(
    '/people/:subject/card/credential',
    {
      config: { roles: ['citizen'], rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: TAGS,
        summary: 'A signed card credential bound to this device’s key, for the offline QR',
        description:
          'The device generates a key pair (WebCrypto, non-extractable private key) and sends the public key. The answer ' +
          'is the agency-signed credential (valid 30 days); the app appends a device signature over the current time to ' +
          'show it as a QR (see packages/shared/src/credential). Errors: DEVICE_KEY_INVALID (400), NO_ACTIVE_CARD (409).',
        params: recordSubjectParams,
        body: credentialRequest,
        response: { 200: credentialResponse, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) =>
      people.issueCredential(
        db,
        services,
        await access(request, request.params.subject),
        request.body,
      ),
  );

  app.get(
    '/people/:subject/participation',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'Totals per scheme (BHXH, BHYT, BHTN, BHTNLĐ-BNN): months paid, months and amount in employer arrears',
        description: SUBJECT_HELP,
        params: recordSubjectParams,
        querystring: staffAccessQuery,
        response: { 200: participationSummary, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readParticipationSummary(db, services, await access(request, request.params.subject, request.query.purpose)),
  );

  app.get(
    '/people/:subject/participation/periods',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'Participation periods of one scheme, newest first, with employer, occupation, salary base, contribution',
        description: `${SUBJECT_HELP} Months with status \`arrears\` were declared by the employer but not paid.`,
        params: recordSubjectParams,
        querystring: participationQuery.extend(staffAccessQuery.shape),
        response: { 200: participationPage, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readParticipation(db, services, await access(request, request.params.subject, request.query.purpose), request.query),
  );

  app.get(
    '/people/:subject/benefits',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'Benefits received: one-time BHXH, sickness, maternity, convalescence, pension and adjustments, unemployment',
        description: SUBJECT_HELP,
        params: recordSubjectParams,
        querystring: benefitsQuery.extend(staffAccessQuery.shape),
        response: { 200: benefitPage, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readBenefits(db, services, await access(request, request.params.subject, request.query.purpose), request.query),
  );

  app.get(
    '/people/:subject/medical-visits',
    {
      config: READERS,
      schema: {
        tags: TAGS,
        summary: 'Medical history since 2017: totals per year, and the visits of one year (default: the latest)',
        description: SUBJECT_HELP,
        params: recordSubjectParams,
        querystring: medicalQuery.extend(staffAccessQuery.shape),
        response: { 200: medicalHistory, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => people.readMedicalHistory(db, services, await access(request, request.params.subject, request.query.purpose), request.query),
  );

  app.get(
    '/people/:subject/access-events',
    {
      config: { roles: ['citizen'] },
      schema: {
        tags: TAGS,
        summary: 'Who looked at my data: every read by a parent, officer, facility or hospital system, newest first',
        params: recordSubjectParams,
        querystring: paginationQuery,
        response: { 200: accessEventPage, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) =>
      people.readAccessEvents(
        db,
        await access(request, request.params.subject),
        request.query,
      ),
  );

  app.post(
    '/admin/card-keys/rotate',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['Administration'],
        summary: 'Start signing card credentials with a new key (the old one stays published for 31 days)',
        response: { 200: z.object({ kid: z.string() }), ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => {
      const key = await services.cardKeys.rotate();
      await recordAudit(db, {
        actorType: 'admin',
        actorId: principalOf(request).accountId,
        action: 'card_key.rotate',
        subjectType: 'card_signing_key',
        subjectId: key.kid,
        requestId: request.id,
      });
      return { kid: key.kid };
    },
  );
};

/** /.well-known/jwks.json: public, cacheable; facility desks keep a copy to verify QR codes offline. */
export const jwksRoute: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/.well-known/jwks.json',
    {
      config: { public: true },
      schema: {
        tags: ['Card credential'],
        summary: 'The agency keys that sign card credentials (current and recently retired)',
        response: { 200: jwkSet, ...errorResponses(429) },
      },
    },
    async (_request, reply) => {
      // Make sure a key exists before anyone asks for a credential signed with it.
      await services.cardKeys.signingKey();
      void reply.header('cache-control', 'public, max-age=3600');
      return { keys: await services.cardKeys.publishedKeys() };
    },
  );
};
