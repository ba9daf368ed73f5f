import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { MemoryTree } from '@jejak/verifiable-log';
import { configureConnection, createSchema } from './sqlite-schema';
import { SqliteMerkleLog, type LeafToAppend } from './sqlite-merkle-log';

/**
 * Proofs read their lower subtrees in one query and keep the upper levels (5 and up) in memory,
 * from the appends this process committed and from the rows proofs read: they must stay the
 * proofs of the reference tree, whatever the cache held and whatever was undone.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function openLog(filename?: string): { db: Database.Database; log: SqliteMerkleLog; filename: string } {
  const file = filename ?? join(mkdtempSync(join(tmpdir(), 'jejak-proofs-')), 'events.sqlite');
  if (!filename) dirs.push(join(file, '..'));
  const db = new Database(file);
  configureConnection(db, 'NORMAL');
  createSchema(db);
  return { db, log: new SqliteMerkleLog(db), filename: file };
}

const leaf = (seed: string): Buffer => createHash('sha256').update(`\u0000${seed}`).digest();

function appendCommitted(db: Database.Database, log: SqliteMerkleLog, hashes: Buffer[], from: number): void {
  const leaves: LeafToAppend[] = hashes.map((leafHash, i) => ({ position: from + i + 1, leafHash }));
  const frontier = db.transaction(() => log.appendInTransaction(leaves)).immediate();
  log.committed(frontier);
}

/** Sizes around the powers of two that split the tree and the cached levels' boundaries. */
const SIZES = [
  1, 2, 3, 7, 8, 9, 31, 32, 33, 63, 65, 255, 256, 257, 511, 513, 1000, 1023, 1024, 1025, 2049, 3001,
];
const indexesOf = (size: number): number[] =>
  [...new Set([0, 1, 31, 32, size >> 1, size - 2, size - 1, (size * 7) >> 3, 255, 256, 767])].filter(
    (i) => i >= 0 && i < size,
  );

function expectReferenceProofs(log: SqliteMerkleLog, reference: MemoryTree, sizes: number[]): void {
  for (const size of sizes) {
    for (const index of indexesOf(size)) {
      expect(log.inclusionProof(index, size)).toEqual(reference.inclusionProofOf(index, size));
    }
  }
}

describe('inclusion proofs of the embedded store (one read per proof, upper levels cached)', () => {
  it('equal the reference tree for many sizes, from the process that appended, again, and after a restart (cold)', () => {
    const { db, log, filename } = openLog();
    const hashes = Array.from({ length: 3001 }, (_, i) => leaf(`e${i}`));
    const reference = new MemoryTree(hashes);
    // Several commits of uneven sizes, as group commits make them.
    for (let from = 0; from < hashes.length; from += 97)
      appendCommitted(db, log, hashes.slice(from, from + 97), from);
    expectReferenceProofs(log, reference, SIZES);
    expectReferenceProofs(log, reference, SIZES);
    db.close();

    const reopened = openLog(filename);
    expect(reopened.log.size()).toBe(3001);
    expectReferenceProofs(reopened.log, reference, SIZES);
    reopened.db.close();
  });

  it('keep nothing a rolled-back batch wrote: proofs after it are those of the tree that committed', () => {
    const { db, log } = openLog();
    const committed = Array.from({ length: 700 }, (_, i) => leaf(`kept${i}`));
    appendCommitted(db, log, committed, 0);
    const undone = Array.from({ length: 900 }, (_, i) => leaf(`undone${i}`));
    // A batch whose COMMIT never happens (a crash or a failed fsync): proofs read inside it see
    // its rows, which must not outlive the ROLLBACK in the cache.
    db.exec('BEGIN IMMEDIATE');
    log.appendInTransaction(undone.map((leafHash, i) => ({ position: 701 + i, leafHash })));
    expect(log.inclusionProof(5, 1600)).toEqual(
      new MemoryTree([...committed, ...undone]).inclusionProofOf(5),
    );
    db.exec('ROLLBACK');

    const after = Array.from({ length: 900 }, (_, i) => leaf(`after${i}`));
    appendCommitted(db, log, after, 700);
    const reference = new MemoryTree([...committed, ...after]);
    expect(log.size()).toBe(1600);
    expect(log.root(1600)).toEqual(reference.root());
    expectReferenceProofs(log, reference, [700, 1024, 1025, 1600]);
    db.close();
  });
});
