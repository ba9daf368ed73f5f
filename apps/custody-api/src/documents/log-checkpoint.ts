import type { CheckpointSummary } from '../log/log.service';

/**
 * The verifiable log's latest checkpoint as a document prints it (domain.md: a berita acara carries
 * it): origin, tree size and root hash, enough to look the signed checkpoint up and check it. Null
 * where the deployment keeps no log.
 */
export type CheckpointLine = () => Promise<string | null>;

export const checkpointText = (checkpoint: CheckpointSummary | null): string | null =>
  checkpoint ? `${checkpoint.origin}, ukuran ${checkpoint.size}, akar ${checkpoint.root}` : null;

export const noCheckpointYet: CheckpointLine = () => Promise.resolve(null);

export const LOG_CHECKPOINT = Symbol('LOG_CHECKPOINT');
