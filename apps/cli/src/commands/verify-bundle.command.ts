import { readFileSync } from 'node:fs';
import { verifyAuditBundle, type AuditBundle } from '@jejak/verifiable-log';
import { UsageError, type Output } from '../cli-context';

/**
 * `jejak verify-bundle FILE [--key VKEY] [--previous CHECKPOINT_FILE]`: checks an audit bundle
 * with no service, no data directory and no network; exit 0 only when every check holds.
 */
export function verifyBundleCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
): number {
  const [file] = args;
  if (!file || args.length > 1)
    throw new UsageError('usage: jejak verify-bundle FILE [--key VKEY] [--previous FILE]');
  let bundle: AuditBundle;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8')) as AuditBundle;
  } catch (error) {
    output.err(`FAILED: cannot read the bundle ${file}: ${(error as Error).message}`);
    return 1;
  }
  const previous = typeof options.previous === 'string' ? readFileSync(options.previous, 'utf8') : undefined;
  const trustedVkey = typeof options.key === 'string' ? options.key : undefined;
  const report = verifyAuditBundle(bundle, { trustedVkey, previous });
  for (const warning of report.warnings) output.err(`warning: ${warning}`);
  for (const line of report.checked) output.out(`ok: ${line}`);
  if (!report.ok) {
    output.out(`FAILED: ${report.failure}`);
    return 1;
  }
  output.out(
    `verified: ${bundle.stream}, ${bundle.events.length} events, in the signed tree of size ${report.checkpoint?.size}`,
  );
  return 0;
}
