import type { WebCatalog } from './vi.ts';

export const webEn: WebCatalog = {
  app: { name: 'VssID – Bảo hiểm xã hội số' },
};
