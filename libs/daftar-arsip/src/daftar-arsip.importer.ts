import {
  decodeCustodyEvent,
  evolve,
  itemStreamId,
  sealEvents,
  type Actor,
  type LocationInfo,
  type LocationLookup,
  type MaybeItemState,
  type ShortCodeAssigner,
} from '@jejak/custody';
import {
  WrongExpectedRevisionError,
  chainStart,
  comparePositions,
  foldRecorded,
  IdempotentRequest,
  idSourceFor,
  requestMetadata,
  toStreamAppend,
  type EventStore,
  type StreamAppend,
} from '@jejak/event-store';
import { parseDaftarArsip, type DaftarArsipTable, type RowError } from './daftar-arsip.parser';
import { validateDaftarArsip, type RowDecision } from './daftar-arsip.validator';

export interface ImportDirectory {
  lookup: LocationLookup;
  list(): LocationInfo[];
}

export interface ImportRequest {
  /** CSV text, or the cells of a spreadsheet already read (readDaftarArsipFile). */
  csv: string | DaftarArsipTable;
  actor: Actor;
  /** Scopes the ids derived from an idempotency key (the token's id; `cli` for the CLI). */
  tokenId: string;
  /** Unit pengolah of rows that name none. */
  defaultOriginUnitId?: string;
  /** With a key, item and event ids derive from it and the row: a retry records nothing twice. */
  idempotency?: { key: string; requestHash: string };
  batchSize?: number;
  onProgress?: (recorded: number, total: number) => void;
  /** Last checks on the valid rows before anything is recorded (e.g. for the transfer to follow). */
  finalCheck?: (accepted: readonly RowDecision[]) => RowError[];
  /** Check every row and answer what would be recorded (`preview`), recording nothing. */
  dryRun?: boolean;
  /** Gives each recorded item its short code (none on a dry run). */
  /**
   * The counters for the short codes. `reserve`, when given, is awaited first with one wish per
   * registration (a store over the network takes its numbers then; assign is synchronous).
   */
  shortCodes?: ShortCodeAssigner & {
    reserve?(wanted: readonly { originUnitId: string; occurredAt: string }[]): Promise<void>;
  };
}

/** A row as it would be registered: the item's fields; its id only when the list gives one. */
export type RowPreview = { row: number; itemId?: string } & Record<string, unknown>;

export type ImportOutcome =
  | {
      ok: true;
      importId: string;
      /** Rows recorded (now or by an earlier try with the same key). */
      imported: number;
      /** Of those, rows recorded by this call (the rest by an earlier try with the same key). */
      recorded: number;
      itemIds: string[];
      /** Global position of the last event; wait for it with `minPosition`. */
      position: string | null;
      /** Only on a dry run (then imported and recorded are 0): every valid row, as it would be registered. */
      preview?: RowPreview[];
    }
  | {
      ok: false;
      code: 'validation-failed' | 'classified-not-accepted' | 'forbidden' | 'already-exists';
      message: string;
      errors: RowError[];
    };

const DEFAULT_BATCH = 500;

/** Unit pengolah typed as an id ("kec-babelan") or as its name ("Kecamatan Babelan"). */
export function unitResolver(directory: ImportDirectory): (text: string) => string | undefined {
  const byName = new Map(directory.list().map((l) => [l.name.toLowerCase().replace(/\s+/g, ' '), l.id]));
  return (text) => (directory.lookup(text) ? text : byName.get(text.toLowerCase().replace(/\s+/g, ' ')));
}

/**
 * Imports a daftar arsip all or nothing: every row is parsed and validated before anything is
 * recorded; then each item's `registered` event opens its own stream, appended in batches.
 * Shared by POST /api/imports/daftar-arsip and `jejak import daftar-arsip`.
 */
