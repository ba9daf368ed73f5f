import { GENESIS_HASH, hashEvent, itemStreamId, ITEM_STREAM_PREFIX } from '@jejak/custody';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, existingVkey, hasVerifiableLog, type RecordedEvent } from '@jejak/event-store';
import { LogRebuild } from './log-rebuild';
import { Progress } from '../progress';
import type { CliContext, Output } from '../cli-context';

export interface VerifyProblem {
  streamId: string;
  revision: number;
  position: string;
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'unparsable';
  detail: string;
}

interface StreamTip {
  revision: number;
  hash: string;
}

const isHex64 = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

const CHAINED_PREFIXES = [ITEM_STREAM_PREFIX, 'transfer-'];

/** Checks one stored event against the tip of its stream; returns the problems found. */
export function checkEvent(recorded: RecordedEvent, tip: StreamTip | undefined): VerifyProblem[] {
  const at = { streamId: recorded.streamId, revision: recorded.revision, position: recorded.position };
  const event = recorded.data as { revision?: unknown; prevHash?: unknown; hash?: unknown };
  if (!event || typeof event !== 'object' || !isHex64(event.hash) || !isHex64(event.prevHash)) {
    return [{ ...at, problem: 'unparsable', detail: 'no well-formed hash or prevHash' }];
  }
  const problems: VerifyProblem[] = [];
  const expectedRevision = tip ? tip.revision + 1 : 0;
  if (recorded.revision !== expectedRevision || event.revision !== recorded.revision) {
    problems.push({
      ...at,
      problem: 'revision-gap',
      detail: `expected revision ${expectedRevision}, found ${String(event.revision)}`,
    });
  }
  const expectedPrev = tip ? tip.hash : GENESIS_HASH;
  if (event.prevHash !== expectedPrev) {
    problems.push({
      ...at,
      problem: 'prev-hash-mismatch',
      detail: `prevHash does not match the previous event's hash`,
    });
  }
  try {
    if (hashEvent(event as { prevHash: string }) !== event.hash) {
      problems.push({
        ...at,
        problem: 'hash-mismatch',
        detail: 'the stored event does not match its hash (edited?)',
      });
    }
  } catch (error) {
    problems.push({ ...at, problem: 'unparsable', detail: (error as Error).message });
  }
  return problems;
}

/** `jejak verify [--item ID]`: walks the store and reports every broken chain; exit 0 only if intact. */
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
  const itemId = options.item as string | undefined;
  const problems: VerifyProblem[] = [];
  const tips = new Map<string, StreamTip>();
  let checked = 0;
  let logProblems: string[] = [];
  const check = (recorded: RecordedEvent): void => {
    checked++;
    const found = checkEvent(recorded, tips.get(recorded.streamId));
    problems.push(...found);
    const hash = (recorded.data as { hash?: unknown }).hash;
    tips.set(recorded.streamId, { revision: recorded.revision, hash: isHex64(hash) ? hash : '' });
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
    const rebuild = hasVerifiableLog(store)
      ? new LogRebuild(
          store.verifiableLog,
          store.verifiableLog.latestCheckpoint(),
          typeof options.key === 'string'
            ? options.key
            : existingVkey({ dataDir: context.config.dataDir, givenKey: context.config.logSigningKey }),
        )
      : null;
    // Every event is a leaf of the log; only item and transfer streams carry a hash chain.
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
      ? `intact: ${checked} events in ${tips.size} streams, every hash chain verified`
      : `NOT intact: ${problems.length} problems in ${brokenStreams} of ${tips.size} streams (${checked} events checked)`,
  );
  if (logProblems.length > 0) output.out(`NOT intact: ${logProblems.length} problems in the verifiable log`);
  return problems.length === 0 && logProblems.length === 0 ? 0 : 1;
}

/** The embedded files, through SQLite's full integrity_check; prints each verdict, returns the damaged count. */
function checkSqliteFiles(dataDir: string, output: Output): number {
  let damaged = 0;
  for (const name of ['events.sqlite', 'read-models.sqlite', 'directory.sqlite']) {
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
