export * from './read-model.port';
export * from './projections';
export * from './projector/project-events';
export * from './projector/projector';
export * from './rebuild';
export * from './create-read-models';
export * from './sqlite/sqlite-read-models';
export * from './mongodb/mongodb-read-models';
export { clampLimit, decodeItemCursor, encodeItemCursor } from './paging';
