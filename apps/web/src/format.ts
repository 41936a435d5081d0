import { useMemo } from 'react';
import { useLanguage } from './i18n.ts';

/** Numbers in the reader's convention: 1.234 and 2,3 in Vietnamese, 1,234 and 2.3 in English. */
export function useFormatters() {
  const language = useLanguage();
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return {
      integer: (value: number) => integer.format(value),
      distanceKm: (value: number) => oneDecimal.format(value),
    };
  }, [language]);
}
