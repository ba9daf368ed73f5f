import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModels } from '@jejak/read-models';
import { BULK_NODE_FLAGS } from '../apps/cli/src/node-flags';
import { DAFTAR_ARSIP_SAMPLE as LIST } from './support/daftar-arsip-sample';

const CLI_ENTRY = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

const started: ChildProcess[] = [];

/** The built `jejak` command, as an operator runs it. */
function jejak(args: string[], dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
    env: { ...process.env, JEJAK_DATA_DIR: dataDir, NODE_OPTIONS: '' },
  });
  let output = '';
  started.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** The exit code, once the output is whole too ('exit' can come before the pipes are drained). */
const exitOf = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once('close', (code) => resolve(code)));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The command lines of a process's children (Linux: /proc). */
function childCommandLines(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return children.map((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' '));
}

describe('jejak bulk commands (built CLI)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'jejak-cli-bulk-'))));
  afterEach(() => {
    // SIGTERM, not SIGKILL: the command passes it on to the process it started.
    for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rebuilds in a process with the bulk V8 flags and exits with its code', async () => {
    const run = jejak(['projections', 'rebuild'], dataDir);
    expect(await exitOf(run.child)).toBe(0);
    expect(run.output()).toContain('rebuilt the read models from 0 events and swapped them in');

    const refused = jejak(['projections', 'rebuild', 'nonsense'], dataDir);
    expect(await exitOf(refused.child)).toBe(2);
    expect(refused.output()).toContain('usage: jejak projections rebuild');
  }, 60_000);

  it('projects what another process imports, with the flags, until a SIGTERM stops it cleanly', async () => {
    const run = jejak(['project'], dataDir);
    await waitFor(() => run.output().includes('projecting from position'), 'the projector to start');
    const [commandLine] = childCommandLines(run.child.pid!);
    for (const flag of BULK_NODE_FLAGS) expect(commandLine).toContain(flag);

    const csv = join(dataDir, 'daftar.csv');
    writeFileSync(csv, LIST);
    const imported = jejak(['import', 'daftar-arsip', csv, '--unit', 'kec-cikarang-utara'], dataDir);
    expect(await exitOf(imported.child)).toBe(0);
    const { itemIds } = JSON.parse(imported.output().slice(imported.output().indexOf('{'))) as {
      itemIds: string[];
    };
    const readModels = new SqliteReadModels({ filename: join(dataDir, 'read-models.sqlite') });
    try {
      await waitFor(async () => (await readModels.getItem(itemIds[2])) !== null, 'the import projected');
      expect(await readModels.getItem(itemIds[2])).toMatchObject({ title: 'Daftar hadir pegawai 2016' });
    } finally {
      await readModels.close();
    }

    run.child.kill('SIGTERM');
    expect(await exitOf(run.child)).toBe(0);
    expect(run.output()).toContain('stopped at position');
  }, 60_000);

  it('stops the projector when the command that started it is killed outright', async () => {
    const run = jejak(['project'], dataDir);
    await waitFor(() => run.output().includes('projecting from position'), 'the projector to start');
    const [worker] = readFileSync(`/proc/${run.child.pid}/task/${run.child.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const closed = exitOf(run.child); // the worker shares its pipes: they close when it has gone too
    run.child.kill('SIGKILL');
    await closed;
    await waitFor(() => !existsSync(`/proc/${worker}`), 'the projector to be gone');
    expect(run.output()).toContain('stopped at position');
  }, 60_000);
});
