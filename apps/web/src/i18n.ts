import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  isLanguage,
  negotiateLanguage,
  resources,
  type Language,
} from '@vssid/shared/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: (typeof resources)['vi'];
  }
}

const STORAGE_KEY = 'vssid.language';

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value !== null && isLanguage(value) ? value : null;
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to the browser's languages.
    return null;
  }
}

/** The saved choice first, then the browser's preferred languages, then Vietnamese. */
export function detectLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages.join(',') : navigator.language;
  return negotiateLanguage(preferred);
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  ns: ['web', 'errors'],
  defaultNS: 'web',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The user's explicit choice: remembered on this device (a detected language is not, so it can follow the browser). */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted when storage is blocked; the choice still holds for this visit.
  }
  await i18n.changeLanguage(language);
}

/** The active language, always one of the five. */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The active language as React state: components re-render (and queries re-key) when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
