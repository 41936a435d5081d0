import type { WebCatalog } from './vi.ts';

export const webJa: WebCatalog = {
  app: { name: 'VssID – Bảo hiểm xã hội số' },
};
