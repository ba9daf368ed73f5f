import { hostname } from 'node:os';
import {
  LeasedProjector,
  MongoReadModels,
  Projector,
  ProjectorLease,
  rebuildReadModels,
} from '@jejak/read-models';
import { Progress } from '../progress';
import { UsageError, type CliContext, type Output } from '../cli-context';

/**
 * `jejak project`: runs the projector alone (API replicas then run with JEJAK_RUN_PROJECTOR=false).
 * On MongoDB read models it takes the same lease as the API replicas, so even beside a replica
 * that projects, one of them does at a time.
 */
export async function projectCommand(context: CliContext, output: Output): Promise<number> {
  const reads = await context.reads();
  const own = new Projector(await context.events(), reads);
  const projector =
    reads instanceof MongoReadModels
      ? new LeasedProjector(
          new ProjectorLease(reads.projectorLeases(), { holderId: `${hostname()}:${process.pid}:cli` }),
          own,
          reads,
          { onError: (error) => output.err(`could not renew the projector's lease: ${error.message}`) },
        )
      : own;
  await projector.start();
  output.err(
    projector instanceof LeasedProjector && projector.role() === 'standby'
      ? 'standing by: another process holds the projector lease; stop with Ctrl-C or SIGTERM'
      : `projecting from position ${projector.appliedPosition() ?? 'the start'}; stop with Ctrl-C or SIGTERM`,
  );
  // The projector's watchers do not hold the process open (the service must be able to exit):
  // this timer does, until a signal.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  clearInterval(keepAlive);
  await projector.stop();
  output.err(`stopped at position ${projector.appliedPosition() ?? '-'}`);
  return 0;
}

const PROJECTIONS = ['all', 'items'];

/** `jejak projections rebuild [name]`: replays the log into fresh tables and swaps them in. */
export async function projectionsCommand(
  context: CliContext,
  args: string[],
  output: Output,
): Promise<number> {
  const [action, name = 'all'] = args;
  if (action !== 'rebuild' || !PROJECTIONS.includes(name)) {
    throw new UsageError(`usage: jejak projections rebuild [${PROJECTIONS.join('|')}]`);
  }
  const events = await context.events();
  // No total: a KurrentDB position is a byte offset in its log, not a count of events.
  const progress = new Progress('rebuild', null, output);
  const { applied } = await rebuildReadModels(events, await context.reads(), {
    onProgress: (p) => progress.tick(p.applied),
  });
  progress.done();
  output.out(`rebuilt the read models from ${applied} events and swapped them in`);
  return 0;
}
