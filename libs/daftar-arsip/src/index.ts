export * from './daftar-arsip.columns';
export * from './daftar-arsip.values';
export * from './daftar-arsip.parser';
export * from './row-problems';
