import { vietnamWallClock } from '@vssid/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './i18n.ts';

/** A business date 'YYYY-MM-DD' (or an ISO instant) as dd/mm/yyyy, the way every Vietnamese document writes it. */
export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return formatDateTime(value).slice(0, 10);
}

/** A month 'YYYY-MM' or 'YYYY-MM-DD' as mm/yyyy, as contribution records write it. */
export function formatMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value);
  return match ? `${match[2]}/${match[1]}` : value;
}

/**
 * VND the Vietnamese way in every language: dot-grouped whole đồng and the symbol after a no-break space
 * (1.234.567 ₫), the way amounts appear on every BHXH document.
 */
export function formatMoney(value: number): string {
  const digits = String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${digits}\u00a0₫`;
}

/** An instant as dd/mm/yyyy HH:mm in Vietnam's time, wherever the reader's phone is set. */
export function formatDateTime(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const wallClock = vietnamWallClock(instant);
  return `${wallClock.slice(8, 10)}/${wallClock.slice(5, 7)}/${wallClock.slice(0, 4)} ${wallClock.slice(11, 16)}`;
}

/** Numbers in the reader's convention: 1.234 and 2,3 in Vietnamese, 1,234 and 2.3 in English. */
export function useFormatters() {
  const language = useLanguage();
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const oneDecimal = new Intl.NumberFormat(language, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    return {
      integer: (value: number) => integer.format(value),
      distanceKm: (value: number) => oneDecimal.format(value),
      /** 75 → 75%, 7.4 → 7,4% in Vietnamese. */
      percent: (value: number) => `${percent.format(value)}%`,
      date: formatDate,
      dateTime: formatDateTime,
    };
  }, [language]);
}

/** A number of months in words, in the reader's language: 151 → "12 năm 7 tháng", "12 years 7 months". */
export function useMonthsInWords(): (months: number) => string {
  const { t } = useTranslation();
  return useMemo(
    () => (total: number) => {
      const years = Math.floor(total / 12);
      const months = total % 12;
      if (years === 0) return t('records.duration.months', { count: months });
      if (months === 0) return t('records.duration.years', { count: years });
      return t('records.duration.yearsMonths', {
        years: t('records.duration.years', { count: years }),
        months: t('records.duration.months', { count: months }),
      });
    },
    [t],
  );
}
