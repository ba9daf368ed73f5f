import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadModelsContract } from '../testing/read-models.contract';
import { SqliteReadModels } from './sqlite-read-models';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeReadModelsContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-read-models-'));
  dirs.push(dir);
  return new SqliteReadModels({ filename: join(dir, 'read-models.sqlite') });
});
