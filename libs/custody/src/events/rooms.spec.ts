import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CUSTODY_EVENT_TYPES } from '../events';
import { CUSTODY_PERMISSIONS } from '../permissions';
import { STREAM_ROOMS, type StreamEventType } from '../room-table';
import { ITEM_STATUSES, TERMINAL_STATUSES, type ItemStatus } from '../state';
import { ALLOWED_FROM } from '../transitions';
import { CUSTODY_ROOMS } from './index';

/** The product spec, beside the repository as every worktree has it (../shared/spec). */
const DOMAIN_MD = join(__dirname, '../../../../../shared/spec/domain.md');

/**
 * Where today's table differs from domain.md on purpose: the spec already describes custody as
 * practiced (another issue), and behaviour stays as it is until that issue lands. Each entry names
 * what the spec adds (`specAlso`) or what the code still allows (`codeAlso`).
 */
const AWAITING_CUSTODY_AS_PRACTICED: Partial<
  Record<StreamEventType, { specAlso?: ItemStatus[]; codeAlso?: ItemStatus[] }>
> = {};

const NON_TERMINAL = ITEM_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

/** domain.md's custody events table: type -> its "allowed from" cell. */
function eventsTable(markdown: string): Map<string, string> {
  const section = markdown.split('## Custody events')[1].split('\n## ')[0];
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\| `([a-z_]+)` \| (.*?) \| (.*) \|$/.exec(line.trim());
    if (match) rows.set(match[1], match[2]);
  }
  return rows;
}

