import type { AppConfig } from '@jejak/config';
import {
  connectMongoDirectory,
  openDirectoryDatabase,
  openShortCodeDatabase,
  sqliteDirectoryStores,
  sqliteShortCodeStore,
  type DirectoryStores,
  type ShortCodeStore,
} from '@jejak/directory';
import type Database from 'better-sqlite3';

export interface OperatorDirectory {
  stores: DirectoryStores;
  /** The short-code counters the service uses (opened on first use). */
  shortCodes(): ShortCodeStore;
  close(): Promise<void>;
}

/**
 * The directory the service uses, for the operator's `jejak token`, `person` and `import`: MongoDB
 * when MONGODB_URL is set (the replicas' shared directory, counters and import ledger), else the
 * data dir's files.
 */
export async function openOperatorDirectory(config: AppConfig): Promise<OperatorDirectory> {
  const options = { sessionIdleMs: config.session.idleMs };
  let file: Database.Database | null = null;
  const openFile = () => (file ??= openDirectoryDatabase(config.dataDir));
  let counters: ShortCodeStore | null = null;
  const closeFile = async () => {
    await counters?.close();
    file?.close();
  };
  if (config.mongodbUrl) {
    const directory = await connectMongoDirectory(config.mongodbUrl, options);
    return {
      stores: directory,
      shortCodes: () => directory.shortCodes,
      close: async () => {
        await directory.close();
        await closeFile();
      },
    };
  }
  const stores = sqliteDirectoryStores(openFile(), options);
  return {
    stores,
    shortCodes: () => (counters ??= sqliteShortCodeStore(openShortCodeDatabase(config.dataDir))),
    close: closeFile,
  };
}
