/** Request shapes of the HTTP contract (../shared/spec/http-api.md) shared by the service and the CLI. */
export * from './register-item.dto';
export * from './to-register-command';
export * from './command-values';
