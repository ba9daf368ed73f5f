import { canonicalJson, verifyChain, type ChainLink } from '@jejak/custody';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { verifyConsistency, verifyInclusion } from './proof-verify';
import { leafHash } from './rfc9162-hash';
import { decodeBase64Strict, openNote, parseVkey, type NoteVerifier } from './signed-note';
import { parseHeadsExtension, streamHeadLeafData } from './stream-heads';

export const BUNDLE_FORMAT = 'jejak-audit-bundle/1';

export interface BundleEvent {
  index: number;
  /** base64 of the leaf data (canonical JSON of the stored event). */
  data: string;
  proof: string[];
}

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  origin: string;
  vkey: string;
  checkpoint: string;
  stream: string;
  events: BundleEvent[];
  /** The stream's head in the checkpoint's heads tree, with its inclusion proof there. */
  streamHead: { revision: number; index: number; headIndex: number; proof: string[] };
  consistency?: { from: string; proof: string[] };
}

export interface BundleCheckOptions {
  /** The vkey the auditor trusts; absent = the bundle's own (reported as not independently trusted). */
  trustedVkey?: string;
  /** An earlier checkpoint note the auditor kept. */
  previous?: string;
}

export interface BundleReport {
  ok: boolean;
  /** What was checked, in order, for the auditor to read. */
  checked: string[];
  warnings: string[];
  /** The first thing that failed. */
  failure?: string;
  checkpoint?: Checkpoint;
}

class BundleFailure extends Error {}

const fail = (message: string): never => {
  throw new BundleFailure(message);
};

function decodeProof(proof: unknown, what: string): Buffer[] {
  if (!Array.isArray(proof)) return fail(`${what}: the proof is not a list`);
  return proof.map((entry, i) => {
    const bytes = typeof entry === 'string' ? decodeBase64Strict(entry) : null;
    return bytes ?? fail(`${what}: proof hash ${i} is not base64`);
  });
}

function openCheckpoint(note: string, key: NoteVerifier, what: string, origin: string): Checkpoint {
  try {
    openNote(note, [key]);
  } catch (error) {
    return fail(`${what}: signature: ${(error as Error).message}`);
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
  } catch (error) {
    return fail(`${what}: ${(error as Error).message}`);
  }
  if (checkpoint.origin !== origin) fail(`${what}: origin '${checkpoint.origin}' is not '${origin}'`);
  return checkpoint;
}

const streamOf = (event: Record<string, unknown>): string | null =>
  typeof event.itemId === 'string'
    ? `item-${event.itemId}`
    : typeof event.transferId === 'string'
      ? `transfer-${event.transferId}`
      : null;

/** Checks an audit bundle with no service and no network; stops at the first failure. */
export function verifyAuditBundle(bundle: AuditBundle, options: BundleCheckOptions = {}): BundleReport {
  const report: BundleReport = { ok: false, checked: [], warnings: [] };
  try {
    checkBundle(bundle, options, report);
    report.ok = true;
  } catch (error) {
    if (!(error instanceof BundleFailure)) throw error;
    report.failure = error.message;
  }
  return report;
}

