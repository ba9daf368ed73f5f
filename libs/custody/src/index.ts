export * from './actor';
export * from './commands';
export * from './events';
export * from './item';
export * from './location';
export * from './refusal';
export * from './state';
