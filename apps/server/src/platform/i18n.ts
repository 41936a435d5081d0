import i18next, { type TFunction } from 'i18next';
import { type Language, LANGUAGES, negotiateLanguage, resources } from '@vssid/shared/i18n';

// One shared i18next instance for API messages; per request we only pick a fixed-language t().
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: 'vi',
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  ns: ['errors'],
  defaultNS: 'errors',
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export function translatorFor(language: Language): TFunction<'errors'> {
  return instance.getFixedT(language, 'errors');
}

export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  return negotiateLanguage(Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
}

/**
 * Messages without parameters, kept once translated: the resources never change while the process runs, and every card
 * check translates its result code (i18next's lookup was ~3% of a check's server CPU in the profile).
 */
const plainMessages = new Map<string, string>();

/** A message by key in the errors namespace (result codes, notifications), for texts chosen at run time. */
export function translate(language: Language, key: string, params: Record<string, string> = {}): string {
  const plain = Object.keys(params).length === 0;
  const cacheKey = `${language}:${key}`;
  const known = plain ? plainMessages.get(cacheKey) : undefined;
  if (known !== undefined) return known;
  const message = instance.t(key, { ...params, lng: language, ns: 'errors' });
  if (plain) plainMessages.set(cacheKey, message);
  return message;
}
