import type { RecordedEvent, StoredCheckpoint, VerifiableLogStorage } from '@jejak/event-store';
import {
  compareStreamIds,
  EMPTY_ROOT,
  eventLeafHash,
  Frontier,
  openNote,
  parseCheckpoint,
  parseHeadsExtension,
  parseVkey,
  streamHeadsTree,
  type Checkpoint,
  type StreamHead,
} from '@jejak/verifiable-log';

/**
 * Rebuilds the verifiable log from the stored events (every event, in position order) and compares
 * it with the stored tree and with the latest signed checkpoint: an event removed, changed or
 * reordered behind the service's back shows, even when every hash chain still holds.
 */
export class LogRebuild {
  private readonly frontier = Frontier.empty();
  private readonly heads = new Map<string, StreamHead>();
  private readonly storedSize: number;
  private checkpoint: Checkpoint | null = null;
  private rootAtCheckpoint: Buffer | null = null;
  private headsRootAtCheckpoint: { count: number; root: Buffer } | null = null;
  private firstDifference: string | null = null;
  readonly problems: string[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly storage: VerifiableLogStorage,
    latest: StoredCheckpoint | null,
    vkey: string | null,
  ) {
    this.storedSize = storage.size();
    if (!latest) {
      this.notes.push('no checkpoint signed yet: the tree is compared with the stored one only');
      return;
    }
    try {
      const text = vkey
        ? openNote(latest.note, [parseVkey(vkey)]).text
        : latest.note.slice(0, latest.note.lastIndexOf('\n\n') + 1);
      if (!vkey) this.notes.push('no log key known (give --key): the checkpoint signature was not checked');
      this.checkpoint = parseCheckpoint(text);
    } catch (error) {
      this.problems.push(`checkpoint of size ${latest.size}: ${(error as Error).message}`);
      return;
    }
    if (this.checkpoint.size === 0) this.snapshotAtCheckpoint();
  }

  add(recorded: RecordedEvent): void {
    const index = this.frontier.size;
    const leaf = eventLeafHash(recorded.data);
    if (
      this.firstDifference === null &&
      index < this.storedSize &&
      !this.storage.leafHash(index).equals(leaf)
    ) {
      this.firstDifference =
        `leaf ${index}: the event stored there now (${recorded.streamId} revision ${recorded.revision}, ` +
        `position ${recorded.position}) is not the one the tree holds: it or an event before it was changed or removed`;
    }
    this.frontier.append(leaf);
    if (this.checkpoint && index < this.checkpoint.size) {
      this.heads.set(recorded.streamId, { stream: recorded.streamId, revision: recorded.revision, index });
    }
    if (this.checkpoint && this.frontier.size === this.checkpoint.size) this.snapshotAtCheckpoint();
  }

  /** Call after the last event; returns the problems found (empty when the log is intact). */
  finish(): string[] {
    const count = this.frontier.size;
    if (this.firstDifference) this.problems.push(this.firstDifference);
    if (count !== this.storedSize) {
      this.problems.push(`the stored tree has ${this.storedSize} leaves but the log holds ${count} events`);
    } else if (count > 0 && !this.storage.root(count).equals(this.frontier.root())) {
      this.problems.push(
        `the stored tree of size ${count} has another root than the one rebuilt from the events`,
      );
    }
    const checkpoint = this.checkpoint;
    if (!checkpoint) return this.problems;
    if (count < checkpoint.size) {
      this.problems.push(
        `checkpoint of size ${checkpoint.size}: the log holds only ${count} events: events were removed`,
      );
      return this.problems;
    }
    if (!this.rootAtCheckpoint?.equals(checkpoint.root)) {
      this.problems.push(
        `checkpoint of size ${checkpoint.size}: the tree rebuilt from the stored events has another root`,
      );
    }
    const signedHeads = parseHeadsExtension(checkpoint.extensions);
    const rebuilt = this.headsRootAtCheckpoint;
    if (
      signedHeads &&
      rebuilt &&
      (signedHeads.count !== rebuilt.count || !signedHeads.root.equals(rebuilt.root))
    ) {
      this.problems.push(
        `checkpoint of size ${checkpoint.size}: the stream heads rebuilt from the events differ`,
      );
    }
    if (this.problems.length === 0) {
      this.notes.push(
        `verifiable log: ${count} leaves rebuilt; the checkpoint of size ${checkpoint.size} matches`,
      );
    }
    return this.problems;
  }

  private snapshotAtCheckpoint(): void {
    this.rootAtCheckpoint = this.frontier.size === 0 ? EMPTY_ROOT : this.frontier.root();
    const sorted = [...this.heads.values()].sort((a, b) => compareStreamIds(a.stream, b.stream));
    const tree = streamHeadsTree(sorted);
    this.headsRootAtCheckpoint = { count: tree.size, root: tree.root() };
  }
}
