export * from './text/fold.ts';
export * from './contracts/common.ts';
export * from './contracts/lookup.ts';
