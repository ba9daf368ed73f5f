import { HASH_SIZE, isPowerOfTwo, nodeHash } from './rfc9162-hash';

/** A proof that does not hold; the message says which check failed. */
export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

const isSafeSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function checkHashes(hashes: readonly Uint8Array[], what: string): void {
  hashes.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE) throw new ProofError(`${what}[${i}] is ${hash.length} bytes, not 32`);
  });
}

function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) throw new ProofError(`${what} is ${hash.length} bytes, not 32`);
}

/** Shifts fn and sn right together until fn's lowest bit is set or fn is 0. */
function shiftUntilOddOrZero(fn: number, sn: number): [number, number] {
  while (fn % 2 === 0 && fn !== 0) {
    fn /= 2;
    sn = Math.floor(sn / 2);
  }
  return [fn, sn];
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–3). */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  if (!isSafeSize(index) || !isSafeSize(size)) throw new ProofError('index and size must be whole numbers');
  if (index >= size) throw new ProofError(`leaf index ${index} is not below the tree size ${size}`);
  checkHash(leaf, 'leaf hash');
  checkHashes(proof, 'proof');
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) throw new ProofError('inclusion proof is longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) [fn, sn] = shiftUntilOddOrZero(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError('inclusion proof is shorter than the tree is deep');
  return r;
}

/** RFC 9162 §2.1.3.2: throws ProofError unless the leaf is at index in the tree with this root. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root');
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  if (!computed.equals(root)) throw new ProofError(`inclusion proof of leaf ${index} leads to another root`);
}

/**
 * RFC 9162 §2.1.4.2: throws ProofError unless the tree (size2, root2) extends (size1, root1).
 * Stricter than the RFC on one point, as our spec asks: a proof from size 0 is refused.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  if (!isSafeSize(size1) || !isSafeSize(size2)) throw new ProofError('sizes must be whole numbers');
  checkHash(root1, 'first root');
  checkHash(root2, 'second root');
  checkHashes(proof, 'proof');
  if (size1 === 0) throw new ProofError('a consistency proof from an empty tree is not accepted');
  if (size1 > size2) throw new ProofError(`the first tree (${size1}) is larger than the second (${size2})`);
  if (size1 === size2) {
    if (proof.length !== 0) throw new ProofError('trees of equal size need an empty consistency proof');
    if (!Buffer.from(root1).equals(root2)) throw new ProofError('two different roots for the same tree size');
    return;
  }
  if (proof.length === 0) throw new ProofError('consistency proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError('consistency proof is longer than the tree is deep');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) [fn, sn] = shiftUntilOddOrZero(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError('consistency proof is shorter than the tree is deep');
  if (!fr.equals(root1)) throw new ProofError(`consistency proof does not lead to the root of size ${size1}`);
  if (!sr.equals(root2)) throw new ProofError(`consistency proof does not lead to the root of size ${size2}`);
}
