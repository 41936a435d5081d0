import type { Widen } from '../widen.ts';

// Web app strings in Vietnamese (the reference catalog: every other language has exactly these keys).
export const webVi = {
  app: { name: 'VssID – Bảo hiểm xã hội số' },
} as const;

export type WebCatalog = Widen<typeof webVi>;
