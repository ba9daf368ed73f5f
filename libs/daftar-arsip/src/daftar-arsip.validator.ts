import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  unitPartiesOf,
  decide,
  type Actor,
  type CustodyCommand,
  type DecidedEvent,
  type LocationLookup,
  type MaybeItemState,
} from '@jejak/custody';
import { RegisterItemDto, toRegisterCommand } from '@jejak/http-contract';
import type { ParsedDaftarArsip, RowError } from './daftar-arsip.parser';
import { inIndonesian } from './row-messages';

export interface RowDecision {
  row: number;
  itemId: string;
  command: CustodyCommand;
  events: DecidedEvent[];
}

export interface ValidationContext {
  actor: Actor;
  now: string;
  locations: LocationLookup;
  /** The item id a row registers: its ID cell, else one the caller derives (from an Idempotency-Key). */
  itemIdFor(row: number, givenId: string | undefined): string;
  /** What the store holds for an item id already (null when new). */
  stateOf(itemId: string): MaybeItemState;
}

export interface ValidatedImport {
  accepted: RowDecision[];
  errors: RowError[];
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Every row through the same rules as POST /api/items: the edge's DTO checks, then the domain's
 * decide (directory references, classified items, the actor's unit, already-registered ids).
 * Pure: the store's answers come in through `stateOf`. Nothing stops at the first bad row.
 */
export function validateDaftarArsip(parsed: ParsedDaftarArsip, ctx: ValidationContext): ValidatedImport {
  const errors: RowError[] = [...parsed.errors];
  const accepted: RowDecision[] = [];
  const rowOfId = new Map<string, number>();
  const failedColumns = new Set(parsed.errors.map((e) => `${e.row}|${e.column}`));
  const unreadableRows = new Set(parsed.errors.map((e) => e.row));
  const fail = (row: number, column: string, message: string, code: RowError['code']) => {
    if (failedColumns.has(`${row}|${column}`)) return;
    errors.push({ row, column, message: inIndonesian(message), code });
  };

  for (const { row, body } of parsed.rows) {
    const errorsBefore = errors.length;
    const dto = plainToInstance(RegisterItemDto, body);
    const invalid = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
    // One line per cell, as the spreadsheet user fixes it: a missing title is not three problems.
    const byColumn = new Map<string, string[]>();
    for (const { field, message } of invalid) {
      const column = parsed.columnOf(field);
      byColumn.set(column, [...(byColumn.get(column) ?? []), message]);
    }
    for (const [column, messages] of byColumn)
      fail(row, column, messages.map(inIndonesian).join('; '), 'validation-failed');
    const givenId = typeof body.id === 'string' ? body.id : undefined;
    const itemId = ctx.itemIdFor(row, givenId);
    const earlierRow = rowOfId.get(itemId);
    if (earlierRow !== undefined) {
      fail(row, parsed.columnOf('id'), `ID yang sama dengan baris ${earlierRow}`, 'validation-failed');
    }
    rowOfId.set(itemId, row);
    if (invalid.length > 0 || earlierRow !== undefined) continue;

    const command = toRegisterCommand(itemId, dto);
    const decision = decide(command, ctx.stateOf(itemId), {
      actor: ctx.actor,
      now: ctx.now,
      occurredAt: ctx.now,
      locations: ctx.locations,
      parties: unitPartiesOf(ctx.locations),
    });
    if (!decision.ok) {
      const { refusal } = decision;
      const code =
        refusal.code === 'not-found' ||
        refusal.code === 'invalid-transition' ||
        refusal.code === 'unknown-party'
          ? 'validation-failed'
          : refusal.code;
      const column =
        code === 'already-exists'
          ? 'id'
          : code === 'classified-not-accepted'
            ? 'securityClass'
            : 'originUnitId';
      const fields = refusal.errors ?? [{ field: column, message: refusal.message }];
      for (const { field, message } of fields) fail(row, parsed.columnOf(field), message, code);
      continue;
    }
    if (errors.length === errorsBefore && !unreadableRows.has(row))
      accepted.push({ row, itemId, command, events: decision.events });
  }
  errors.sort((a, b) => a.row - b.row);
  return { accepted, errors };
}
