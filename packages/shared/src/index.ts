export * from './text/fold.ts';
export * from './contracts/common.ts';
export * from './contracts/lookup.ts';
export * from './admin-units/old-provinces.ts';
export * from './time/vietnam-date.ts';
export * from './calendar/holidays.ts';
export * from './contracts/accounts.ts';
export * from './security/proof-of-work.ts';
