import { inclusionProof, consistencyProof, MemoryTree } from './merkle-tree';
import { ProofError, verifyConsistency, verifyInclusion } from './proof-verify';
import { leafHash } from './rfc9162-hash';
import {
  CONSISTENCY_PROOFS,
  EMPTY_TREE_HASH,
  INCLUSION_PROOFS,
  LEAVES,
  ROOTS,
  SOME_HASH,
} from './testing/transparency-dev-vectors';

type Proof = Buffer[];
const flip = (proof: Proof, i: number, mask: number): Proof =>
  proof.map((hash, j) => (j === i ? Buffer.from(hash.map((b, k) => (k === 0 ? b ^ mask : b))) : hash));

/** The must-fail probes of transparency-dev/merkle's corruptInclusionProof. */
function inclusionProbes(index: number, size: number, proof: Proof, root: Buffer, leaf: Buffer) {
  const probes: [string, number, number, Proof, Buffer, Buffer][] = [
    ['leafIndex - 1', index - 1, size, proof, root, leaf],
    ['leafIndex + 1', index + 1, size, proof, root, leaf],
    ['leafIndex ^ 2', index ^ 2, size, proof, root, leaf],
    ['treeSize * 2', index, size * 2, proof, root, leaf],
    ['treeSize / 2', index, Math.floor(size / 2), proof, root, leaf],
    ['wrong leaf', index, size, proof, root, Buffer.from('WrongLeaf')],
    ['empty root', index, size, proof, EMPTY_TREE_HASH, leaf],
    ['random root', index, size, proof, SOME_HASH, leaf],
    ['trailing garbage', index, size, [...proof, Buffer.alloc(0)], root, leaf],
    ['trailing root', index, size, [...proof, root], root, leaf],
    ['preceding garbage', index, size, [Buffer.alloc(0), ...proof], root, leaf],
    ['preceding root', index, size, [root, ...proof], root, leaf],
  ];
  proof.forEach((_, i) =>
    probes.push([`modified proof[${i}] bit 3`, index, size, flip(proof, i, 8), root, leaf]),
  );
  if (proof.length > 0) probes.push(['removed component', index, size, proof.slice(0, -1), root, leaf]);
  if (proof.length > 1) {
    probes.push(['inserted component', index, size, [proof[0], SOME_HASH, ...proof.slice(1)], root, leaf]);
  }
  return probes.filter(([, i, s]) => i >= 0 && s >= 0);
}

/** The must-fail probes of transparency-dev/merkle's corruptConsistencyProof. */
function consistencyProbes(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Proof) {
  const wrong = Buffer.from('WrongRoot');
  const probes: [string, number, number, Buffer, Buffer, Proof][] = [
    ['size1 - 1', size1 - 1, size2, root1, root2, proof],
    ['size1 + 1', size1 + 1, size2, root1, root2, proof],
    ['size1 ^ 2', size1 ^ 2, size2, root1, root2, proof],
    ['size2 * 2', size1, size2 * 2, root1, root2, proof],
    ['size2 / 2', size1, Math.floor(size2 / 2), root1, root2, proof],
    ['wrong root1', size1, size2, wrong, root2, proof],
    ['wrong root2', size1, size2, root1, wrong, proof],
    ['swapped roots', size1, size2, root2, root1, proof],
    ['empty proof', size1, size2, root1, root2, []],
    ['trailing garbage', size1, size2, root1, root2, [...proof, Buffer.alloc(0)]],
    ['trailing root1', size1, size2, root1, root2, [...proof, root1]],
    ['trailing root2', size1, size2, root1, root2, [...proof, root2]],
    ['preceding garbage', size1, size2, root1, root2, [Buffer.alloc(0), ...proof]],
    ['preceding root1', size1, size2, root1, root2, [root1, ...proof]],
    ['preceding root2', size1, size2, root1, root2, [root2, ...proof]],
    ['preceding proof[0]', size1, size2, root1, root2, [proof[0], ...proof]],
  ];
  if (proof.length > 0) probes.push(['truncated proof', size1, size2, root1, root2, proof.slice(0, -1)]);
  proof.forEach((_, i) =>
    probes.push([`modified proof[${i}] bit 4`, size1, size2, root1, root2, flip(proof, i, 16)]),
  );
  return probes;
}

