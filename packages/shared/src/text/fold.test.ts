import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './fold.ts';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and lowers case', () => {
    expect(foldVietnamese('Nguyễn Văn Ánh')).toBe('nguyen van anh');
    expect(foldVietnamese('BỆNH VIỆN ĐA KHOA')).toBe('benh vien da khoa');
  });

  it('maps đ and Đ to d', () => {
    expect(foldVietnamese('Đặng Đình Đức')).toBe('dang dinh duc');
  });

  it('treats precomposed and decomposed input alike and collapses spaces', () => {
    const decomposed = 'Tr\u0061\u0300n  Thi\u0323 '.normalize('NFD');
    expect(foldVietnamese(decomposed)).toBe('tran thi');
  });
});
