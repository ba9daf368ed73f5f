/**
 * V8 flags for the commands that stream the whole log through memory. A larger young generation:
 * a rebuild holds batches of thousands of parsed events, which outlived V8's default 16 MiB
 * semi-space and were copied by every scavenge. With 64 MiB a rebuild ran ~1.5× as fast for the
 * same peak RSS (bench/README.md); 128 MiB was no faster and larger.
 */
export const BULK_NODE_FLAGS = ['--max-semi-space-size=64'];

const BULK_COMMANDS = new Set(['projections', 'project', 'import']);

const flagName = (flag: string): string => flag.split('=')[0];

/**
 * The flags this process must be started again with, or null: not a bulk command, or the flags
 * were given already (on the command line or in NODE_OPTIONS, whose choice is kept).
 */
export function relaunchFlags(
  argv: readonly string[],
  execArgv: readonly string[],
  nodeOptions = '',
): string[] | null {
  const command = argv.find((arg) => !arg.startsWith('-'));
  if (command === undefined || !BULK_COMMANDS.has(command)) return null;
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map(flagName);
  const missing = BULK_NODE_FLAGS.filter((flag) => !given.includes(flagName(flag)));
  return missing.length > 0 ? missing : null;
}
