import { HASH_SIZE } from '@jejak/verifiable-log';

/** One level's hashes packed by index, with which of them are known. */
interface PackedLevel {
  hashes: Buffer;
  known: Uint8Array;
}

/**
 * Hashes of complete subtrees from `fromLevel` up, packed per level (32 bytes each, no object per
 * node): they never change once complete, so a proof need only read the levels below from the
 * file. At most 2 bytes per leaf from level 5 up (10 MB at 5M events), filled as proofs read them.
 */
export class UpperSubtrees {
  private readonly levels = new Map<number, PackedLevel>();

  constructor(readonly fromLevel: number) {}

  get(level: number, index: number): Buffer | undefined {
    if (level < this.fromLevel) return undefined;
    const packed = this.levels.get(level);
    if (!packed || index >= packed.known.length || packed.known[index] === 0) return undefined;
    return packed.hashes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  set(level: number, index: number, hash: Buffer): void {
    if (level < this.fromLevel) return;
    const packed = this.capacityFor(level, index);
    hash.copy(packed.hashes, index * HASH_SIZE);
    packed.known[index] = 1;
  }

  private capacityFor(level: number, index: number): PackedLevel {
    const packed = this.levels.get(level);
    if (packed && index < packed.known.length) return packed;
    let capacity = Math.max(64, packed?.known.length ?? 0);
    while (capacity <= index) capacity *= 2;
    const grown: PackedLevel = {
      hashes: Buffer.alloc(capacity * HASH_SIZE),
      known: new Uint8Array(capacity),
    };
    if (packed) {
      packed.hashes.copy(grown.hashes);
      grown.known.set(packed.known);
    }
    this.levels.set(level, grown);
    return grown;
  }
}
