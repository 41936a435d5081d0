/**
 * The accent-free search key of a Vietnamese text: lower case, tone and vowel marks removed, đ → d, spaces collapsed.
 * Stored in `name_key`/`search_key` columns and applied to queries, so "nguyen van a" finds "Nguyễn Văn A".
 * Computed in code because PostgreSQL's unaccent() is not immutable and cannot back an index.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** SMS text: Vietnamese without diacritics (the seeds' wording), case kept — "Hoàn tất" → "Hoan tat". */
export function smsText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}
