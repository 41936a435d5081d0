// Public-service dossiers: the citizen's routes (/dossiers…), the officer's (/officer/dossiers…) and the public
// receipt check. Handlers parse, authorize, call the service and present.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bankList,
  dossierDecisionRequest,
  dossierDetail,
  dossierPage,
  dossierQuery,
  dossierSubmission,
  idParams,
  informationRequest,
  officerDossierDetail,
  officerDossierPage,
  officerDossierQuery,
  paymentArrangementList,
  receiptVerification,
  receiptVerifyQuery,
  resubmissionRequest,
  withdrawalRequest,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { principalOf } from '../../platform/auth.ts';
import { AppError, errorResponses } from '../../platform/errors.ts';
import { languageOf } from '../../platform/i18n.ts';
import type { Services } from '../../platform/services.ts';
import {
  officerAttachment,
  officerQueue,
  officerReceiptRow,
  officerStep,
  viewOfficerDossier,
} from './officer.ts';
import { hasReceipt, receiptPdf, verifyReceiptToken } from './receipt.ts';
import * as repo from './repo.ts';
import type { DossierRow } from './repo.ts';
import {
  listOwnDossiers,
  ownDossier,
  ownPaymentArrangements,
  resubmitDossier,
  submitDossier,
  viewOwnDossier,
  withdrawDossier,
} from './service.ts';

const pdfBytes = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The receipt: application/pdf', type: 'string', format: 'binary' });
const fileBytes = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The image: image/jpeg, image/png or image/webp', type: 'string', format: 'binary' });
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, 'fields.invalidFormat')
    .meta({
      description:
        'A random key per submission (a UUID): a retry with the same key never makes a second dossier',
    }),
});
const attachmentParams = idParams.extend({ fileId: z.string().uuid() });

