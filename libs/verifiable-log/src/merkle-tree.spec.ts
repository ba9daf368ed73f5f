import { Frontier } from './frontier';
import {
  consistencyProof,
  inclusionProof,
  inclusionProofSubtrees,
  MemoryTree,
  PackedTree,
  rootAt,
  type SubtreePosition,
  type SubtreeSource,
} from './merkle-tree';
import { EMPTY_ROOT, leafHash } from './rfc9162-hash';
import {
  CONSISTENCY_PROOFS,
  EMPTY_TREE_HASH,
  INCLUSION_PROOFS,
  LEAVES,
  ROOTS,
} from './testing/transparency-dev-vectors';

const tree = new MemoryTree(LEAVES.map(leafHash));

describe('RFC 9162 tree hashing (transparency-dev/merkle vectors)', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(EMPTY_ROOT).toEqual(EMPTY_TREE_HASH);
    expect(new MemoryTree().root()).toEqual(EMPTY_TREE_HASH);
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))(
    'gives the published root of size %i',
    (size, root) => {
      expect(rootAt(tree, size)).toEqual(root);
    },
  );

  it('keeps the same root incrementally in a frontier as the whole tree gives', () => {
    const frontier = Frontier.empty();
    LEAVES.forEach((leaf, i) => {
      frontier.append(leafHash(leaf));
      expect(frontier.root()).toEqual(ROOTS[i]);
    });
  });

  it('rebuilds a frontier from the stored roots of its decomposition', () => {
    const positions = Frontier.rootPositions(7);
    expect(positions).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    const frontier = Frontier.fromRoots(
      7,
      positions.map((p) => tree.subtreeHash(p.level, p.index)),
    );
    expect(frontier.root()).toEqual(ROOTS[6]);
    frontier.append(leafHash(LEAVES[7]));
    expect(frontier.root()).toEqual(ROOTS[7]);
  });

  it('names beforehand exactly the subtrees an inclusion proof reads', () => {
    const byPosition = (a: SubtreePosition, b: SubtreePosition) => a.level - b.level || a.index - b.index;
    const big = new MemoryTree(Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from([i]))));
    for (let size = 1; size <= 70; size++) {
      for (let index = 0; index < size; index++) {
        const read: SubtreePosition[] = [];
        const recording: SubtreeSource = {
          subtreeHash: (level, i) => {
            read.push({ level, index: i });
            return big.subtreeHash(level, i);
          },
        };
        inclusionProof(recording, index, size);
        expect(inclusionProofSubtrees(index, size).sort(byPosition)).toEqual(read.sort(byPosition));
      }
    }
  });

  it('packs the nodes an append completes as the store keeps them (levels 1, 2, … concatenated)', () => {
    const packed = Frontier.empty();
    const reference = Frontier.empty();
    LEAVES.forEach((leaf) => {
      const made = reference.append(leafHash(leaf));
      expect(packed.appendPacked(leafHash(leaf))).toEqual(Buffer.concat(made.slice(1).map((n) => n.hash)));
      expect(packed.root()).toEqual(reference.root());
    });
  });

  it('hands back every node an append completes, for the store to keep', () => {
    const frontier = Frontier.empty();
    const made = LEAVES.slice(0, 4).map((leaf) => frontier.append(leafHash(leaf)));
    expect(made[3].map(({ level, index }) => [level, index])).toEqual([
      [0, 3],
      [1, 1],
      [2, 0],
    ]);
    expect(made[3][2].hash).toEqual(ROOTS[3]);
  });
});

describe('proof generation from stored subtrees (transparency-dev/merkle vectors)', () => {
  it.each(INCLUSION_PROOFS.map((v) => [v.leaf - 1, v.size, v] as const))(
    'gives the published inclusion proof of leaf %i in size %i',
    (index, size, vector) => {
      expect(inclusionProof(tree, index, size)).toEqual(vector.proof);
    },
  );

  it('gives an empty inclusion proof in a one-leaf tree', () => {
    expect(inclusionProof(tree, 0, 1)).toEqual([]);
  });

  it('refuses an inclusion proof of a leaf outside the tree', () => {
    expect(() => inclusionProof(tree, 8, 8)).toThrow(RangeError);
  });

  it.each(CONSISTENCY_PROOFS.map((v) => [v.size1, v.size2, v] as const))(
    'gives the published consistency proof from %i to %i',
    (size1, size2, vector) => {
      expect(consistencyProof(tree, size1, size2)).toEqual(vector.proof);
    },
  );

  it('refuses a consistency proof from size 0 or backwards', () => {
    expect(() => consistencyProof(tree, 0, 4)).toThrow(RangeError);
    expect(() => consistencyProof(tree, 5, 4)).toThrow(RangeError);
  });
});

describe('a packed tree (the stream-heads tree)', () => {
  it('gives the same roots and proofs as the tree of the published vectors', () => {
    for (let size = 1; size <= 8; size++) {
      const packed = new PackedTree(Buffer.concat(LEAVES.slice(0, size).map(leafHash)));
      expect(packed.root()).toEqual(ROOTS[size - 1]);
      for (let index = 0; index < size; index++) {
        expect(packed.inclusionProofOf(index)).toEqual(inclusionProof(tree, index, size));
      }
    }
    expect(new PackedTree(Buffer.alloc(0)).root()).toEqual(EMPTY_TREE_HASH);
  });
});
