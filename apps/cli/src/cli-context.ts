import { createEventStore, type EventStore } from '@jejak/event-store';
import { createReadModels, type ReadModelStore } from '@jejak/read-models';
import { loadConfig, type AppConfig } from '@jejak/config';

/** The same configuration as the service (JEJAK_DATA_DIR, EVENTSTORE_URL, MONGODB_URL). */
export class CliContext {
  readonly config: AppConfig;
  private eventStore?: EventStore;
  private readModels?: ReadModelStore;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.config = loadConfig(env);
  }

  async events(): Promise<EventStore> {
    this.eventStore ??= await createEventStore({
      eventStoreUrl: this.config.eventStoreUrl,
      dataDir: this.config.dataDir,
    });
    return this.eventStore;
  }

  async reads(): Promise<ReadModelStore> {
    this.readModels ??= await createReadModels({
      mongodbUrl: this.config.mongodbUrl,
      dataDir: this.config.dataDir,
    });
    return this.readModels;
  }

  async close(): Promise<void> {
    await this.eventStore?.close();
    await this.readModels?.close();
  }
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export class UsageError extends Error {}
