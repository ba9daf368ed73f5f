export * from './event-store.port';
export * from './sqlite/sqlite-event-store';
export * from './kurrentdb/kurrentdb-event-store';
export * from './create-event-store';
export * from './log/verifiable-log-storage';
export * from './log/signing-key-file';
export * from './log/checkpoint-signing';
export * from './log/subscribed-merkle-log';
