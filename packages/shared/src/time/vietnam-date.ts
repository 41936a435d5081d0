export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The business date ('YYYY-MM-DD') of an instant in Vietnam: every business date is taken in Asia/Ho_Chi_Minh. */
export function vietnamDate(instant: Date = new Date()): string {
  return dateFormat.format(instant);
}
