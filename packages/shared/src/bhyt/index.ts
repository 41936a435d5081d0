export * from './codes.ts';
export * from './object-codes.ts';
export * from './legacy-qr.ts';
export * from './texts.ts';
