import { Inject, Injectable } from '@nestjs/common';
import { itemStreamId, transferStreamId } from '@jejak/custody';
import { EVENT_STORE, type EventStore, type StoredCheckpoint } from '@jejak/event-store';
import { BUNDLE_FORMAT, eventLeafData, type AuditBundle } from '@jejak/verifiable-log';
import { ApiProblem } from '../common/problem';
import { LogService } from './log.service';

const b64 = (hashes: Buffer[]): string[] => hashes.map((hash) => hash.toString('base64'));

export interface BundleRequest {
  /** A signed checkpoint's size; absent = the latest (signed now if the stream's last event is newer). */
  size?: number;
  /** An earlier signed checkpoint's size: the consistency proof from it is added. */
  from?: number;
}

/** The audit bundle of one stream: everything an auditor needs to check it with no network. */
@Injectable()
export class AuditBundleService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LogService) private readonly log: LogService,
  ) {}

  itemBundle(itemId: string, request: BundleRequest): Promise<AuditBundle> {
    return this.bundle(itemStreamId(itemId), `no item '${itemId}'`, request);
  }

  transferBundle(transferId: string, request: BundleRequest): Promise<AuditBundle> {
    return this.bundle(transferStreamId(transferId), `no transfer '${transferId}'`, request);
  }

  private async bundle(stream: string, missing: string, request: BundleRequest): Promise<AuditBundle> {
    const storage = this.log.storage();
    const recorded = await this.store.readStream(stream);
    if (recorded.length === 0) throw new ApiProblem('not-found', missing);
    const indexed = recorded.map((event) => ({ event, index: storage.leafIndexOf(event.position) }));
    const checkpoint = this.checkpointFor(request, indexed[indexed.length - 1].index);
    const size = checkpoint.size;
    const inTree = indexed.filter(
      (e): e is typeof e & { index: number } => e.index !== null && e.index < size,
    );
    if (inTree.length === 0) throw new ApiProblem('not-found', `${missing} in the tree of size ${size}`);
    const head = storage.streamHeadProof(stream, size);
    return {
      format: BUNDLE_FORMAT,
      origin: this.log.origin,
      vkey: this.log.vkey() as string,
      checkpoint: checkpoint.note,
      stream,
      events: inTree.map(({ event, index }) => ({
        index,
        data: eventLeafData(event.data).toString('base64'),
        proof: b64(storage.inclusionProof(index, size)),
      })),
      streamHead: {
        revision: head?.head.revision ?? -1,
        index: head?.head.index ?? -1,
        headIndex: head?.headIndex ?? -1,
        proof: b64(head?.proof ?? []),
      },
      ...(request.from === undefined ? {} : { consistency: this.consistency(request.from, size) }),
    };
  }

  private checkpointFor(request: BundleRequest, lastIndex: number | null): StoredCheckpoint {
    const storage = this.log.storage();
    if (request.size !== undefined) {
      const at = storage.checkpointAt(request.size);
      if (!at) throw new ApiProblem('not-found', `no checkpoint was signed at size ${request.size}`);
      return at;
    }
    const latest = storage.latestCheckpoint();
    if (latest && lastIndex !== null && lastIndex < latest.size) return latest;
    return this.log.signIfGrown();
  }

  private consistency(from: number, to: number): { from: string; proof: string[] } {
    const earlier = this.log.storage().checkpointAt(from);
    if (!earlier) throw new ApiProblem('not-found', `no checkpoint was signed at size ${from}`);
    if (from < 1 || from > to) {
      throw new ApiProblem('validation-failed', `from must be a checkpoint of size 1 to ${to}`, {
        errors: [{ field: 'from', message: `must be from 1 to ${to}` }],
      });
    }
    return {
      from: earlier.note,
      proof: from === to ? [] : b64(this.log.storage().consistencyProof(from, to)),
    };
  }
}
