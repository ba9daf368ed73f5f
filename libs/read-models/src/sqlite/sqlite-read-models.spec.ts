import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModelsContract } from '../testing/read-models.contract';
import { SqliteReadModels } from './sqlite-read-models';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function inTempDir(options: { fewCandidates?: number } = {}) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
    dirs.push(dir);
    return new SqliteReadModels({ filename: join(dir, 'read-models.sqlite'), ...options });
  };
}

describeReadModelsContract('sqlite', inTempDir());
// Filtered searches otherwise check the few candidates' words; this runs them through FTS instead.
describeReadModelsContract('sqlite, filtered search through the FTS index', inTempDir({ fewCandidates: 0 }));
