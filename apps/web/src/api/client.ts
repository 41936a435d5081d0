import { errorEnvelope } from '@vssid/shared';
import { currentLanguage, i18n } from '../i18n.ts';

/** A failed API call: the server's stable code and localized message, and per-field messages for forms. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The localized message for one input, if the server flagged it. */
  field(name: string): string | undefined {
    return this.fields[name];
  }
}

/** Anything that parses an unknown body into T: the zod schemas of @vssid/shared. */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

/** For answers whose body the screen does not need (204, or a shape outside the contract). */
export const anyBody: ResponseSchema<unknown> = { parse: (data) => data };

export type QueryValue = string | number | boolean | null | undefined;

/** `/api/v1/facilities` + { province: '01', q: undefined } → `/api/v1/facilities?province=01` (empty values left out). */
export function buildUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * What the session store lends the client, without the client importing it: the access token (memory only), one
 * refresh when the server says the token is no longer good, and the news that a password change is now required.
 */
export interface AuthBridge {
  accessToken(): string | null;
  /** Resolves true when a new access token is in place. */
  refresh(): Promise<boolean>;
  passwordChangeRequired(): void;
}

let auth: AuthBridge | null = null;

export function connectAuth(bridge: AuthBridge): void {
  auth = bridge;
}

/** Milliseconds to add to this device's clock to get the server's (read from the Date header of every answer). */
let serverClockOffsetMs = 0;

/** Now, by the server's clock: OTP countdowns stay right on a phone whose clock is off by minutes. */
export function serverNow(): number {
  return Date.now() + serverClockOffsetMs;
}

function noteServerClock(response: Response, sentAt: number) {
  const header = response.headers.get('date');
  const serverTime = header ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(serverTime)) return;
  // The Date header has whole seconds: take the middle of the round trip and ignore sub-second differences.
  const localMiddle = (sentAt + Date.now()) / 2;
  const offset = serverTime + 500 - localMiddle;
  serverClockOffsetMs = Math.abs(offset) < 2_000 ? 0 : offset;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (uploads). */
  formData?: FormData;
  /** Extra request headers (Idempotency-Key). */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal | undefined;
  /** Send the access token and, when the server no longer accepts it, refresh once and retry (default true). */
  auth?: boolean;
}

/** Codes that mean "the access token is missing or stale" — not a wrong password, which must never be retried. */
const TOKEN_CODES = new Set(['UNAUTHORIZED', 'SESSION_EXPIRED']);

async function send(url: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.formData) body = options.formData;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  const sentAt = Date.now();
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: body ?? null,
      // Same origin only: the refresh cookie is httpOnly and scoped to /api/v1/sessions.
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
    noteServerClock(response, sentAt);
    return response;
  } catch (error) {
    // A cancelled query (TanStack aborts superseded requests) is not a network failure.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errorState.network'));
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const envelope = errorEnvelope.safeParse(body);
  if (envelope.success) {
    const { code, message, fields } = envelope.data.error;
    return new ApiError(response.status, code, message, fields);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, i18n.t('errorState.unexpected'));
}

/** One call with the session's token: a stale token is refreshed once and the call repeated. */
async function authorizedResponse(path: string, options: RequestOptions): Promise<Response> {
  const url = buildUrl(path, options.query);
  const useAuth = options.auth !== false && auth !== null;
  const token = useAuth ? (auth?.accessToken() ?? null) : null;
  let response = await send(url, options, token);
  if (!response.ok) {
    let error = await failure(response.clone());
    if (useAuth && auth && response.status === 401 && TOKEN_CODES.has(error.code) && (await auth.refresh())) {
      // The gate refuses before any handler runs, so repeating a POST here cannot do the work twice.
      response = await send(url, options, auth.accessToken());
      if (response.ok) return response;
      error = await failure(response.clone());
    }
    if (useAuth && error.code === 'PASSWORD_CHANGE_REQUIRED') auth?.passwordChangeRequired();
    throw error;
  }
  return response;
}

/** Any API call: JSON in, the body parsed with the contract's schema out; every failure becomes an ApiError. */
export async function apiRequest<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await authorizedResponse(path, options);
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', i18n.t('errorState.badResponse'));
  }
}

interface GetOptions {
  query?: Readonly<Record<string, QueryValue>>;
  signal?: AbortSignal;
}

/** GET a JSON resource in the current language and parse it. */
export function apiGet<T>(path: string, schema: ResponseSchema<T>, options: GetOptions = {}): Promise<T> {
  return apiRequest(path, schema, { ...options, method: 'GET' });
}

/** A protected file (a registration photo): fetched with the token, for display through an object URL. */
export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const response = await authorizedResponse(path, { method: 'GET', signal });
  return response.blob();
}

/** The message to show for any error thrown by a query. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errorState.unexpected');
}
