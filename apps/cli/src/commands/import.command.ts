import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Actor } from '@jejak/custody';
import { openDirectoryDatabase, LocationRepository, TokenRepository } from '@jejak/directory';
import { describeError, importDaftarArsip } from '@jejak/daftar-arsip';
import { Progress } from '../progress';
import { UsageError, type CliContext, type Output } from '../cli-context';

const USAGE = 'usage: jejak import daftar-arsip FILE.csv [--unit ORIGIN_UNIT_ID] [--as PRINCIPAL_ID]';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `jejak import daftar-arsip FILE.csv`: the same parser, rules and all-or-nothing import as
 * POST /api/imports/daftar-arsip, written straight to the event store.
 */
export async function importCommand(
  context: CliContext,
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  const [what, file, ...extra] = args;
  if (what !== 'daftar-arsip' || !file || extra.length > 0) throw new UsageError(USAGE);
  const unitId = options.unit as string | undefined;
  const principalId = options.as as string | undefined;
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }

  const db = openDirectoryDatabase(context.config.dataDir);
  try {
    const locations = new LocationRepository(db);
    if (unitId && !locations.get(unitId)) throw new UsageError(`unknown unit '${unitId}'`);
    const actor = actorFor(new TokenRepository(db), principalId);
    const store = await context.events();
    // The same file, unit and actor is the same import: a second run completes it, never doubles it.
    const request = sha256(`${unitId ?? ''}|${actor.id}|${csv}`);
    let progress: Progress | null = null;
    const outcome = await importDaftarArsip(store, locations, {
      csv,
      actor,
      tokenId: 'cli',
      defaultOriginUnitId: unitId,
      idempotency: { key: `file:${request}`, requestHash: request },
      onProgress: (recorded, total) => {
        progress ??= new Progress('import', total, output);
        progress.tick(recorded);
      },
    });
    (progress as Progress | null)?.done();
    if (!outcome.ok) {
      for (const error of outcome.errors) output.err(describeError(error));
      output.err(
        outcome.errors.length > 0
          ? `${file}: nothing was imported (${outcome.code}).`
          : `${file}: ${outcome.message}`,
      );
      return 1;
    }
    const { importId, imported, recorded, itemIds, position } = outcome;
    if (recorded < imported)
      output.err(
        `${imported - recorded} of the ${imported} rows were recorded by an earlier run of this file.`,
      );
    output.out(JSON.stringify({ importId, imported, recorded, position, itemIds }, null, 2));
    return 0;
  } finally {
    db.close();
  }
}

/** As the holder of a token (its role and unit decide, as over HTTP), or as the operator (admin). */
function actorFor(tokens: TokenRepository, principalId: string | undefined): Actor {
  if (!principalId) return { id: `cli:${process.env.USER ?? 'operator'}`, role: 'admin', unitId: null };
  const token = tokens.list().find((t) => t.principalId === principalId && !t.revokedAt);
  if (!token) throw new UsageError(`no active token for principal '${principalId}' (jejak token list)`);
  return { id: token.principalId, role: token.role, unitId: token.unitId };
}
