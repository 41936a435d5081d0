// Card checks at the facility desk and from hospital systems, visits, the citizen's inbox and disputes, the agency's
// flags, cases and revocations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessCasePage,
  cardFlagPage,
  checkResult,
  closeVisitRequest,
  deskCheckRequest,
  deskVisit,
  deskVisitPage,
  disputeParams,
  disputeRequest,
  disputeResponse,
  hospitalCheckRequest,
  hospitalCheckResponse,
  hospitalTokenRequest,
  hospitalTokenResponse,
  idParams,
  notificationPage,
  officerFlagQuery,
  openVisitRequest,
  paginationQuery,
  recordSubjectParams,
  revokeCardRequest,
  visitParams,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { principalOf } from '../../platform/auth.ts';
import { errorResponses } from '../../platform/errors.ts';
import { languageOf } from '../../platform/i18n.ts';
import type { Services } from '../../platform/services.ts';
import { resolveSubject } from '../people/service.ts';
import { checkLedgerOf } from './ledger-writer.ts';
import * as verify from './service.ts';

const imageBytes = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The portrait (image/jpeg, image/png or image/webp)', type: 'string', format: 'binary' });

export const verifyRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async (app, { db, services }) => {
  // Checks still waiting for their batch are written before the database closes (requests await them anyway).
  app.addHook('onClose', async () => checkLedgerOf(db).flush());
  const desk = { roles: ['facility'] } as const;
  const deskTags = ['Facility desk'];

  app.post(
    '/facility/checks',
    {
      config: desk,
      schema: {
        tags: deskTags,
        summary: 'Check a card: the app QR, a printed card QR, or a typed BHXH code / card code / personal ID',
        description:
          'Typed numbers need `fullName` and `birthDate` (dd/mm/yyyy or yyyy), as the national service. An app QR the ' +
          'desk verified offline is sent later with `scannedAt`. The answer has the result code (maKetQua), its meaning, ' +
          'and only the card facts needed at admission. Every check is recorded, shown to the card holder, and counted ' +
          'against the facility’s per-minute limit and daily quota.',
        body: deskCheckRequest,
        response: { 200: checkResult, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) =>
      verify.deskCheck(db, services, principalOf(request), request.body, {
        requestId: request.id,
        language: languageOf(request.headers['accept-language']),
      }),
  );

  app.get(
    '/facility/checks/:id/photo',
    {
      config: desk,
      schema: {
        tags: deskTags,
        summary: 'The card holder’s portrait, for a valid check made at this desk in the last hour',
        params: idParams,
        response: { 200: imageBytes, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const image = await verify.checkPhoto(db, services, principalOf(request), request.params.id);
      void reply.header('cache-control', 'no-store').type(image.mimeType);
      return image.content;
    },
  );

  app.post(
    '/facility/visits',
    {
      config: desk,
      schema: {
        tags: deskTags,
        summary: 'Open a visit (check-in) from a valid check made at this facility in the last 24 hours',
        description: 'Errors: CHECK_NOT_VALID (409). A check of another facility answers 404.',
        body: openVisitRequest,
        response: { 201: deskVisit, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const visit = await verify.openVisit(db, services, principalOf(request), request.body.checkId, request.body.visitType);
      reply.code(201);
      return visit;
    },
  );

  app.post(
    '/facility/visits/:visitId/close',
    {
      config: desk,
      schema: {
        tags: deskTags,
        summary: 'Close a visit with its diagnosis (ICD-10) and cost; the fund’s share follows the card’s benefit level',
        params: visitParams,
        body: closeVisitRequest,
        response: { 200: deskVisit, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => verify.closeVisit(db, services, principalOf(request), request.params.visitId, request.body),
  );

  app.get(
    '/facility/visits',
    {
      config: desk,
      schema: {
        tags: deskTags,
        summary: 'Visits opened at this desk’s facility (open ones first by default)',
        querystring: paginationQuery.extend({ status: z.enum(['open', 'closed']).default('open') }),
        response: { 200: deskVisitPage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => verify.facilityVisits(db, principalOf(request), request.query.status, request.query.page, request.query.pageSize),
  );

  // ---- Hospital systems (client credentials; field names of the national service) ----
  const hospitalTags = ['Hospital systems'];

  app.post(
    '/hospital/token',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: hospitalTags,
        summary: 'A 50-minute access token for a facility’s hospital information system (client credentials)',
        body: hospitalTokenRequest,
        response: { 200: hospitalTokenResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => verify.issueHospitalToken(db, services, request.body.clientId, request.body.clientSecret),
  );

  app.post(
    '/hospital/check-card',
    {
      // Not a user session: the hospital token is checked here instead of by the gate.
      config: { public: true, rateLimit: { max: 1200, timeWindow: '1 minute' } },
      schema: {
        tags: hospitalTags,
        summary: 'Check a card (KQNhanLichSuKCB2024 fields): maThe, hoTen, ngaySinh, hoTenCb, cccdCb → maKetQua, ghiChu, …',
        description:
          'Authorization: Bearer <token from /hospital/token>. The staff member (hoTenCb, cccdCb) must be on the facility’s ' +
          'registered list: 054 when the ID is not, 055 when the name does not match. `maLK` ties the check to the ' +
          'facility’s encounter.',
        body: hospitalCheckRequest,
        response: { 200: hospitalCheckResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const client = await verify.hospitalClientOf(db, services, request.headers.authorization);
      return verify.hospitalCheck(db, services, client, request.body, {
        requestId: request.id,
        language: languageOf(request.headers['accept-language']),
      });
    },
  );

  // ---- The citizen: inbox and "this wasn't me" ----
  const citizenTags = ['Personal records'];

  app.get(
    '/me/notifications',
    {
      config: { roles: ['citizen'] },
      schema: {
        tags: citizenTags,
        summary: 'Notifications, newest first, with the number unread',
        querystring: paginationQuery,
        response: { 200: notificationPage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) =>
      verify.listNotifications(db, principalOf(request), request.query.page, request.query.pageSize, languageOf(request.headers['accept-language'])),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { roles: ['citizen'] },
      schema: { tags: citizenTags, summary: 'Mark every notification read', response: { 204: z.null(), ...errorResponses(401, 403, 429) } },
    },
    async (request, reply) => {
      await verify.markAllRead(db, services, principalOf(request));
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/people/:subject/access-events/:accessEventId/dispute',
    {
      config: { roles: ['citizen'], rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: citizenTags,
        summary: '"This wasn’t me": open a case about one entry of the access ledger for the social insurance office',
        params: recordSubjectParams.extend(disputeParams.shape),
        body: disputeRequest,
        response: { 201: disputeResponse, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const access = await resolveSubject(db, services, principal, request.params.subject, undefined, request.id);
      const opened = await verify.disputeAccess(db, services, access.personId, principal.accountId, request.params.accessEventId, request.body.note);
      reply.code(201);
      return opened;
    },
  );

  // ---- The agency ----
  const officer = { roles: ['officer'] } as const;
  const officerTags = ['Officer: card checks'];

  app.get(
    '/officer/card-flags',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Flagged checks in the agency’s province: two facilities within hours, outside hours, daily quota',
        querystring: officerFlagQuery,
        response: { 200: cardFlagPage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => verify.officerFlags(db, principalOf(request), request.query.status, request.query.page, request.query.pageSize),
  );

  app.get(
    '/officer/access-cases',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: '"This wasn’t me" cases of people in the agency’s province',
        querystring: officerFlagQuery,
        response: { 200: accessCasePage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => verify.officerCases(db, principalOf(request), request.query.status, request.query.page, request.query.pageSize),
  );

  app.post(
    '/officer/card-revocations',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Revoke a card of a person in the agency’s province; the next online check answers 110',
        description: 'Errors: CARD_ALREADY_REVOKED (409). A card of another province answers 404.',
        body: revokeCardRequest,
        response: {
          200: z.object({ cardCode: z.string(), status: z.literal('revoked'), at: z.string() }),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request) => verify.revokeCard(db, services, principalOf(request), request.body, request.id),
  );
};
