// Sign-in, sessions (rotating refresh token in an httpOnly cookie) and passwords.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  forgotPasswordRequest,
  otpChallenge,
  passwordChangeRequest,
  passwordResetRequest,
  sessionList,
  signInRequest,
  signInResponse,
} from '@vssid/shared';
import type { Db } from '../../db/connection.ts';
import { principalOf } from '../../platform/auth.ts';
import { errorResponses } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { flushRefreshRotations } from './repo.ts';
import * as accounts from './service.ts';

export const REFRESH_COOKIE = 'vssid_refresh';
const COOKIE_PATH = '/api/v1/sessions';

export const accountRoutes: FastifyPluginAsyncZod<{ db: Db; services: Services }> = async (app, { db, services }) => {
  // Rotations still waiting for their batch are written before the database closes (requests await them anyway).
  app.addHook('onClose', async () => flushRefreshRotations(db));
  const setRefreshCookie = (reply: FastifyReply, value: string) =>
    reply.setCookie(REFRESH_COOKIE, value, {
      httpOnly: true,
      secure: services.secureCookies,
      sameSite: 'strict',
      path: COOKIE_PATH,
      maxAge: accounts.SESSION_DAYS * 24 * 3600,
    });
  const clearRefreshCookie = (reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  const device = (request: FastifyRequest) => {
    const agent = request.headers['user-agent'] ?? 'unknown device';
    return agent.length > 200 ? agent.slice(0, 200) : agent;
  };
  // Password guessing is slowed per IP on top of the per-account lockout.
  const strict = { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } } as const;
  const tags = ['Sign-in and passwords'];

  app.post(
    '/sessions',
    {
      config: strict,
      schema: {
        tags,
        summary: 'Sign in (citizens with BHXH code or personal ID; staff with their username and area)',
        description: 'Sets the refresh cookie. Errors: INVALID_CREDENTIALS (401), ACCOUNT_LOCKED (423, after 5 wrong passwords, 15 minutes).',
        body: signInRequest,
        response: { 200: signInResponse, ...errorResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { refreshCookie, ...session } = await accounts.signIn(db, services, request.body, {
        device: device(request),
        requestId: request.id,
      });
      setRefreshCookie(reply, refreshCookie);
      return session;
    },
  );

  app.post(
    '/sessions/refresh',
    {
      config: strict,
      schema: { tags, summary: 'New access token from the refresh cookie (rotated)', response: { 200: signInResponse, ...errorResponses(401, 429) } },
    },
    async (request, reply) => {
      try {
        const { refreshCookie, ...session } = await accounts.refreshSession(db, services, request.cookies[REFRESH_COOKIE]);
        setRefreshCookie(reply, refreshCookie);
        return session;
      } catch (error) {
        clearRefreshCookie(reply);
        throw error;
      }
    },
  );

  app.get(
    '/sessions',
    { config: { allowPendingPasswordChange: true }, schema: { tags, summary: 'My signed-in devices', response: { 200: sessionList, ...errorResponses(401) } } },
    async (request) => accounts.listSessions(db, services, principalOf(request)),
  );

  app.delete(
    '/sessions/current',
    { config: { allowPendingPasswordChange: true }, schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...errorResponses(401) } } },
    async (request, reply) => {
      await accounts.signOut(db, services, principalOf(request), false);
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions',
    { config: { allowPendingPasswordChange: true }, schema: { tags, summary: 'Sign out everywhere', response: { 204: z.null(), ...errorResponses(401) } } },
    async (request, reply) => {
      await accounts.signOut(db, services, principalOf(request), true);
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: z.object({ sessionId: z.string().uuid() }),
        response: { 204: z.null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await accounts.endSession(db, services, principalOf(request), request.params.sessionId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/password/change-otp',
    {
      config: { allowPendingPasswordChange: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Send an OTP to my registered phone to change my password', response: { 200: otpChallenge, ...errorResponses(401, 429) } },
    },
    async (request) => accounts.requestPasswordChangeOtp(db, services, principalOf(request)),
  );

  app.post(
    '/password/change',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags,
        summary: 'Change my password (current password + OTP); other sessions end',
        body: passwordChangeRequest,
        response: { 200: signInResponse, ...errorResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { refreshCookie, ...session } = await accounts.changePassword(db, services, principalOf(request), request.body, request.id);
      setRefreshCookie(reply, refreshCookie);
      return session;
    },
  );

  app.post(
    '/password/forgot',
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Forgot password: an OTP to the registered phone',
        description: 'Answers alike whether or not the login has an account.',
        body: forgotPasswordRequest,
        response: { 200: otpChallenge, ...errorResponses(400, 429) },
      },
    },
    async (request) => accounts.forgotPassword(db, services, request.body.login),
  );

  app.post(
    '/password/reset',
    {
      config: strict,
      schema: { tags, summary: 'Set a new password with the OTP', body: passwordResetRequest, response: { 204: z.null(), ...errorResponses(400, 429) } },
    },
    async (request, reply) => {
      await accounts.resetPassword(db, services, request.body, request.id);
      return reply.code(204).send(null);
    },
  );
};
