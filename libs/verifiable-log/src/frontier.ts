import { EMPTY_ROOT, HASH_SIZE, nodeHash, nodeHashInto } from './rfc9162-hash';

const NO_NODES = Buffer.alloc(0);

/** A complete subtree hash made by an append: the node at (level, index). */
export interface SubtreeNode {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The compact range of [0, size): one complete subtree root per set bit of size, largest first.
 * Appending a leaf merges equal-sized neighbours, exactly the nodes a store must newly keep.
 */
export class Frontier {
  private constructor(
    private readonly roots: Buffer[],
    private count: number,
  ) {}

  static empty(): Frontier {
    return new Frontier([], 0);
  }

  /** From the stored subtree roots of the binary decomposition of size, largest first. */
  static fromRoots(size: number, roots: Buffer[]): Frontier {
    const bits = size.toString(2).replace(/0/g, '').length;
    if (roots.length !== bits) throw new Error(`a tree of size ${size} has ${bits} frontier roots`);
    return new Frontier([...roots], size);
  }

  /** (level, index) of each root of the decomposition of size, largest first. */
  static rootPositions(size: number): { level: number; index: number }[] {
    const positions: { level: number; index: number }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        positions.push({ level, index: start / width });
        start += width;
      }
    }
    return positions;
  }

  get size(): number {
    return this.count;
  }

  /** MTH of the whole tree: the roots folded from the right (RFC 9162 splits the same way). */
  root(): Buffer {
    if (this.roots.length === 0) return EMPTY_ROOT;
    let hash = this.roots[this.roots.length - 1];
    for (let i = this.roots.length - 2; i >= 0; i--) hash = nodeHash(this.roots[i], hash);
    return hash;
  }

  clone(): Frontier {
    return new Frontier([...this.roots], this.count);
  }

  /**
   * Appends one leaf hash; returns the hashes of the subtrees it completed above the leaf (levels
   * 1, 2, … concatenated, empty when none): what a store keeps, without an object per node.
   */
  appendPacked(leaf: Buffer): Buffer {
    let position = this.count;
    if (position % 2 === 0) {
      this.roots.push(leaf);
      this.count += 1;
      return NO_NODES;
    }
    let levels = 0;
    for (let p = position; p % 2 === 1; p = (p - 1) / 2) levels += 1;
    const packed = Buffer.allocUnsafe(levels * HASH_SIZE);
    let hash = leaf;
    for (let level = 0; position % 2 === 1; level++) {
      // The new root is a view of `packed`: a store keeps `packed` as it is, never changes it.
      hash = nodeHashInto(this.roots.pop() as Buffer, hash, packed, level * HASH_SIZE);
      position = (position - 1) / 2;
    }
    this.roots.push(hash);
    this.count += 1;
    return packed;
  }

  /** Appends one leaf hash; returns every node completed by it (the leaf itself first). */
  append(leaf: Buffer): SubtreeNode[] {
    const index = this.count;
    const made: SubtreeNode[] = [{ level: 0, index, hash: leaf }];
    let hash = leaf;
    let level = 0;
    let position = index;
    while (position % 2 === 1) {
      const left = this.roots.pop() as Buffer;
      hash = nodeHash(left, hash);
      level += 1;
      position = (position - 1) / 2;
      made.push({ level, index: position, hash });
    }
    this.roots.push(hash);
    this.count += 1;
    return made;
  }
}