/** The public page the receipt's QR opens (the web app reads the token and calls /receipts/verify). */
function receiptPageUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/receipt`;
}

export const dossierRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async (
  app,
  { db, services },
) => {
  // Filings still waiting for their batch are written before the database closes (requests await them anyway).
  app.addHook('onClose', async () => repo.flushFilings(db));
  /** The PDF of a decided dossier (either side), named after its number, never cached by the way. */
  async function sendReceipt(request: FastifyRequest, reply: FastifyReply, row: DossierRow): Promise<Buffer> {
    if (!hasReceipt(row)) throw new AppError('RECEIPT_NOT_AVAILABLE', 409);
    const pdf = await receiptPdf(
      services,
      row,
      languageOf(request.headers['accept-language']),
      receiptPageUrl(request),
    );
    const filename = `bien-nhan-${row.dossierNumber.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`;
    void reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .type('application/pdf');
    return pdf;
  }

  const citizen = { roles: ['citizen'] } as const;
  const officer = { roles: ['officer'] } as const;
  const citizenTags = ['Public services (citizen)'];
  const officerTags = ['Public services (officer)'];

  app.post(
    '/dossiers',
    {
      config: { ...citizen, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: citizenTags,
        summary: 'File a dossier (book or card reissue, pension pay place, method of receipt)',
        description:
          'Attachments are uploads made with POST /registrations/uploads (purpose damaged_card, damaged_book or supporting_document). ' +
          'Answers 201 with the new dossier, or 200 with the same dossier when the Idempotency-Key was already used for this body. ' +
          'Errors: IDEMPOTENCY_KEY_REUSED, DOSSIER_PENDING, NO_ACTIVE_CARD, NO_MONTHLY_BENEFIT, SAME_PAY_PLACE, BANK_ACCOUNT_NOT_FOUND, ' +
          'BANK_ACCOUNT_HOLDER_MISMATCH (409); ATTACHMENT_REQUIRED, VALIDATION_FAILED (400).',
        headers: idempotencyHeaders,
        body: dossierSubmission,
        response: { 200: dossierDetail, 201: dossierDetail, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const result = await submitDossier(db, services, principalOf(request), {
        idempotencyKey: request.headers['idempotency-key'],
        submission: request.body,
        requestId: request.id,
      });
      reply.code(result.created ? 201 : 200);
      return result.dossier;
    },
  );

  app.get(
    '/dossiers',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'My dossiers, newest first',
        querystring: dossierQuery,
        response: { 200: dossierPage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => listOwnDossiers(db, principalOf(request), request.query),
  );

  app.get(
    '/dossiers/:id',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'One of my dossiers with its timeline and expected completion date',
        params: idParams,
        response: { 200: dossierDetail, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => viewOwnDossier(db, principalOf(request), request.params.id),
  );

  app.post(
    '/dossiers/:id/resubmission',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'Answer a request for more information (a note, perhaps new attachments)',
        description:
          'Only while the dossier needs information; the processing time starts again. Errors: DOSSIER_TRANSITION_NOT_ALLOWED (409).',
        params: idParams,
        body: resubmissionRequest,
        response: { 200: dossierDetail, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) =>
      resubmitDossier(
        db,
        services,
        principalOf(request),
        request.params.id,
        { note: request.body.note, attachments: request.body.attachments },
        request.id,
      ),
  );

  app.post(
    '/dossiers/:id/withdrawal',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'Withdraw a dossier that is not decided yet',
        description: 'Errors: DOSSIER_TRANSITION_NOT_ALLOWED (409) once decided or withdrawn.',
        params: idParams,
        body: withdrawalRequest,
        response: { 200: dossierDetail, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) =>
      withdrawDossier(db, services, principalOf(request), request.params.id, request.body.note, request.id),
  );

  app.get(
    '/dossiers/:id/receipt',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'The PDF receipt of the decision, with a QR that verifies it',
        params: idParams,
        response: { 200: pdfBytes, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      return sendReceipt(request, reply, await ownDossier(db, principalOf(request), request.params.id));
    },
  );

  app.get(
    '/payment-arrangements',
    {
      config: citizen,
      schema: {
        tags: citizenTags,
        summary: 'My monthly benefits and how and where each is paid',
        response: { 200: paymentArrangementList, ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => ({ items: await ownPaymentArrangements(db, services, principalOf(request)) }),
  );

  app.get(
    '/banks',
    {
      schema: {
        tags: citizenTags,
        summary: 'Banks that can receive benefit payments',
        response: { 200: bankList, ...errorResponses(401, 429) },
      },
    },
    async () => ({ items: (await repo.listBanks(db)).map((bank) => ({ code: bank.code, name: bank.name })) }),
  );

  // ---- Public: check a receipt ----

  app.get(
    '/receipts/verify',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['Public services (citizen)'],
        summary: 'Check a receipt’s QR: was it signed by the agency, and what does it say',
        querystring: receiptVerifyQuery,
        response: { 200: receiptVerification, ...errorResponses(400, 429) },
      },
    },
    async (request) => verifyReceiptToken(services, request.query.token),
  );

  // ---- Officers ----

  app.get(
    '/officer/dossiers',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'The agency’s dossiers, earliest deadline first (overdue flagged)',
        querystring: officerDossierQuery,
        response: { 200: officerDossierPage, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => officerQueue(db, services, principalOf(request), request.query),
  );

  app.get(
    '/officer/dossiers/:id',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'A dossier with the records it concerns (the person sees this access in their ledger)',
        params: idParams,
        response: { 200: officerDossierDetail, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => viewOfficerDossier(db, services, principalOf(request), request.params.id, request.id),
  );

  const stepResponses = { 200: officerDossierDetail, ...errorResponses(400, 401, 403, 404, 409, 429) };
  const stepDescription =
    'Errors: DOSSIER_TRANSITION_NOT_ALLOWED (409) from another status; MAKER_CHECKER (403) when the officer who received it ' +
    'would process it; DOSSIER_CLAIMED_BY_OTHER (409). A dossier of another agency answers 404.';

  app.post(
    '/officer/dossiers/:id/receipt',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Receive a submitted dossier',
        description: stepDescription,
        params: idParams,
        response: stepResponses,
      },
    },
    async (request) =>
      officerStep(db, services, principalOf(request), request.params.id, { action: 'receive' }, request.id),
  );

  app.post(
    '/officer/dossiers/:id/claim',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Take a received dossier to process (not by the officer who received it)',
        description: stepDescription,
        params: idParams,
        response: stepResponses,
      },
    },
    async (request) =>
      officerStep(db, services, principalOf(request), request.params.id, { action: 'claim' }, request.id),
  );

  app.post(
    '/officer/dossiers/:id/information-request',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Ask the citizen for more information (a reason from the list and a note)',
        description: stepDescription,
        params: idParams,
        body: informationRequest,
        response: stepResponses,
      },
    },
    async (request) =>
      officerStep(
        db,
        services,
        principalOf(request),
        request.params.id,
        { action: 'request_info', ...request.body },
        request.id,
      ),
  );

  app.post(
    '/officer/dossiers/:id/decision',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary:
          'Approve (the records change in the same transaction) or reject, with a reason from the list',
        description: stepDescription,
        params: idParams,
        body: dossierDecisionRequest,
        response: stepResponses,
      },
    },
    async (request) =>
      officerStep(
        db,
        services,
        principalOf(request),
        request.params.id,
        { action: 'decide', decision: request.body },
        request.id,
      ),
  );

  app.get(
    '/officer/dossiers/:id/attachments/:fileId',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'An attachment of a dossier of this agency (each viewing is audited)',
        params: attachmentParams,
        response: { 200: fileBytes, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const file = await officerAttachment(db, services, principalOf(request), request.params, request.id);
      void reply.header('cache-control', 'no-store').type(file.mimeType);
      return file.content;
    },
  );

  app.get(
    '/officer/dossiers/:id/receipt',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'The PDF receipt of a decided dossier of this agency',
        params: idParams,
        response: { 200: pdfBytes, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      return sendReceipt(
        request,
        reply,
        await officerReceiptRow(db, principalOf(request), request.params.id),
      );
    },
  );
};
