export * from './read-model.port';
