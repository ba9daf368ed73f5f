import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as ts from 'typescript';
import { eventLeafHash, MemoryTree } from '@jejak/verifiable-log';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const tempDirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-es-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEventStoreContract('sqlite', async () => {
  const dir = tempDir();
  const store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  return {
    store,
    commitCount: () => store.stats().commits,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore', () => {
  it('keeps events across close and reopen, and goes on with the same positions', async () => {
    const filename = join(tempDir(), 'events.sqlite');
    const first = new SqliteEventStore({ filename });
    const written = await first.append(
      'item-1',
      [{ eventId: 'e1', type: 'ItemRegistered', data: { a: 1 } }],
      'no_stream',
    );
    await first.close();
    const reopened = new SqliteEventStore({ filename });
    expect(await reopened.readStream('item-1')).toMatchObject([
      { eventId: 'e1', data: { a: 1 }, position: written.position },
    ]);
    const next = await reopened.append('item-1', [{ eventId: 'e2', type: 'ItemMoved', data: {} }], 0);
    expect(BigInt(next.position)).toBeGreaterThan(BigInt(written.position));
    await reopened.close();
  });

  it('close() flushes appends that are still queued', async () => {
    const filename = join(tempDir(), 'events.sqlite');
    const store = new SqliteEventStore({ filename });
    const pending = store.append(
      'item-1',
      [{ eventId: 'e1', type: 'ItemRegistered', data: {} }],
      'no_stream',
    );
    await store.close();
    await expect(pending).resolves.toMatchObject({ revision: 0 });
    const reopened = new SqliteEventStore({ filename });
    expect(await reopened.readStream('item-1')).toHaveLength(1);
    await reopened.close();
  });

  it('groups the appends of one event-loop turn into one commit and reports it', async () => {
    const store = new SqliteEventStore({ filename: join(tempDir(), 'events.sqlite') });
    const batches: number[] = [];
    store.onCommit((info) => batches.push(info.batchSize));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.append(`item-${i}`, [{ eventId: `e${i}`, type: 'ItemRegistered', data: {} }], 'no_stream'),
      ),
    );
    expect(batches).toEqual([40]);
    expect(store.stats()).toEqual({ commits: 1, appends: 40, lastBatchSize: 40, maxBatchSize: 40 });
    await store.close();
  });

  it('caps a batch so one commit never holds more than maxBatchSize appends', async () => {
    const store = new SqliteEventStore({ filename: join(tempDir(), 'events.sqlite'), maxBatchSize: 10 });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.append(`item-${i}`, [{ eventId: `e${i}`, type: 'ItemRegistered', data: {} }], 'no_stream'),
      ),
    );
    expect(store.stats()).toMatchObject({ commits: 3, appends: 25, maxBatchSize: 10 });
    await store.close();
  });

  it('loses no acknowledged append when the process is killed with SIGKILL mid-load', async () => {
    const dir = tempDir();
    const filename = join(dir, 'events.sqlite');
    const script = compileCrashWriter(join(dir, 'build'));
    const acknowledged = await runAndKill(script, filename, 300);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const reopened = new SqliteEventStore({ filename });
    for (const ack of acknowledged) {
      const stored = (
        await reopened.readStream(ack.streamId, { fromRevision: ack.revision, toRevision: ack.revision })
      )[0];
      expect(stored).toMatchObject({ eventId: ack.eventId, position: ack.position });
    }
    const all: string[] = [];
    const rebuilt = new MemoryTree();
    for await (const e of reopened.readAll()) {
      all.push(e.position);
      rebuilt.append(eventLeafHash(e.data));
    }
    expect(all.map(BigInt)).toEqual([...all.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Every surviving event has its leaf, and the stored tree is the tree of the surviving events.
    expect(reopened.verifiableLog?.size()).toBe(all.length);
    expect(reopened.verifiableLog?.root(all.length)).toEqual(rebuilt.root());
    for (const index of [0, all.length >> 1, all.length - 1])
      expect(reopened.verifiableLog?.inclusionProof(index, all.length)).toEqual(
        rebuilt.inclusionProofOf(index),
      );
    await reopened.close();
  }, 30_000);
});

interface Ack {
  streamId: string;
  revision: number;
  position: string;
  eventId: string;
}

const transpileTo = (source: string, target: string): void => {
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, output);
};

/** A whole pure library, so `require('@jejak/<name>')` finds it under outDir/node_modules. */
function transpileLibrary(name: string, outDir: string): void {
  const srcDir = resolve(__dirname, `../../../${name}/src`);
  for (const entry of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.spec.ts') || entry.startsWith('testing')) continue;
    transpileTo(
      join(srcDir, entry),
      join(outDir, 'node_modules/@jejak', name, entry.replace(/\.ts$/, '.js')),
    );
  }
}

/** Transpiles the adapter into plain JS so a separate `node` process can load it without ts-node. */
function compileCrashWriter(outDir: string): string {
  const srcDir = resolve(__dirname, '..');
  for (const file of [
    'event-store.port.ts',
    'sqlite/sqlite-schema.ts',
    'sqlite/sqlite-integrity.ts',
    'sqlite/foreign-commit-watcher.ts',
    'sqlite/sqlite-subscription.ts',
    'sqlite/upper-subtrees.ts',
    'sqlite/sqlite-merkle-log.ts',
    'sqlite/sqlite-event-store.ts',
  ]) {
    transpileTo(join(srcDir, file), join(outDir, file.replace(/\.ts$/, '.js')));
  }
  transpileLibrary('verifiable-log', outDir);
  transpileLibrary('custody', outDir);
  const script = join(outDir, 'crash-writer.js');
  writeFileSync(
    script,
    `const { SqliteEventStore } = require('./sqlite/sqlite-event-store');
const store = new SqliteEventStore({ filename: process.argv[2] });
const writer = async (w) => {
  for (let revision = 0; ; revision++) {
    const eventId = 'w' + w + '-' + revision;
    const streamId = 'item-' + w;
    const r = await store.append(streamId, [{ eventId, type: 'ItemMoved', data: { pad: 'x'.repeat(200) } }], revision === 0 ? 'no_stream' : revision - 1);
    process.stdout.write(JSON.stringify({ streamId, revision: r.revision, position: r.position, eventId }) + '\\n');
  }
};
for (let w = 0; w < 16; w++) writer(w);
`,
  );
  return script;
}

/** Pipes are written synchronously on Linux: a printed line is an acknowledged append. */
function runAndKill(script: string, filename: string, killAfter: number): Promise<Ack[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, filename], {
      env: { ...process.env, NODE_PATH: resolve(__dirname, '../../../../node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').length > killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without SIGKILL: ${errors}`));
      const lines = output.split('\n').filter((line) => line.endsWith('}'));
      resolvePromise(lines.map((line) => JSON.parse(line) as Ack));
    });
  });
}
