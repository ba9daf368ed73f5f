import {
  EMPTY_ROOT,
  HASH_SIZE as HASH_BYTES,
  isPowerOfTwo,
  levelOf,
  nodeHash,
  nodeHashesOfPairs,
  splitPoint,
} from './rfc9162-hash';

/**
 * Where the hashes of complete subtrees come from: level 0 are leaf hashes, the node at (level, i)
 * covers leaves [i·2^level, (i+1)·2^level). Completed subtrees never change in an append-only
 * tree, so a store can keep them and answer proofs without rehashing the log.
 */
export interface SubtreeSource {
  subtreeHash(level: number, index: number): Buffer;
}

/**
 * MTH of leaves [start, end). In the RFC 9162 recursion every range starts at a multiple of the
 * power of two above its length, so its left part is always one stored complete subtree.
 */
export function rangeHash(source: SubtreeSource, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n)) {
    const level = levelOf(n);
    return source.subtreeHash(level, start / n);
  }
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

/** A complete subtree: level 0 is a leaf, (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export interface SubtreePosition {
  level: number;
  index: number;
}

/** The complete subtrees rangeHash(start, end) reads. */
function rangeSubtrees(start: number, end: number, out: SubtreePosition[]): void {
  let from = start;
  while (end - from > 0) {
    const n = end - from;
    if (isPowerOfTwo(n)) {
      out.push({ level: levelOf(n), index: from / n });
      return;
    }
    const k = splitPoint(n);
    out.push({ level: levelOf(k), index: from / k });
    from += k;
  }
}

/**
 * Every complete subtree inclusionProof(source, index, size) reads: a store fetches them in one
 * go (one query, not one per level) before computing the proof from them.
 */
export function inclusionProofSubtrees(index: number, size: number): SubtreePosition[] {
  const out: SubtreePosition[] = [];
  let m = index;
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      rangeSubtrees(start + k, end, out);
      end = start + k;
    } else {
      rangeSubtrees(start, start + k, out);
      m -= k;
      start += k;
    }
  }
  return out;
}

export const rootAt = (source: SubtreeSource, size: number): Buffer => rangeHash(source, 0, size);

function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf-side first. */
export function inclusionProof(source: SubtreeSource, index: number, size: number): Buffer[] {
  checkSize(index, 'index');
  checkSize(size, 'size');
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(rangeHash(source, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(rangeHash(source, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(from, D[0:to]); from must be 1..to. */
export function consistencyProof(source: SubtreeSource, from: number, to: number): Buffer[] {
  checkSize(from, 'from');
  checkSize(to, 'to');
  if (from < 1 || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const proof: Buffer[] = [];
  const sub = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push(rangeHash(source, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, complete);
      proof.push(rangeHash(source, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(rangeHash(source, start, start + k));
    }
  };
  sub(from, 0, to, true);
  return proof;
}

/** A whole tree in memory (tests, the heads tree, `jejak verify`): every level kept. */
export class MemoryTree implements SubtreeSource {
  private readonly levels: Buffer[][] = [[]];

  constructor(leafHashes: readonly Buffer[] = []) {
    for (const hash of leafHashes) this.append(hash);
  }

  get size(): number {
    return this.levels[0].length;
  }

  append(hash: Buffer): void {
    this.levels[0].push(hash);
    let level = 0;
    let index = this.levels[0].length - 1;
    while (index % 2 === 1) {
      const parent = nodeHash(this.levels[level][index - 1], this.levels[level][index]);
      level += 1;
      (this.levels[level] ??= []).push(parent);
      index = (index - 1) / 2;
    }
  }

  subtreeHash(level: number, index: number): Buffer {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return hash;
  }

  root(size = this.size): Buffer {
    return rootAt(this, size);
  }

  inclusionProofOf(index: number, size = this.size): Buffer[] {
    return inclusionProof(this, index, size);
  }
}

/**
 * A tree over leaf hashes packed in one buffer (32 bytes each), its complete levels computed once
 * on first use, also packed: no object per node, for trees rebuilt whole (the stream-heads tree).
 */
export class PackedTree implements SubtreeSource {
  private readonly levels: Buffer[];

  constructor(packedLeafHashes: Buffer) {
    if (packedLeafHashes.length % HASH_BYTES !== 0)
      throw new RangeError('packed leaf hashes are 32 bytes each');
    this.levels = [packedLeafHashes];
  }

  get size(): number {
    return this.levels[0].length / HASH_BYTES;
  }

  subtreeHash(level: number, index: number): Buffer {
    const packed = this.level(level);
    if ((index + 1) * HASH_BYTES > packed.length) {
      throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    }
    return packed.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  root(): Buffer {
    return rootAt(this, this.size);
  }

  inclusionProofOf(index: number): Buffer[] {
    return inclusionProof(this, index, this.size);
  }

  private level(level: number): Buffer {
    while (this.levels.length <= level) {
      this.levels.push(nodeHashesOfPairs(this.levels[this.levels.length - 1]));
    }
    return this.levels[level];
  }
}
