import { VIETNAM_TIME_ZONE } from '@vssid/shared';
import { useMemo } from 'react';
import { useLanguage } from './i18n.ts';

const instantParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A business date 'YYYY-MM-DD' (or an ISO instant) as dd/mm/yyyy, the way every Vietnamese document writes it. */
export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return formatDateTime(value).slice(0, 10);
}

/** An instant as dd/mm/yyyy HH:mm in Vietnam's time, wherever the reader's phone is set. */
export function formatDateTime(value: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    instantParts.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
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
    return {
      integer: (value: number) => integer.format(value),
      distanceKm: (value: number) => oneDecimal.format(value),
      date: formatDate,
      dateTime: formatDateTime,
    };
  }, [language]);
}
