import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoReadModels } from './mongodb/mongodb-read-models';
import type { ReadModelStore } from './read-model.port';
import { SqliteReadModels } from './sqlite/sqlite-read-models';

/** MongoDB when a URL is given, else the embedded SQLite file `<dataDir>/read-models.sqlite`. */
export async function createReadModels(config: {
  mongodbUrl?: string;
  dataDir: string;
}): Promise<ReadModelStore> {
  if (config.mongodbUrl) return MongoReadModels.connect(config.mongodbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadModels({ filename: join(config.dataDir, 'read-models.sqlite') });
}
