import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DamagedFileError } from '@jejak/event-store';
import { MongoReadModels } from './mongodb/mongodb-read-models';
import type { ReadModelStore } from './read-model.port';
import { SqliteReadModels } from './sqlite/sqlite-read-models';

/** A damaged read-model file that was moved aside (read models are derived: they are rebuilt). */
export interface ReadModelRecovery {
  filename: string;
  problems: string[];
  movedTo: string;
}

/** MongoDB when a URL is given, else the embedded SQLite file `<dataDir>/read-models.sqlite`. */
export async function createReadModels(config: {
  mongodbUrl?: string;
  dataDir: string;
  /** Check the embedded file with quick_check before use (after an unclean stop). */
  check?: boolean;
  /** Told when a damaged embedded file was moved aside; the new one is projected from the log. */
  onRecovered?: (recovery: ReadModelRecovery) => void;
}): Promise<ReadModelStore> {
  if (config.mongodbUrl) return MongoReadModels.connect(config.mongodbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  const filename = join(config.dataDir, 'read-models.sqlite');
  try {
    return new SqliteReadModels({ filename, check: config.check });
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    const movedTo = moveAside(filename);
    config.onRecovered?.({ filename, problems: error.problems, movedTo });
    return new SqliteReadModels({ filename });
  }
}

/** Renames the file and its WAL and shared-memory files to `<name>.damaged-<time>` (kept for a look). */
function moveAside(filename: string): string {
  const movedTo = `${filename}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(filename + suffix)) renameSync(filename + suffix, movedTo + suffix);
  }
  return movedTo;
}
