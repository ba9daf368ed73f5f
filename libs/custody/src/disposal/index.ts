export * from './decide-disposal';