/** The statuses a cell names ("any non-terminal", "any but voided" read as the spec means them). */
function statusesIn(cell: string): ItemStatus[] {
  if (/any non-terminal/.test(cell)) return [...NON_TERMINAL];
  if (/any but voided/.test(cell)) return ITEM_STATUSES.filter((status) => status !== 'voided');
  const text = cell.replace(/`/g, '').replace(/never [a-z_]+/g, '');
  return ITEM_STATUSES.filter((status) => new RegExp(`\\b${status}\\b`).test(text));
}

const sortedSet = (statuses: readonly ItemStatus[]) => [...new Set(statuses)].sort();

const describeWithSpec = existsSync(DOMAIN_MD) ? describe : describe.skip;
if (!existsSync(DOMAIN_MD)) console.log(`rooms.spec: ${DOMAIN_MD} is not here; the table checks are skipped`);

describeWithSpec("the rooms' tables against domain.md's custody events table", () => {
  // describe.skip still runs this body to collect its tests: read the spec only where it is.
  const table = existsSync(DOMAIN_MD)
    ? eventsTable(readFileSync(DOMAIN_MD, 'utf8'))
    : new Map<string, string>();

  it('has a row for every event that has a room', () => {
    expect(CUSTODY_EVENT_TYPES.filter((type) => !table.has(type))).toEqual([]);
  });

  it('opens a stream with registered only, as "(new stream)" says', () => {
    expect(table.get('registered')).toBe('(new stream)');
    expect(Object.keys(ALLOWED_FROM)).not.toContain('registered');
    expect(CUSTODY_ROOMS.registered.opens).toBe(true);
  });

  const withStatuses = (Object.keys(STREAM_ROOMS) as StreamEventType[]).filter(
    (type) => !STREAM_ROOMS[type].needsPendingHandover,
  );
  it.each(withStatuses)('allows %s from the statuses its row names', (type) => {
    const pending = AWAITING_CUSTODY_AS_PRACTICED[type] ?? {};
    const code = ALLOWED_FROM[type].filter((status) => !(pending.codeAlso ?? []).includes(status));
    expect(sortedSet(statusesIn(table.get(type) ?? ''))).toEqual(
      sortedSet([...code, ...(pending.specAlso ?? [])]),
    );
  });

  it('answers a pending handover (accepted, declined) from the statuses a handover can be offered in', () => {
    for (const type of ['handover_accepted', 'handover_declined'] as const) {
      expect(table.get(type)).toMatch(/a pending handover, by its addressee only/);
      expect(STREAM_ROOMS[type].needsPendingHandover).toBe(true);
      expect(ALLOWED_FROM[type]).toEqual(ALLOWED_FROM.handover_offered);
      // "by its addressee only": every grant is the addressee's.
      expect(new Set(CUSTODY_PERMISSIONS[type].map((grant) => grant.scope))).toEqual(new Set(['addressee']));
    }
  });

  it('lets the offerer or an admin withdraw a pending handover, wherever an offer can still be pending', () => {
    expect(table.get('handover_withdrawn')).toMatch(/a pending handover, by its offerer, or an admin/);
    expect(STREAM_ROOMS.handover_withdrawn.needsPendingHandover).toBe(true);
    expect(ALLOWED_FROM.handover_withdrawn).toEqual(
      expect.arrayContaining([...ALLOWED_FROM.handover_offered]),
    );
    expect(new Set(CUSTODY_PERMISSIONS.handover_withdrawn.map((grant) => grant.scope))).toEqual(
      new Set(['offerer', 'anywhere']),
    );
    expect(CUSTODY_PERMISSIONS.handover_withdrawn.filter((grant) => grant.scope === 'anywhere')).toEqual([
      { role: 'admin', scope: 'anywhere' },
    ]);
  });

  it('lets only those at the place record found: the courier who holds it, an officer or depot clerk there (and an admin)', () => {
    const row = readFileSync(DOMAIN_MD, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('| `found` |'));
    expect(row).toMatch(
      /recorded by someone allowed at that place \(the courier who holds it, an officer or depot clerk of the place\)/,
    );
    expect(CUSTODY_PERMISSIONS.found).toEqual([
      { role: 'courier', scope: 'custodian' },
      { role: 'officer', scope: 'found-at' },
      { role: 'depot', scope: 'found-at' },
      { role: 'admin', scope: 'anywhere' },
    ]);
  });

  it('lets only depot staff of that depot take an item in, as the intake_confirmed row says', () => {
    expect(table.get('intake_confirmed')).toMatch(/by depot staff of that depot/);
    // "Transfers and depot intake": a transfer to a unit is taken in by an officer of that unit
    // the same way, so the row's depot staff are joined by the officer of the unit it arrived at.
    expect(CUSTODY_PERMISSIONS.intake_confirmed).toEqual([
      { role: 'depot', scope: 'depot-here' },
      { role: 'officer', scope: 'unit-here' },
    ]);
  });

  it('lists only statuses that domain.md defines', () => {
    const markdown = readFileSync(DOMAIN_MD, 'utf8');
    const statusSection = markdown.split('## Custody events')[0];
    for (const status of ITEM_STATUSES) expect(statusSection).toContain(`| \`${status}\` |`);
  });
});

describe('the rooms', () => {
  it('are filed under their own type, in the order of the table, registered first', () => {
    expect(Object.values(CUSTODY_ROOMS).map((room) => room.type)).toEqual([...CUSTODY_EVENT_TYPES]);
    expect(CUSTODY_EVENT_TYPES[0]).toBe('registered');
  });

  it('give every event at least one grant and never one to an auditor', () => {
    for (const type of CUSTODY_EVENT_TYPES) {
      expect(CUSTODY_PERMISSIONS[type].length).toBeGreaterThan(0);
      expect(CUSTODY_PERMISSIONS[type].map((grant) => grant.role)).not.toContain('auditor');
    }
  });

  it('never allow an event from a terminal status but a correction or a report of loss', () => {
    for (const type of Object.keys(ALLOWED_FROM) as StreamEventType[]) {
      const fromTerminal = ALLOWED_FROM[type].filter((status) => TERMINAL_STATUSES.includes(status));
      expect({ type, fromTerminal }).toEqual({
        type,
        fromTerminal: type === 'corrected' ? TERMINAL_STATUSES.filter((status) => status !== 'voided') : [],
      });
    }
  });
});
