import { decodeBase64Strict } from './signed-note';
import { HASH_SIZE } from './rfc9162-hash';

/** C2SP tlog-checkpoint: the note text a log signs. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** Lines after the root hash, in order (without their newlines). */
  extensions: string[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const lines = [checkpoint.origin, String(checkpoint.size), checkpoint.root.toString('base64')];
  return `${[...lines, ...checkpoint.extensions].join('\n')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('a checkpoint ends in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('a checkpoint has an origin, a size and a root hash');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin.length === 0) throw new CheckpointError('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointError('the tree size is not a decimal number');
  }
  const root = decodeBase64Strict(rootText);
  if (!root || root.length !== HASH_SIZE)
    throw new CheckpointError('the root hash is not 32 bytes of base64');
  if (extensions.some((line) => line.length === 0)) throw new CheckpointError('empty extension line');
  return { origin, size: Number(sizeText), root, extensions };
}
