import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Actor } from '@jejak/custody';
import type { TokenStore } from '@jejak/directory';
import {
  describeError,
  duplicateMessage,
  importDaftarArsip,
  importingMessage,
  listFingerprint,
  readDaftarArsipFile,
} from '@jejak/daftar-arsip';
import { Progress } from '../progress';
import { UsageError, type CliContext, type Output } from '../cli-context';
import { openOperatorDirectory } from '../operator-directory';

const USAGE =
  'usage: jejak import daftar-arsip FILE.csv|FILE.xlsx [--unit ORIGIN_UNIT_ID] [--as PRINCIPAL_ID] [--dry-run] [--allow-duplicate]';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `jejak import daftar-arsip FILE.csv|FILE.xlsx`: the same reader, rules, all-or-nothing import,
 * dry run and refusal of a list imported before as POST /api/imports/daftar-arsip, written
 * straight to the event store.
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
  const dryRun = options['dry-run'] === true;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const read = await readDaftarArsipFile(bytes, { fileName: file });
  if ('error' in read) {
    output.err(`${file}: ${describeError(read.error)}`);
    return 1;
  }

  const directory = await openOperatorDirectory(context.config);
  try {
    const { locations, tokens, importLedger } = directory.stores;
    if (unitId && !locations.get(unitId)) throw new UsageError(`unknown unit '${unitId}'`);
    const actor = await actorFor(tokens, principalId);
    const fingerprint = listFingerprint(read.table, unitId);
    const allowDuplicate = options['allow-duplicate'] === true;
    const earlier = await importLedger.earlier(fingerprint);
    if (earlier.length > 0 && !allowDuplicate) {
      output.err(`${file}: ${duplicateMessage(earlier[earlier.length - 1], '--allow-duplicate')}`);
      return 1;
    }
    const store = await context.events();
    const shortCodes = directory.shortCodes();
    // The same list, unit and actor is the same import until it is done: a second run completes a
    // cut-off one, never doubles it; an import asked for again (--allow-duplicate) is a new one.
    const request = sha256(`${unitId ?? ''}|${actor.id}|${fingerprint}|${earlier.length}`);
    // The same list the service imports, claimed in the same ledger (a dry run records nothing).
    const holder = dryRun ? null : randomUUID();
    if (holder !== null) {
      const claim = await importLedger.claim({
        fingerprint,
        holder,
        request: `file:${request}`,
        actorId: actor.id,
        allowDuplicate,
      });
      if (!claim.ok) {
        output.err(
          `${file}: ${
            claim.reason === 'imported'
              ? duplicateMessage(claim.earlier[claim.earlier.length - 1], '--allow-duplicate')
              : importingMessage(claim.claimedAt, claim.actorId)
          }`,
        );
        return 1;
      }
    }
    let progress: Progress | null = null;
    const outcome = await importDaftarArsip(store, locations, {
      csv: read.table,
      dryRun,
      actor,
      tokenId: 'cli',
      defaultOriginUnitId: unitId,
      shortCodes,
      idempotency: { key: `file:${request}`, requestHash: request },
      onProgress: (recorded, total) => {
        progress ??= new Progress('import', total, output);
        progress.tick(recorded);
      },
    }).catch(async (error: unknown) => {
      if (holder !== null) await importLedger.release(fingerprint, holder);
      throw error;
    });
    if (!outcome.ok && holder !== null) await importLedger.release(fingerprint, holder);
    (progress as Progress | null)?.done();
    if (!outcome.ok) {
      for (const error of outcome.errors) output.err(describeError(error));
      output.err(
        outcome.errors.length > 0
          ? `${file}: tidak ada yang diimpor (${outcome.code}).`
          : `${file}: ${outcome.message}`,
      );
      return 1;
    }
    if (dryRun) {
      const rows = outcome.preview ?? [];
      output.err(`${file}: uji coba, tidak ada yang dicatat; ${rows.length} arsip akan diimpor.`);
      output.out(
        JSON.stringify({ dryRun: true, format: read.format, wouldImport: rows.length, rows }, null, 2),
      );
      return 0;
    }
    const { importId, imported, recorded, itemIds, position } = outcome;
    // (holder is set: a dry run has returned above)
    await importLedger.complete(fingerprint, holder ?? '', {
      importId,
      importedAt: new Date().toISOString(),
      imported,
      actorId: actor.id,
    });
    if (recorded < imported)
      output.err(
        `${imported - recorded} dari ${imported} baris sudah dicatat oleh jalannya berkas ini sebelumnya.`,
      );
    output.out(JSON.stringify({ importId, imported, recorded, position, itemIds }, null, 2));
    return 0;
  } finally {
    await directory.close();
  }
}

/** As the holder of a token (its role and unit decide, as over HTTP), or as the operator (admin). */
async function actorFor(tokens: TokenStore, principalId: string | undefined): Promise<Actor> {
  if (!principalId) return { id: `cli:${process.env.USER ?? 'operator'}`, role: 'admin', unitId: null };
  const token = (await tokens.list()).find((t) => t.principalId === principalId && !t.revokedAt);
  if (!token) throw new UsageError(`no active token for principal '${principalId}' (jejak token list)`);
  return { id: token.principalId, role: token.role, unitId: token.unitId };
}