function checkBundle(bundle: AuditBundle, options: BundleCheckOptions, report: BundleReport): void {
  if (bundle?.format !== BUNDLE_FORMAT) fail(`not a ${BUNDLE_FORMAT} file`);
  if (!Array.isArray(bundle.events) || bundle.events.length === 0) fail('the bundle holds no events');
  let key: NoteVerifier;
  try {
    key = parseVkey(options.trustedVkey ?? bundle.vkey);
  } catch (error) {
    return fail(`key: ${(error as Error).message}`);
  }
  if (options.trustedVkey === undefined) {
    report.warnings.push(
      'the key was taken from the bundle itself, not independently trusted: give --key with the published vkey',
    );
  }
  const checkpoint = openCheckpoint(bundle.checkpoint, key, 'checkpoint', bundle.origin);
  report.checkpoint = checkpoint;
  report.checked.push(`checkpoint signed by ${key.name}: tree size ${checkpoint.size}`);

  const decoded: ChainLink[] = [];
  let lastIndex = -1;
  bundle.events.forEach((event, i) => {
    const at = `event index ${String(event?.index)} (revision ${i})`;
    if (!Number.isSafeInteger(event?.index) || event.index <= lastIndex)
      fail(`${at}: leaf index out of order`);
    lastIndex = event.index;
    const data = typeof event.data === 'string' ? decodeBase64Strict(event.data) : null;
    if (!data) return fail(`${at}: data is not base64`);
    try {
      verifyInclusion(
        event.index,
        checkpoint.size,
        leafHash(data),
        decodeProof(event.proof, at),
        checkpoint.root,
      );
    } catch (error) {
      fail(`${at}: inclusion proof: ${(error as Error).message}`);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (canonicalJson(parsed) !== data.toString('utf8')) throw new Error('not in canonical form');
    } catch (error) {
      return fail(`${at}: data: ${(error as Error).message}`);
    }
    if (streamOf(parsed) !== bundle.stream) fail(`${at}: the event is not of stream ${bundle.stream}`);
    decoded.push(parsed as unknown as ChainLink);
  });
  report.checked.push(`${bundle.events.length} events: each inclusion proof leads to the checkpoint's root`);

  const chain = verifyChain(decoded);
  if (!chain.valid) {
    const problem = chain.problems[0];
    const index = bundle.events[problem.revision]?.index;
    fail(
      `event index ${String(index)} (revision ${problem.revision}): hash chain: ${problem.problem}: ${problem.detail}`,
    );
  }
  report.checked.push(`hash chain of ${bundle.stream} from genesis to revision ${decoded.length - 1}`);

  checkStreamHead(bundle, checkpoint, decoded.length - 1, lastIndex);
  report.checked.push(
    `stream head: revision ${decoded.length - 1} at index ${lastIndex} is the stream's last event in the checkpoint`,
  );

  checkConsistency(bundle, options, key, checkpoint, report);
}

function checkStreamHead(
  bundle: AuditBundle,
  checkpoint: Checkpoint,
  lastRevision: number,
  lastIndex: number,
): void {
  const heads = parseHeadsExtension(checkpoint.extensions);
  if (!heads) return fail('stream-head proof: the checkpoint carries no stream-heads line');
  const head = bundle.streamHead;
  if (!head || head.revision !== lastRevision || head.index !== lastIndex) {
    fail(
      `stream-head proof: the checkpoint's head of ${bundle.stream} is revision ${String(head?.revision)} ` +
        `at index ${String(head?.index)}, the bundle ends at revision ${lastRevision} (index ${lastIndex}): events left out`,
    );
  }
  const leaf = leafHash(
    streamHeadLeafData({ stream: bundle.stream, revision: head.revision, index: head.index }),
  );
  try {
    verifyInclusion(
      head.headIndex,
      heads.count,
      leaf,
      decodeProof(head.proof, 'stream-head proof'),
      heads.root,
    );
  } catch (error) {
    fail(`stream-head proof: ${(error as Error).message}`);
  }
}

function checkConsistency(
  bundle: AuditBundle,
  options: BundleCheckOptions,
  key: NoteVerifier,
  checkpoint: Checkpoint,
  report: BundleReport,
): void {
  if (options.previous === undefined && bundle.consistency === undefined) return;
  const previousNote = options.previous ?? bundle.consistency?.from ?? '';
  const previous = openCheckpoint(previousNote, key, 'previous checkpoint', bundle.origin);
  if (previous.size === checkpoint.size) {
    if (!previous.root.equals(checkpoint.root)) fail('consistency proof: two roots for the same tree size');
  } else {
    if (!bundle.consistency)
      return fail('consistency proof: the bundle carries none (download it with ?from=)');
    const carried = openCheckpoint(bundle.consistency.from, key, 'consistency proof', bundle.origin);
    if (carried.size !== previous.size) {
      fail(
        `consistency proof: it is from size ${carried.size}, the previous checkpoint has size ${previous.size}`,
      );
    }
    // Checked from the previous checkpoint's own root: a log rewritten since cannot prove it only grew.
    try {
      verifyConsistency(
        previous.size,
        checkpoint.size,
        previous.root,
        checkpoint.root,
        decodeProof(bundle.consistency.proof, 'consistency proof'),
      );
    } catch (error) {
      fail(`consistency proof from size ${previous.size}: ${(error as Error).message}`);
    }
  }
  report.checked.push(
    `consistency: the tree of size ${checkpoint.size} extends the one of size ${previous.size}`,
  );
}
