import { readFileSync } from 'node:fs';
import { openNote, parseCheckpoint, parseVkey } from '@jejak/verifiable-log';
import { UsageError, type Output } from '../cli-context';

const USAGE = 'usage: jejak checkpoint verify --key VKEY [FILE|-]';

/** `jejak checkpoint verify --key VKEY [FILE|-]`: checks one signed note (a checkpoint) offline. */
export function checkpointCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
  readStdin: () => Buffer = () => readFileSync(0),
): number {
  const [sub, file = '-', ...rest] = args;
  if (sub !== 'verify' || rest.length > 0) throw new UsageError(USAGE);
  if (typeof options.key !== 'string') throw new UsageError(`--key is required\n${USAGE}`);
  const key = parseVkey(options.key);
  const note = file === '-' ? readStdin() : readFileSync(file);
  let text: string;
  try {
    text = openNote(note, [key]).text;
  } catch (error) {
    output.out(`FAILED: ${(error as Error).message}`);
    return 1;
  }
  output.out(`ok: signature by ${key.name}`);
  try {
    const checkpoint = parseCheckpoint(text);
    output.out(
      `checkpoint: origin ${checkpoint.origin}, tree size ${checkpoint.size}, root ${checkpoint.root.toString('base64')}`,
    );
  } catch {
    output.out('the signed text is not a checkpoint (a signed note only)');
  }
  return 0;
}
