import type { WebCatalog } from './vi.ts';

export const webZh: WebCatalog = {
  app: { name: 'VssID – Bảo hiểm xã hội số' },
};
