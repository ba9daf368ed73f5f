export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './kurrentdb/kurrentdb-event-store';
export * from './create-event-store';
export * from './command';
