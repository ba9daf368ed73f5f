import type { CheckpointSummary } from '../log/log.service';

/**
 * The verifiable log's latest checkpoint as a document prints it (verifiable-log.md: every printed
 * document carries it, and a QR code of it): enough to look the signed checkpoint up and check it,
 * so a signed paper pins the state of the log.
 */
export interface PrintedCheckpoint {
  /** Origin, tree size and root hash: the footer line of every page. */
  line: string;
  /** The signed note, byte-exact: what the QR code holds (`jejak checkpoint verify` reads it). */
  note: string;
  /** The key the note is signed with (C2SP vkey), printed beside it. */
  vkey: string | null;
}

/** The checkpoint at the moment of printing; null where the deployment keeps no log. */
export type CheckpointSource = () => Promise<PrintedCheckpoint | null>;

export const checkpointText = (checkpoint: CheckpointSummary | null): string | null =>
  checkpoint ? `${checkpoint.origin}, ukuran ${checkpoint.size}, akar ${checkpoint.root}` : null;

export const printedCheckpoint = (
  checkpoint: CheckpointSummary | null,
  vkey: string | null,
): PrintedCheckpoint | null =>
  checkpoint ? { line: checkpointText(checkpoint) as string, note: checkpoint.note, vkey } : null;

export const noCheckpointYet: CheckpointSource = () => Promise.resolve(null);

export const LOG_CHECKPOINT = Symbol('LOG_CHECKPOINT');
