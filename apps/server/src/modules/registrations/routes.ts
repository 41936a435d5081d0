// Registration (form 01), uploads, officer decisions, children, the employer route, staff accounts.
// Handlers only parse, authorize, call a service and present: the rules are in the files next to this one.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  batchApprovalResult,
  childList,
  childRegistrationRequest,
  employerBatch,
  employerBatchRequest,
  employerRegistrationItem,
  employerRegistrationPage,
  idParams,
  officerRegistrationDetail,
  officerRegistrationPage,
  officerRegistrationQuery,
  otpChallenge,
  otpRequest,
  paginationQuery,
  photoParams,
  registrationReceipt,
  registrationRequest,
  rejectRequest,
  staffCreateRequest,
  staffItem,
  staffPage,
  staffQuery,
  uploadPurpose,
  uploadResult,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { principalOf } from '../../platform/auth.ts';
import { AppError, errorResponses } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { listChildren, registerChild } from './children.ts';
import { employerIdOf, employerQueue, forwardBatch, markPaperReceived } from './employer.ts';
import {
  approveBatch,
  approveRegistration,
  officerDetail,
  officerPhoto,
  officerQueue,
  rejectRegistration,
  viewRegistration,
} from './officer.ts';
import {
  officerAgencyId,
  type RequestContext,
  requestRegistrationOtp,
  submitRegistration,
} from './service.ts';
import { createStaff, listStaff } from './staff.ts';
import { storeUpload } from './uploads.ts';

/** Sent as is (Fastify does not serialize buffers); the schema documents it and types the reply. */
const imageBytes = z
  .custom<Buffer>((value) => Buffer.isBuffer(value))
  .meta({ description: 'The image: image/jpeg, image/png or image/webp', type: 'string', format: 'binary' });

function contextOf(request: FastifyRequest): RequestContext {
  const principal = request.principal;
  return {
    requestId: request.id,
    actor: principal
      ? { type: principal.role, accountId: principal.accountId }
      : { type: 'public', accountId: null },
  };
}

