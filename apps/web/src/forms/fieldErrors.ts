import { ApiError } from '../api/client.ts';

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** The server's per-field messages, for the inputs this form has. */
export function serverFieldErrors<K extends string>(error: unknown, names: readonly K[]): FieldErrors<K> {
  const result: FieldErrors<K> = {};
  if (!(error instanceof ApiError)) return result;
  for (const name of names) {
    const message = error.field(name);
    if (message) result[name] = message;
  }
  return result;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/** Digits only, as typed on any keyboard (spaces and dots people put in codes are dropped). */
export function digitsOnly(value: string, maxLength?: number): string {
  const digits = value.replace(/\D/g, '');
  return maxLength === undefined ? digits : digits.slice(0, maxLength);
}