export async function importDaftarArsip(
  store: EventStore,
  directory: ImportDirectory,
  request: ImportRequest,
): Promise<ImportOutcome> {
  const { actor, tokenId, idempotency } = request;
  const keyed = idempotency && new IdempotentRequest(tokenId, idempotency.key, idempotency.requestHash);
  const seed = idSourceFor(keyed);
  const parsed = parseDaftarArsip(request.csv, {
    defaultOriginUnitId: request.defaultOriginUnitId,
    resolveUnit: unitResolver(directory),
  });
  if (parsed.rows.length === 0 && parsed.errors.length === 0) {
    return { ok: false, code: 'validation-failed', message: 'Daftar tidak berisi baris arsip.', errors: [] };
  }

  const itemIds = new Map<number, string>();
  const itemIdFor = (row: number, givenId: string | undefined): string => {
    if (!itemIds.has(row)) itemIds.set(row, givenId ?? `itm-${seed(`row ${row}`, 'item')}`);
    return itemIds.get(row)!;
  };
  const eventIdFor = (row: number) => seed(`row ${row}`, 0);

  // What the store already holds: other items (refused as already-exists) or this very import's
  // own earlier try with the same key (counted as done, not recorded again).
  const states = new Map<string, MaybeItemState>();
  const done = new Map<number, { itemId: string; position: string }>();
  for (const { row, body } of parsed.rows) {
    const itemId = itemIdFor(row, typeof body.id === 'string' ? body.id : undefined);
    const recorded = await store.readStream(itemStreamId(itemId));
    if (recorded.length === 0) continue;
    const mine =
      idempotency &&
      recorded[0].eventId === eventIdFor(row) &&
      recorded[0].metadata.requestHash === idempotency.requestHash;
    if (mine) done.set(row, { itemId, position: recorded[0].position });
    else states.set(itemId, foldRecorded(recorded, { decode: decodeCustodyEvent, evolve }));
  }

  const now = new Date().toISOString();
  const pending = { ...parsed, rows: parsed.rows.filter(({ row }) => !done.has(row)) };
  const { accepted, errors } = validateDaftarArsip(pending, {
    actor,
    now,
    locations: directory.lookup,
    itemIdFor,
    stateOf: (itemId) => states.get(itemId) ?? null,
  });
  if (errors.length > 0) return refusal(errors);
  const lastErrors = request.finalCheck?.(accepted) ?? [];
  if (lastErrors.length > 0) return refusal(lastErrors);
  if (request.dryRun) {
    const given = new Set(
      parsed.rows.filter(({ body }) => typeof body.id === 'string').map(({ row }) => row),
    );
    const preview = accepted.map(({ row, itemId, command }) => ({
      row,
      ...(given.has(row) ? { itemId } : {}),
      ...(command.data as Record<string, unknown>),
    }));
    return { ok: true, importId: '', imported: 0, recorded: 0, itemIds: [], position: null, preview };
  }

  const importId = `imp-${seed('import')}`;
  const metadata = requestMetadata(keyed, tokenId);
  // Each row is a registration through the pipeline's stages (its decision made by the validator),
  // appended in batches rather than one command at a time.
  await request.shortCodes?.reserve?.(
    accepted.flatMap(({ events }) =>
      events
        .filter((event) => event.type === 'registered' && event.data.shortCode === undefined)
        .map((event) => ({
          originUnitId: (event.data as { originUnitId: string }).originUnitId,
          occurredAt: now,
        })),
    ),
  );
  const appends: StreamAppend[] = accepted.map((decision: RowDecision) => {
    const sealed = sealEvents(withShortCodes(decision.events, now, request.shortCodes), {
      itemId: decision.itemId,
      ...chainStart(null, [eventIdFor(decision.row)]),
      occurredAt: now,
      recordedAt: now,
      actor,
      commandId: idempotency?.key ?? null,
      correlationId: importId,
      note: null,
    });
    return toStreamAppend(itemStreamId(decision.itemId), sealed, metadata, 'no_stream');
  });

  const positions = [...done.values()].map((d) => d.position);
  const batchSize = request.batchSize ?? DEFAULT_BATCH;
  request.onProgress?.(done.size, parsed.rows.length);
  for (let start = 0; start < appends.length; start += batchSize) {
    const batch = appends.slice(start, start + batchSize);
    try {
      const results = await store.appendMany(batch);
      positions.push(results[results.length - 1].position);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Someone registered one of these ids meanwhile: earlier batches stay recorded, say which.
      const row = accepted.find((a) => itemStreamId(a.itemId) === error.streamId)?.row ?? 0;
      const message = `arsip '${error.streamId.replace(/^item-/, '')}' baru saja didaftarkan pihak lain; baris sebelum kelompok ini sudah tercatat`;
      return {
        ok: false,
        code: 'already-exists',
        message,
        errors: [{ row, column: 'ID', message, code: 'already-exists' }],
      };
    }
    request.onProgress?.(done.size + start + batch.length, parsed.rows.length);
  }

  const position = positions.reduce<string | null>(
    (high, p) => (high === null || comparePositions(p, high) > 0 ? p : high),
    null,
  );
  return {
    ok: true,
    importId,
    imported: parsed.rows.length,
    recorded: appends.length,
    itemIds: parsed.rows.map(({ row }) => itemIds.get(row)!),
    position,
  };
}

function refusal(errors: RowError[]): ImportOutcome {
  const rows = new Set(errors.map((e) => e.row)).size;
  const forbidden = errors.some((e) => e.code === 'forbidden');
  const onlyClassified = errors.every((e) => e.code === 'classified-not-accepted');
  const code = forbidden ? 'forbidden' : onlyClassified ? 'classified-not-accepted' : 'validation-failed';
  const message = `${rows} baris daftar tidak dapat diimpor; tidak ada yang dicatat. ${errors
    .slice(0, 5)
    .map(describeError)
    .join('; ')}${errors.length > 5 ? '; …' : ''}`;
  return { ok: false, code, message, errors };
}

export const describeError = (e: RowError): string =>
  e.row > 0 ? `baris ${e.row}, ${e.column}: ${e.message}` : `${e.column}: ${e.message}`;

/** Each registration with the next code of its unit, in its event (as POST /api/items does). */
function withShortCodes(
  events: RowDecision['events'],
  now: string,
  codes: ShortCodeAssigner | undefined,
): RowDecision['events'] {
  if (!codes) return events;
  return events.map((event) =>
    event.type === 'registered' && event.data.shortCode === undefined
      ? { ...event, data: { ...event.data, shortCode: codes.assign(event.data.originUnitId, now) } }
      : event,
  );
}
