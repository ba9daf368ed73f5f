import {
  ChainWalker,
  disposalStreamId,
  DISPOSAL_STREAM_PREFIX,
  itemStreamId,
  ITEM_STREAM_PREFIX,
  transferStreamId,
  TRANSFER_STREAM_PREFIX,
  type ChainProblem,
} from '@jejak/custody';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, existingVkey, hasVerifiableLog, type RecordedEvent } from '@jejak/event-store';
import { LogRebuild } from './log-rebuild';
import { Progress } from '../progress';
import type { CliContext, Output } from '../cli-context';

export interface VerifyProblem extends ChainProblem {
  streamId: string;
  position: string;
}

const CHAINED_PREFIXES = [ITEM_STREAM_PREFIX, TRANSFER_STREAM_PREFIX, DISPOSAL_STREAM_PREFIX];

/** `jejak verify [--item ID | --transfer ID | --disposal BA]`: walks the store (or one stream) and reports every broken chain; exit 0 only if intact. */
export async function verifyCommand(
  context: CliContext,
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  const damaged = context.config.eventStoreUrl ? 0 : checkSqliteFiles(context.config.dataDir, output);
  if (damaged > 0) {
    output.out(`NOT intact: ${damaged} damaged data file(s)`);
    return 1;
  }
  const store = await context.events();
  const one = oneStream(options);
  if (one === 'several') {
    output.err('give one of --item, --transfer or --disposal');
    return 2;
  }
  const problems: VerifyProblem[] = [];
  let logProblems: string[] = [];
  // The domain's own chain verification, one stored event at a time: the store is walked once.
  const chains = new ChainWalker();
  const check = (recorded: RecordedEvent): void => {
    const { streamId, position } = recorded;
    for (const problem of chains.next(streamId, recorded.revision, recorded.data)) {
      problems.push({ ...problem, revision: recorded.revision, streamId, position });
    }
  };

  if (one) {
    const events = await store.readStream(one.streamId);
    if (events.length === 0) {
      output.err(one.missing);
      return 1;
    }
    events.forEach(check);
  } else {
    const head = await store.headPosition();
    const progress = new Progress('verify', head === null ? 0 : Number(head), output);
    const rebuild = hasVerifiableLog(store)
      ? new LogRebuild(
          store.verifiableLog,
          store.verifiableLog.latestCheckpoint(),
          typeof options.key === 'string'
            ? options.key
            : existingVkey({ dataDir: context.config.dataDir, givenKey: context.config.logSigningKey }),
        )
      : null;
    // Every event is a leaf of the log; item, transfer and disposal streams carry a hash chain.
    for await (const recorded of store.readAll()) {
      if (CHAINED_PREFIXES.some((prefix) => recorded.streamId.startsWith(prefix))) check(recorded);
      rebuild?.add(recorded);
      progress.tick(Number(recorded.position));
    }
    progress.done();
    logProblems = rebuild?.finish() ?? [];
    for (const note of rebuild?.notes ?? []) output.out(note);
  }

  for (const p of problems) {
    output.out(
      `BROKEN ${p.streamId} revision ${p.revision} (position ${p.position}): ${p.problem}: ${p.detail}`,
    );
  }
  for (const problem of logProblems) output.out(`BROKEN verifiable log: ${problem}`);
  const brokenStreams = new Set(problems.map((p) => p.streamId)).size;
  output.out(
    problems.length === 0
      ? `intact: ${chains.eventCount} events in ${chains.streamCount} streams, every hash chain verified`
      : `NOT intact: ${problems.length} problems in ${brokenStreams} of ${chains.streamCount} streams (${chains.eventCount} events checked)`,
  );
  if (logProblems.length > 0) output.out(`NOT intact: ${logProblems.length} problems in the verifiable log`);
  return problems.length === 0 && logProblems.length === 0 ? 0 : 1;
}

/** The one stream asked for, or null for the whole store. */
function oneStream(
  options: Record<string, string | boolean | undefined>,
): { streamId: string; missing: string } | null | 'several' {
  const asked = [
    { id: options.item, streamId: itemStreamId, missing: 'item' },
    { id: options.transfer, streamId: transferStreamId, missing: 'transfer' },
    { id: options.disposal, streamId: disposalStreamId, missing: 'disposal (BA number)' },
  ].filter((one): one is typeof one & { id: string } => typeof one.id === 'string');
  if (asked.length > 1) return 'several';
  const [only] = asked;
  return only ? { streamId: only.streamId(only.id), missing: `no ${only.missing} '${only.id}'` } : null;
}

/** The embedded files, through SQLite's full integrity_check; prints each verdict, returns the damaged count. */
function checkSqliteFiles(dataDir: string, output: Output): number {
  let damaged = 0;
  for (const name of ['events.sqlite', 'read-models.sqlite', 'directory.sqlite', 'short-codes.sqlite']) {
    const file = join(dataDir, name);
    if (!existsSync(file)) continue;
    const problems = checkFile(file, true);
    if (problems.length === 0) {
      output.out(`SQLite integrity_check of ${name}: ok`);
      continue;
    }
    damaged++;
    const advice =
      name === 'read-models.sqlite'
        ? 'derived data: move it aside and start the service, which projects it again from the log'
        : 'restore the data directory from a backup';
    output.out(`DAMAGED ${file}: ${problems.slice(0, 10).join('; ')} (${advice})`);
  }
  return damaged;
}
