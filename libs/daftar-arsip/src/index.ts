export * from './daftar-arsip.columns';
export * from './daftar-arsip.values';
export * from './daftar-arsip.parser';
export * from './row-problems';
export * from './daftar-arsip.validator';
export * from './daftar-arsip.importer';
