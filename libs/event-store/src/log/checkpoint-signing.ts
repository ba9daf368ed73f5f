import { formatCheckpoint, formatHeadsExtension, signNote, type NoteSigner } from '@jejak/verifiable-log';
import type { StoredCheckpoint, VerifiableLogStorage } from './verifiable-log-storage';

/**
 * Signs a checkpoint of the tree as it is now, unless the latest one already has this size.
 * The body: origin, size, root, then the extension line committing to every stream head.
 */
export function signCheckpointIfGrown(
  log: VerifiableLogStorage,
  signer: NoteSigner,
  origin: string,
  now: () => Date,
): StoredCheckpoint {
  const latest = log.latestCheckpoint();
  const snapshot = log.latest();
  if (latest && latest.size === snapshot.size) return latest;
  const body = formatCheckpoint({
    origin,
    size: snapshot.size,
    root: snapshot.root,
    extensions: [formatHeadsExtension(snapshot.headsCount, snapshot.headsRoot)],
  });
  const checkpoint = { size: snapshot.size, note: signNote(body, signer), signedAt: now().toISOString() };
  log.saveCheckpoint(checkpoint);
  return log.checkpointAt(snapshot.size) ?? checkpoint;
}
