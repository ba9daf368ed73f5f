import { formatCheckpoint, formatHeadsExtension, signerFromSeed, signNote } from '@jejak/verifiable-log';
import { printedCheckpoint, type PrintedCheckpoint } from '../log-checkpoint';

const ORIGIN = 'jejak.bekasikab.go.id/log';

/** A checkpoint as the service signs it (size, root, the stream-heads line, an Ed25519 signature). */
export function signedCheckpoint(size = 1042): PrintedCheckpoint {
  const signer = signerFromSeed(ORIGIN, Buffer.alloc(32, 7));
  const root = Buffer.alloc(32, 0x9f);
  const body = formatCheckpoint({
    origin: ORIGIN,
    size,
    root,
    extensions: [formatHeadsExtension(311, Buffer.alloc(32, 0x3c))],
  });
  const note = signNote(body, signer);
  return printedCheckpoint(
    { origin: ORIGIN, size, root: root.toString('base64'), note },
    signer.vkey,
  ) as PrintedCheckpoint;
}