describe('inclusion verification, RFC 9162 §2.1.3.2', () => {
  describe.each(INCLUSION_PROOFS.map((v) => [v.leaf - 1, v.size, v.proof] as const))(
    'published proof of leaf %i in size %i',
    (index, size, proof) => {
      const leaf = leafHash(LEAVES[index]);
      const root = ROOTS[size - 1];

      it('verifies', () => {
        expect(() => verifyInclusion(index, size, leaf, proof, root)).not.toThrow();
      });

      it.each(inclusionProbes(index, size, proof, root, leaf))('fails when %s', (_d, i, s, p, r, l) => {
        expect(() => verifyInclusion(i, s, l, p, r)).toThrow(ProofError);
      });
    },
  );

  it('verifies the one-leaf tree with an empty proof and refuses wrong-sized hashes', () => {
    const hash = leafHash(Buffer.from('data'));
    expect(() => verifyInclusion(0, 1, hash, [], hash)).not.toThrow();
    expect(() => verifyInclusion(0, 1, Buffer.alloc(0), [], hash)).toThrow(ProofError);
    expect(() => verifyInclusion(0, 1, hash, [], Buffer.alloc(0))).toThrow(ProofError);
  });

  it.each([
    [0, 0],
    [0, 1],
    [1, 0],
    [2, 1],
  ])('refuses the probe index %i size %i with an empty proof', (index, size) => {
    expect(() => verifyInclusion(index, size, SOME_HASH, [], Buffer.alloc(0))).toThrow(ProofError);
    expect(() => verifyInclusion(index, size, Buffer.alloc(0), [], EMPTY_TREE_HASH)).toThrow(ProofError);
    expect(() => verifyInclusion(index, size, SOME_HASH, [], EMPTY_TREE_HASH)).toThrow(ProofError);
  });

  it('verifies every proof this library generates in trees of 1 to 40 leaves', () => {
    const tree = new MemoryTree(Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from([i]))));
    for (let size = 1; size <= 40; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(tree, index, size);
        verifyInclusion(index, size, tree.subtreeHash(0, index), proof, tree.root(size));
      }
    }
  });
});

describe('consistency verification, RFC 9162 §2.1.4.2', () => {
  describe.each(
    CONSISTENCY_PROOFS.filter((v) => v.proof.length > 0).map((v) => [v.size1, v.size2, v.proof] as const),
  )('published proof from %i to %i', (size1, size2, proof) => {
    const root1 = ROOTS[size1 - 1];
    const root2 = ROOTS[size2 - 1];

    it('verifies', () => {
      expect(() => verifyConsistency(size1, size2, root1, root2, proof)).not.toThrow();
    });

    it.each(consistencyProbes(size1, size2, root1, root2, proof))(
      'fails when %s',
      (_d, s1, s2, r1, r2, p) => {
        expect(() => verifyConsistency(s1, s2, r1, r2, p)).toThrow(ProofError);
      },
    );
  });

  it('accepts equal trees with an empty proof, and nothing else of equal size', () => {
    expect(() => verifyConsistency(1, 1, ROOTS[0], ROOTS[0], [])).not.toThrow();
    expect(() => verifyConsistency(1, 1, ROOTS[0], ROOTS[1], [])).toThrow(ProofError);
    expect(() => verifyConsistency(1, 1, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH])).toThrow(
      ProofError,
    );
  });

  it('refuses time travel to the past and an empty proof between different sizes', () => {
    expect(() => verifyConsistency(2, 1, ROOTS[1], ROOTS[0], [])).toThrow(ProofError);
    expect(() => verifyConsistency(1, 2, ROOTS[0], ROOTS[1], [])).toThrow(ProofError);
  });

  it('refuses a proof from size 0, which the RFC would accept (our spec is stricter)', () => {
    expect(() => verifyConsistency(0, 1, EMPTY_TREE_HASH, ROOTS[0], [])).toThrow(/empty tree/);
    expect(() => verifyConsistency(0, 0, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [])).toThrow(/empty tree/);
  });

  it('verifies every proof this library generates between trees of up to 33 leaves', () => {
    const tree = new MemoryTree(Array.from({ length: 33 }, (_, i) => leafHash(Buffer.from([i]))));
    for (let to = 1; to <= 33; to++) {
      for (let from = 1; from <= to; from++) {
        verifyConsistency(from, to, tree.root(from), tree.root(to), consistencyProof(tree, from, to));
      }
    }
  });

  it('refuses a proof against a forged newer tree', () => {
    const honest = new MemoryTree(Array.from({ length: 12 }, (_, i) => leafHash(Buffer.from([i]))));
    const forged = new MemoryTree(
      Array.from({ length: 12 }, (_, i) => leafHash(Buffer.from([i === 3 ? 99 : i]))),
    );
    const proof = consistencyProof(forged, 7, 12);
    expect(() => verifyConsistency(7, 12, honest.root(7), forged.root(12), proof)).toThrow(ProofError);
  });
});
