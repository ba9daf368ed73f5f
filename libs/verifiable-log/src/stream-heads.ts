import { canonicalJson } from '@jejak/custody';
import { decodeBase64Strict } from './signed-note';
import { HASH_SIZE, leafHash } from './rfc9162-hash';
import { MemoryTree } from './merkle-tree';

/** The last event of one stream at a tree size: its revision and leaf index. */
export interface StreamHead {
  stream: string;
  revision: number;
  index: number;
}

/** Extension line of a checkpoint committing to every stream head: `jejak-stream-heads <count> <root>`. */
export const HEADS_EXTENSION = 'jejak-stream-heads';

/** Leaf data of the heads tree: RFC 8785 canonical JSON {"index":…,"revision":…,"stream":"…"}, UTF-8. */
export const streamHeadLeafData = (head: StreamHead): Buffer =>
  Buffer.from(canonicalJson({ index: head.index, revision: head.revision, stream: head.stream }), 'utf8');

/** Byte order of the stream ids' UTF-8 (SQLite's BINARY collation sorts the same way). */
export const compareStreamIds = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The heads tree: one RFC 9162 leaf per stream, sorted by stream id. Heads must be sorted. */
export function streamHeadsTree(sortedHeads: readonly StreamHead[]): MemoryTree {
  const tree = new MemoryTree();
  for (const head of sortedHeads) tree.append(leafHash(streamHeadLeafData(head)));
  return tree;
}

export const streamHeadLeafHash = (head: StreamHead): Buffer => leafHash(streamHeadLeafData(head));

export const formatHeadsExtension = (count: number, root: Buffer): string =>
  `${HEADS_EXTENSION} ${count} ${root.toString('base64')}`;

export function parseHeadsExtension(extensions: readonly string[]): { count: number; root: Buffer } | null {
  const line = extensions.find((l) => l.startsWith(`${HEADS_EXTENSION} `));
  if (!line) return null;
  const [, countText, rootText, ...rest] = line.split(' ');
  const root = rootText === undefined ? null : decodeBase64Strict(rootText);
  if (rest.length > 0 || !/^(0|[1-9][0-9]*)$/.test(countText ?? '') || !root || root.length !== HASH_SIZE) {
    return null;
  }
  return { count: Number(countText), root };
}
