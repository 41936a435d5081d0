import { z } from 'zod';
import type { FieldMessageKey } from '../i18n/index.ts';

/** A custom validation message is the key of a localized field message (errors catalog, `fields.*`). */
export const fieldMessage = (key: FieldMessageKey) => ({ error: `fields.${key}` });

export const provinceCode = z.string().regex(/^\d{2}$/, fieldMessage('provinceCode'));
export const communeCode = z.string().regex(/^\d{5}$/, fieldMessage('communeCode'));

/** Query-string booleans: only the literal words true/false. */
export const booleanFlag = z.enum(['true', 'false'], fieldMessage('booleanFlag')).transform((v) => v === 'true');

export const MAX_PAGE_SIZE = 100;
export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

/** The one error envelope of every API answer that is not a success. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED' }),
    message: z.string().meta({ description: 'Localized by Accept-Language (vi, en, zh, ja, ko)' }),
    fields: z.record(z.string(), z.string()).optional().meta({ description: 'Localized message per invalid field' }),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
