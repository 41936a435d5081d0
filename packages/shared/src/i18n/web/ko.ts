import type { WebCatalog } from './vi.ts';

export const webKo: WebCatalog = {
  app: { name: 'VssID – Bảo hiểm xã hội số' },
};
