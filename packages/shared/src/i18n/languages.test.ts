import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './languages.ts';

describe('negotiateLanguage', () => {
  it('defaults to Vietnamese without a header or with only unsupported languages', () => {
    expect(negotiateLanguage(undefined)).toBe('vi');
    expect(negotiateLanguage('fr-FR,de;q=0.8')).toBe('vi');
  });

  it('takes the first supported language by quality, then by order', () => {
    expect(negotiateLanguage('en-US,en;q=0.9,vi;q=0.8')).toBe('en');
    expect(negotiateLanguage('fr;q=1, ko;q=0.5, ja;q=0.7')).toBe('ja');
    expect(negotiateLanguage('zh-Hant-TW')).toBe('zh');
  });

  it('ignores languages with q=0', () => {
    expect(negotiateLanguage('en;q=0, ko')).toBe('ko');
  });
});
