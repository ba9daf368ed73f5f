export * from './principal';
export * from './directory.database';
export * from './location.repository';
export * from './token.repository';
export * from './bekasi-directory.seed';
