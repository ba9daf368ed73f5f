import {
  decodeCustodyEvent,
  evolve,
  itemStreamId,
  sealEvents,
  type Actor,
  type CustodyEvent,
  type DecidedEvent,
  type ItemState,
  type LocationInfo,
  type LocationLookup,
  type ShortCodeAssigner,
} from '@jejak/custody';
import {
  CommandPipeline,
  comparePositions,
  ConcurrencyConflictError,
  IdempotentRequest,
  idSourceFor,
  type EventStore,
} from '@jejak/event-store';
import {
  parseDaftarArsip,
  type DaftarArsipTable,
  type ParsedDaftarArsip,
  type RowError,
} from './daftar-arsip.parser';
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
  shortCodes?: ShortCodeAssigner;
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
  const streamOfRow = new Map(
    parsed.rows.map(({ row, body }) => [
      row,
      itemStreamId(itemIdFor(row, typeof body.id === 'string' ? body.id : undefined)),
    ]),
  );
  const streams = parsed.rows.map(({ row }) => ({
    streamId: streamOfRow.get(row)!,
    idScope: [`row ${row}`],
  }));

  // One registration per row through the pipeline's stages, decided together by the validator: a
  // stream this import's earlier try (same key) recorded counts as done; any other is refused.
  let preview: RowPreview[] = [];
  let done = 0;
  const importId = `imp-${seed('import')}`;
  let handled;
  try {
    handled = await new CommandPipeline(store).handleMany<
      DecidedEvent,
      CustodyEvent,
      ItemState,
      string,
      ImportOutcome
    >({
      streams,
      fold: { decode: decodeCustodyEvent, evolve },
      request: keyed,
      tokenId,
      dryRun: request.dryRun,
      batchSize: request.batchSize ?? DEFAULT_BATCH,
      context: (now) => ({ ok: true, value: now }),
      decide: (states, now) => {
        const pending = {
          ...parsed,
          rows: parsed.rows.filter(({ row }) => states.has(streamOfRow.get(row)!)),
        };
        done = parsed.rows.length - pending.rows.length;
        const { accepted, errors } = validateDaftarArsip(pending, {
          actor,
          now,
          locations: directory.lookup,
          itemIdFor,
          stateOf: (itemId) => states.get(itemStreamId(itemId)) ?? null,
        });
        if (errors.length > 0) return { ok: false, refusal: refusal(errors) };
        const lastErrors = request.finalCheck?.(accepted) ?? [];
        if (lastErrors.length > 0) return { ok: false, refusal: refusal(lastErrors) };
        if (request.dryRun) {
          preview = previewOf(parsed, accepted);
          return { ok: true, events: new Map() };
        }
        const events = new Map(
          accepted.map(({ itemId, events }) => [
            itemStreamId(itemId),
            withShortCodes(events, now, request.shortCodes),
          ]),
        );
        return { ok: true, events };
      },
      seal: (streamId, decided, chain, now) =>
        sealEvents(decided, {
          itemId: itemIdOf(streamId),
          ...chain,
          occurredAt: now,
          recordedAt: now,
          actor,
          commandId: idempotency?.key ?? null,
          correlationId: importId,
          note: null,
        }),
      onAppended: (streams) => request.onProgress?.(done + streams, parsed.rows.length),
    });
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) throw error;
    // Someone registered one of these ids meanwhile: earlier batches stay recorded, say which.
    const row = parsed.rows.find(({ row }) => streamOfRow.get(row) === error.streamId)?.row ?? 0;
    const message = `arsip '${itemIdOf(error.streamId)}' baru saja didaftarkan pihak lain; baris sebelum kelompok ini sudah tercatat`;
    return {
      ok: false,
      code: 'already-exists',
      message,
      errors: [{ row, column: 'ID', message, code: 'already-exists' }],
    };
  }
  if (!handled.ok) return handled.refusal;
  if (request.dryRun) {
    return { ok: true, importId: '', imported: 0, recorded: 0, itemIds: [], position: null, preview };
  }

  const positions = [
    ...[...handled.earlier.values()].map((events) => events[0].position),
    ...handled.results.map((result) => result.position),
  ];
  const position = positions.reduce<string | null>(
    (high, p) => (high === null || comparePositions(p, high) > 0 ? p : high),
    null,
  );
  return {
    ok: true,
    importId,
    imported: parsed.rows.length,
    recorded: handled.results.length,
    itemIds: parsed.rows.map(({ row }) => itemIds.get(row)!),
    position,
  };
}

const itemIdOf = (streamId: string): string => streamId.replace(/^item-/, '');

/** Every valid row as it would be registered; its id only when the list gives one. */
function previewOf(parsed: ParsedDaftarArsip, accepted: readonly RowDecision[]): RowPreview[] {
  const given = new Set(parsed.rows.filter(({ body }) => typeof body.id === 'string').map(({ row }) => row));
  return accepted.map(({ row, itemId, command }) => ({
    row,
    ...(given.has(row) ? { itemId } : {}),
    ...(command.data as Record<string, unknown>),
  }));
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
