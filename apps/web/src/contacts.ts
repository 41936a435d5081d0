/** Vietnam Social Security's public support contacts (not translatable: numbers and addresses). */
export const SUPPORT_HOTLINE = { display: '1900 9068', tel: 'tel:19009068' } as const;

/**
 * The support mailbox is a deployment setting (VITE_SUPPORT_EMAIL at build time); the default is a placeholder on a
 * reserved domain, because a guessed real address would send people's questions to the wrong place.
 */
export const SUPPORT_EMAIL: string = (import.meta.env.VITE_SUPPORT_EMAIL as string | undefined) ?? 'hotro@bhxh.example.vn';
