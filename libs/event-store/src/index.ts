export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-integrity';
export * from './kurrentdb/kurrentdb-event-store';
export * from './create-event-store';
