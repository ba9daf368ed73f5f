import { chainEvents, GENESIS_HASH, type ChainLink } from '@jejak/custody';
import { BUNDLE_FORMAT, verifyAuditBundle, type AuditBundle } from './audit-bundle';
import { formatCheckpoint } from './checkpoint';
import { eventLeafData, eventLeafHash } from './event-leaf';
import { consistencyProof, inclusionProof, MemoryTree } from './merkle-tree';
import { signerFromSeed, signNote } from './signed-note';
import { compareStreamIds, formatHeadsExtension, streamHeadsTree, type StreamHead } from './stream-heads';

const ORIGIN = 'jejak.example/log';
const signer = signerFromSeed(ORIGIN, Buffer.alloc(32, 3));
const b64 = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

type Stored = ChainLink & { itemId: string; type: string };

const streamOf = (itemId: string, count: number): Stored[] =>
  chainEvents<string, Stored>(
    Array.from({ length: count }, (_, i) => `step-${i}`),
    { prevRevision: -1, prevHash: GENESIS_HASH },
    (type, _i, link) => ({ itemId, type, ...link }),
  );

/** A log of two interleaved items, its checkpoints, and a bundle of item A as the service builds it. */
function world(signedWhileBroken = false) {
  const a = streamOf('A', 3);
  // An operator who edits an event before it is logged gets it into the tree, not into the chain.
  if (signedWhileBroken) a[1] = { ...a[1], type: 'edited' };
  const b = streamOf('B', 2);
  const log: { stream: string; event: Stored }[] = [a[0], b[0], a[1], b[1], a[2]].map((event) => ({
    stream: `item-${event.itemId}`,
    event,
  }));
  const tree = new MemoryTree(log.map((l) => eventLeafHash(l.event)));
  const checkpointAt = (size: number): string => {
    const heads = new Map<string, StreamHead>();
    log
      .slice(0, size)
      .forEach((l, index) => heads.set(l.stream, { stream: l.stream, revision: l.event.revision, index }));
    const headsTree = streamHeadsTree(
      [...heads.values()].sort((x, y) => compareStreamIds(x.stream, y.stream)),
    );
    const body = formatCheckpoint({
      origin: ORIGIN,
      size,
      root: tree.root(size),
      extensions: [formatHeadsExtension(headsTree.size, headsTree.root())],
    });
    return signNote(body, signer);
  };
  const size = log.length;
  const heads: StreamHead[] = [
    { stream: 'item-A', revision: 2, index: 4 },
    { stream: 'item-B', revision: 1, index: 3 },
  ];
  const bundle: AuditBundle = {
    format: BUNDLE_FORMAT,
    origin: ORIGIN,
    vkey: signer.vkey,
    checkpoint: checkpointAt(size),
    stream: 'item-A',
    events: [0, 2, 4].map((index) => ({
      index,
      data: eventLeafData(log[index].event).toString('base64'),
      proof: b64(inclusionProof(tree, index, size)),
    })),
    streamHead: {
      revision: 2,
      index: 4,
      headIndex: 0,
      proof: b64(streamHeadsTree(heads).inclusionProofOf(0)),
    },
    consistency: { from: checkpointAt(2), proof: b64(consistencyProof(tree, 2, size)) },
  };
  return { bundle, checkpointAt, tree };
}

describe('verifying an audit bundle offline', () => {
  it('accepts an honest bundle and lists what it checked', () => {
    const { bundle, checkpointAt } = world();
    const report = verifyAuditBundle(bundle, { trustedVkey: signer.vkey, previous: checkpointAt(2) });
    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.checked).toHaveLength(5);
    expect(report.warnings).toEqual([]);
  });

  it('warns when the only key is the bundle’s own', () => {
    const report = verifyAuditBundle(world().bundle);
    expect(report.ok).toBe(true);
    expect(report.warnings[0]).toMatch(/not independently trusted/);
  });

  it('names the event whose data was changed', () => {
    const { bundle } = world();
    const data = JSON.parse(Buffer.from(bundle.events[1].data, 'base64').toString());
    bundle.events[1].data = Buffer.from(JSON.stringify({ ...data, type: 'edited' })).toString('base64');
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey }).failure).toMatch(
      /^event index 2 \(revision 1\): inclusion proof/,
    );
  });

  it('refuses events out of leaf order', () => {
    const { bundle } = world();
    bundle.events = [bundle.events[0], bundle.events[2], bundle.events[1]];
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey }).failure).toMatch(
      /leaf index out of order/,
    );
  });

  it('names a hash chain break even when every proof holds', () => {
    const { bundle } = world(true);
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey }).failure).toMatch(
      /^event index 2 \(revision 1\): hash chain: hash-mismatch/,
    );
  });

  it('catches a stream cut short: the signed head is later than the bundle’s last event', () => {
    const { bundle } = world();
    bundle.events = bundle.events.slice(0, 2);
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey }).failure).toMatch(
      /^stream-head proof: .* revision 2 at index 4, the bundle ends at revision 1 \(index 2\): events left out/,
    );
  });

  it('catches a head claimed for the cut, which the signed heads tree does not hold', () => {
    const { bundle } = world();
    bundle.events = bundle.events.slice(0, 2);
    bundle.streamHead = { ...bundle.streamHead, revision: 1, index: 2 };
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey }).failure).toMatch(
      /^stream-head proof: inclusion/,
    );
  });

  it('refuses a checkpoint not signed by the trusted key', () => {
    const other = signerFromSeed(ORIGIN, Buffer.alloc(32, 4));
    expect(verifyAuditBundle(world().bundle, { trustedVkey: other.vkey }).failure).toMatch(
      /^checkpoint: signature/,
    );
  });

  it('refuses a previous checkpoint of a forked tree', () => {
    const { bundle } = world();
    const forgedRoot = new MemoryTree([eventLeafHash({ forged: 1 }), eventLeafHash({ forged: 2 })]).root();
    const forged = signNote(
      formatCheckpoint({ origin: ORIGIN, size: 2, root: forgedRoot, extensions: [] }),
      signer,
    );
    expect(verifyAuditBundle(bundle, { trustedVkey: signer.vkey, previous: forged }).failure).toMatch(
      /^consistency proof from size 2/,
    );
  });

  it('refuses a previous checkpoint the bundle has no proof from', () => {
    const { bundle, checkpointAt } = world();
    expect(
      verifyAuditBundle(bundle, { trustedVkey: signer.vkey, previous: checkpointAt(3) }).failure,
    ).toMatch(/is from size 2, the previous checkpoint has size 3/);
  });
});
