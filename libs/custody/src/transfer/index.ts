export * from './decide-transfer';
export * from './evolve-transfer';
export * from './item-commands-for-transfer';
export * from './seal-transfer-events';
export * from './transfer-commands';
export * from './transfer-events';
export * from './transfer-permissions';
export * from './transfer-state';
