export * from './command-errors';
export * from './command-pipeline';
export * from './idempotent-request';
export * from './keyed-serializer';
export * from './many-streams';
