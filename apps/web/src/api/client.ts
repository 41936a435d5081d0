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

interface GetOptions {
  query?: Readonly<Record<string, QueryValue>>;
  signal?: AbortSignal;
}

/** GET a JSON resource in the current language and parse it; every failure becomes an ApiError. */
export async function apiGet<T>(path: string, schema: ResponseSchema<T>, options: GetOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() },
      signal: options.signal ?? null,
    });
  } catch (error) {
    // A cancelled query (TanStack aborts superseded requests) is not a network failure.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errorState.network'));
  }

  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = errorEnvelope.safeParse(body);
    if (envelope.success) {
      const { code, message, fields } = envelope.data.error;
      throw new ApiError(response.status, code, message, fields);
    }
    throw new ApiError(response.status, `HTTP_${response.status}`, i18n.t('errorState.unexpected'));
  }

  try {
    return schema.parse(body);
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', i18n.t('errorState.badResponse'));
  }
}

/** The message to show for any error thrown by a query. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errorState.unexpected');
}
