import {
  ChainWalker,
  itemStreamId,
  ITEM_STREAM_PREFIX,
  TRANSFER_STREAM_PREFIX,
  type ChainProblem,
} from '@jejak/custody';
import type { RecordedEvent } from '@jejak/event-store';
import { Progress } from '../progress';
import type { CliContext, Output } from '../cli-context';

export interface VerifyProblem extends ChainProblem {
  streamId: string;
  position: string;
}

/** `jejak verify [--item ID]`: walks the store and reports every broken chain; exit 0 only if intact. */
export async function verifyCommand(
  context: CliContext,
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  const store = await context.events();
  const itemId = options.item as string | undefined;
  const problems: VerifyProblem[] = [];
  // The domain's own chain verification, one stored event at a time: the store is walked once.
  const chains = new ChainWalker();
  const check = (recorded: RecordedEvent): void => {
    const { streamId, position } = recorded;
    for (const problem of chains.next(streamId, recorded.revision, recorded.data)) {
      problems.push({ ...problem, revision: recorded.revision, streamId, position });
    }
  };

  if (itemId) {
    const events = await store.readStream(itemStreamId(itemId));
    if (events.length === 0) {
      output.err(`no item '${itemId}'`);
      return 1;
    }
    events.forEach(check);
  } else {
    const head = await store.headPosition();
    const progress = new Progress('verify', head === null ? 0 : Number(head), output);
    for await (const recorded of store.readAll({
      streamPrefixes: [ITEM_STREAM_PREFIX, TRANSFER_STREAM_PREFIX],
    })) {
      check(recorded);
      progress.tick(Number(recorded.position));
    }
    progress.done();
  }

  for (const p of problems) {
    output.out(
      `BROKEN ${p.streamId} revision ${p.revision} (position ${p.position}): ${p.problem}: ${p.detail}`,
    );
  }
  const brokenStreams = new Set(problems.map((p) => p.streamId)).size;
  output.out(
    problems.length === 0
      ? `intact: ${chains.eventCount} events in ${chains.streamCount} streams, every hash chain verified`
      : `NOT intact: ${problems.length} problems in ${brokenStreams} of ${chains.streamCount} streams (${chains.eventCount} events checked)`,
  );
  return problems.length === 0 ? 0 : 1;
}