export const registrationRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async (
  app,
  { db, services },
) => {
  // ---- Public: the form 01 wizard ----
  const publicTags = ['Registration (form 01)'];

  app.post(
    '/otp',
    {
      // Each code is an SMS we pay for: tighter than the public limit, on top of otp.ts's per-phone throttle.
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: publicTags,
        summary: 'Send a verification code (OTP) to the phone given on the form',
        description:
          'Valid 5 minutes, at most 5 tries. Errors: OTP_RESEND_TOO_SOON (429, with Retry-After), RATE_LIMITED (429).',
        body: otpRequest,
        response: { 200: otpChallenge, ...errorResponses(400, 429) },
      },
    },
    async (request) => requestRegistrationOtp(db, services, request.body.phone, contextOf(request)),
  );

  app.post(
    '/uploads',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: publicTags,
        summary: 'Upload a photo for a form (portrait, ID card front/back, birth certificate)',
        description:
          'multipart/form-data with a field `purpose` (portrait | id_front | id_back | birth_certificate) and one file `file` ' +
          '(JPEG, PNG or WebP, checked by content, ≤ 3 MB). The image is re-encoded without its metadata. Photos not used by ' +
          'a form within a day are deleted.',
        response: { 201: uploadResult, ...errorResponses(400, 429, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
      let purposeValue: unknown;
      let content: Buffer | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === 'file') content ??= bytes;
          } else if (part.fieldname === 'purpose') {
            purposeValue = part.value;
          }
        }
      } catch (error) {
        if (error instanceof app.multipartErrors.RequestFileTooLargeError)
          throw new AppError('UPLOAD_TOO_LARGE', 413);
        throw error;
      }
      const purpose = uploadPurpose.safeParse(purposeValue);
      if (!purpose.success || !content) {
        throw new AppError('VALIDATION_FAILED', 400, {
          fields: {
            ...(purpose.success
              ? {}
              : { purpose: { key: purposeValue === undefined ? 'required' : 'invalidValue' } }),
            ...(content ? {} : { file: { key: 'required' } }),
          },
        });
      }
      reply.code(201);
      return storeUpload(db, services, { purpose: purpose.data, content }, contextOf(request));
    },
  );

  app.post(
    '/registrations',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: publicTags,
        summary: 'Send form 01 (registration for electronic transactions)',
        description:
          'Needs the OTP sent to the same phone. Errors: VALIDATION_FAILED (400: unknownAgency, uploadUnknown, otpPhoneMismatch), ' +
          'OTP_INVALID / OTP_EXPIRED / OTP_TOO_MANY_ATTEMPTS (400), IDENTITY_MISMATCH (400: which field disagrees with the BHXH ' +
          'record or the population registry), IDENTITY_UNVERIFIED (400: ID photos needed), ACCOUNT_EXISTS, REGISTRATION_PENDING, ' +
          'PHONE_IN_USE (409). The answer carries the dossier number; the same goes by SMS.',
        body: registrationRequest,
        response: { 201: registrationReceipt, ...errorResponses(400, 429, 409) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return submitRegistration(db, services, request.body, contextOf(request));
    },
  );

  // ---- Officer back office ----
  const officer = { roles: ['officer'] } as const;
  const officerTags = ['Officer back office'];

  app.get(
    '/officer/registrations',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: "The agency's forms, oldest first, with the working days left before automatic cancellation",
        description:
          '`q`: a BHXH code, the start of a dossier number, or words of the name (accents ignored). `batchId`: one employer batch.',
        querystring: officerRegistrationQuery,
        response: { 200: officerRegistrationPage, ...errorResponses(400, 401, 404, 429, 403) },
      },
    },
    async (request) =>
      officerQueue(db, services, await officerAgencyId(db, principalOf(request)), request.query),
  );

  app.get(
    '/officer/registrations/:id',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary:
          'A form beside the BHXH record of the person, its photos, its decision log and the actions allowed',
        params: idParams,
        response: {
          200: officerRegistrationDetail,
          ...errorResponses(400, 401, 404, 429, 403),
        },
      },
    },
    async (request) => {
      const agencyId = await officerAgencyId(db, principalOf(request));
      return viewRegistration(db, services, { agencyId, id: request.params.id }, contextOf(request));
    },
  );

  app.get(
    '/officer/registrations/:id/photos/:purpose',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'A photo of the form (image bytes); each viewing is recorded in the audit log',
        params: photoParams,
        response: { 200: imageBytes, ...errorResponses(400, 401, 404, 429, 403) },
      },
    },
    async (request, reply) => {
      const agencyId = await officerAgencyId(db, principalOf(request));
      const photo = await officerPhoto(db, services, { agencyId, ...request.params }, contextOf(request));
      // ID photos never sit in a shared or browser cache.
      return reply.type(photo.mimeType).header('cache-control', 'private, no-store').send(photo.content);
    },
  );

  app.post(
    '/officer/registrations/:id/approve',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary:
          'Approve: creates the account and sends the credentials by SMS (a child: links the child to the parent)',
        description:
          'Errors (409): REGISTRATION_DECIDED, ACCOUNT_EXISTS, PHONE_IN_USE; for a child NOT_A_PARENT (the population registry ' +
          'does not confirm the relation), CHILD_NOT_ELIGIBLE (18 or older), CHILD_ALREADY_LINKED. A failed approval changes nothing.',
        params: idParams,
        response: {
          200: officerRegistrationDetail,
          ...errorResponses(400, 401, 404, 429, 403, 409),
        },
      },
    },
    async (request) => {
      const agencyId = await officerAgencyId(db, principalOf(request));
      await approveRegistration(
        db,
        services,
        { registrationId: request.params.id, agencyId },
        contextOf(request),
      );
      return officerDetail(db, services, agencyId, request.params.id);
    },
  );

  app.post(
    '/officer/registrations/:id/reject',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Reject with a reason from the list (and a note); the person is told the reason by SMS',
        description: 'Errors: REGISTRATION_DECIDED (409).',
        params: idParams,
        body: rejectRequest,
        response: {
          200: officerRegistrationDetail,
          ...errorResponses(400, 401, 404, 429, 403, 409),
        },
      },
    },
    async (request) => {
      const agencyId = await officerAgencyId(db, principalOf(request));
      await rejectRegistration(
        db,
        services,
        { registrationId: request.params.id, agencyId, ...request.body },
        contextOf(request),
      );
      return officerDetail(db, services, agencyId, request.params.id);
    },
  );

  app.post(
    '/officer/batches/:id/approve',
    {
      config: officer,
      schema: {
        tags: officerTags,
        summary: 'Approve every waiting form of an employer batch, each on its own',
        description:
          'Forms that cannot be approved stay waiting and are listed in `failed` with their error code.',
        params: idParams,
        response: { 200: batchApprovalResult, ...errorResponses(400, 401, 404, 429, 403) },
      },
    },
    async (request) => {
      const agencyId = await officerAgencyId(db, principalOf(request));
      return approveBatch(db, services, { batchId: request.params.id, agencyId }, contextOf(request));
    },
  );

  // ---- Children (a parent's account) ----
  const citizen = { roles: ['citizen'] } as const;
  const childTags = ['Children'];

  app.post(
    '/children/registrations',
    {
      config: citizen,
      schema: {
        tags: childTags,
        summary: "Register a child under 18 (the child's BHXH code and a photo of the birth certificate)",
        description:
          'Errors: IDENTITY_MISMATCH (400, unknown BHXH code), CHILD_NOT_ELIGIBLE (400: 18 or older, or 14+ with an ID card), ' +
          'CHILD_ALREADY_LINKED, REGISTRATION_PENDING, ACCOUNT_EXISTS (409).',
        body: childRegistrationRequest,
        response: {
          201: registrationReceipt,
          ...errorResponses(400, 401, 404, 429, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const receipt = await registerChild(
        db,
        services,
        principalOf(request),
        request.body,
        contextOf(request),
      );
      reply.code(201);
      return receipt;
    },
  );

  app.get(
    '/children',
    {
      config: citizen,
      schema: {
        tags: childTags,
        summary: 'The children linked to this account, while they are under 18',
        response: { 200: childList, ...errorResponses(401, 404, 429, 403) },
      },
    },
    async (request) => listChildren(db, services, principalOf(request)),
  );

  // ---- Employer focal point ----
  const employer = { roles: ['employer'] } as const;
  const employerTags = ['Employer route'];

  app.get(
    '/employer/registrations',
    {
      config: employer,
      schema: {
        tags: employerTags,
        summary: "Waiting forms of the unit's current workers, oldest first",
        querystring: paginationQuery,
        response: {
          200: employerRegistrationPage,
          ...errorResponses(400, 401, 404, 429, 403),
        },
      },
    },
    async (request) =>
      employerQueue(db, services, await employerIdOf(db, principalOf(request)), request.query),
  );

  app.post(
    '/employer/registrations/:id/paper-received',
    {
      config: employer,
      schema: {
        tags: employerTags,
        summary: 'The signed paper form 01 reached the focal point',
        description: 'Idempotent. Errors: REGISTRATION_DECIDED (409).',
        params: idParams,
        response: {
          200: employerRegistrationItem,
          ...errorResponses(400, 401, 404, 429, 403, 409),
        },
      },
    },
    async (request) => {
      const employerId = await employerIdOf(db, principalOf(request));
      return markPaperReceived(
        db,
        services,
        { employerId, registrationId: request.params.id },
        contextOf(request),
      );
    },
  );

  app.post(
    '/employer/batches',
    {
      config: employer,
      schema: {
        tags: employerTags,
        summary: 'Forward forms (paper received) to the agency that manages the unit',
        description:
          'All or nothing: an id that is not a waiting, received, not yet forwarded form of this unit answers 404.',
        body: employerBatchRequest,
        response: { 201: employerBatch, ...errorResponses(400, 401, 404, 429, 403) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const employerId = await employerIdOf(db, principal);
      const batch = await forwardBatch(
        db,
        services,
        { employerId, accountId: principal.accountId, registrationIds: request.body.registrationIds },
        contextOf(request),
      );
      reply.code(201);
      return batch;
    },
  );

  // ---- Staff accounts (admin) ----
  const admin = { roles: ['admin'] } as const;
  const adminTags = ['Staff accounts'];

  app.post(
    '/admin/staff',
    {
      config: admin,
      schema: {
        tags: adminTags,
        summary:
          'Create an officer, facility, employer focal point or admin account; the one-time password goes by SMS',
        description:
          'Errors: VALIDATION_FAILED (400: scopeRequired, notForRole, unknownAgency…), LOGIN_TAKEN (409).',
        body: staffCreateRequest,
        response: { 201: staffItem, ...errorResponses(400, 401, 404, 429, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await createStaff(db, services, request.body, contextOf(request));
      reply.code(201);
      return created;
    },
  );

  app.get(
    '/admin/staff',
    {
      config: admin,
      schema: {
        tags: adminTags,
        summary: 'Staff accounts, oldest first',
        querystring: staffQuery,
        response: { 200: staffPage, ...errorResponses(400, 401, 404, 429, 403) },
      },
    },
    async (request) => listStaff(db, services, request.query),
  );
};
