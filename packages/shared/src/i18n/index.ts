import { errorsEn } from './errors/en.ts';
import { errorsJa } from './errors/ja.ts';
import { errorsKo } from './errors/ko.ts';
import { errorsVi } from './errors/vi.ts';
import { errorsZh } from './errors/zh.ts';
import type { Language } from './languages.ts';
import { webEn } from './web/en.ts';
import { webJa } from './web/ja.ts';
import { webKo } from './web/ko.ts';
import { webVi } from './web/vi.ts';
import { webZh } from './web/zh.ts';

export * from './languages.ts';
export type { ErrorCode, FieldMessageKey, ErrorCatalog } from './errors/vi.ts';
export type { WebCatalog } from './web/vi.ts';

/** i18next resources: namespace `errors` for the API, `web` for the web app. */
export const resources = {
  vi: { errors: errorsVi, web: webVi },
  en: { errors: errorsEn, web: webEn },
  zh: { errors: errorsZh, web: webZh },
  ja: { errors: errorsJa, web: webJa },
  ko: { errors: errorsKo, web: webKo },
} satisfies Record<Language, { errors: unknown; web: unknown }>;
