'use strict';
/**
 * Generates an embedded store of N items with 5 events each (registered, collected, sorted,
 * dispatched, arrived), written through the compiled store port exactly as the command handler
 * writes them: each event decided by the domain, sealed into the item's hash chain, appended with
 * its expected revision (many appends per group commit), then projected by the real Projector.
 *
 *   node bench/generate-store.js <dataDir> <items>        (needs `npm run build`, or BENCH_DIST)
 *
 * One million items (5M events) takes minutes. The directory gets the tokens of the officers and
 * the courier who "recorded" the events, so `jejak verify` and the service see a consistent store.
 */
const { randomUUID } = require('node:crypto');
const { existsSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { DIST } = require('./support/processes');

const domain = require(join(DIST, 'libs/custody/src/index.js'));
const { SqliteEventStore } = require(join(DIST, 'libs/event-store/src/sqlite/sqlite-event-store.js'));
const { createReadModels, Projector } = require(join(DIST, 'libs/read-models/src/index.js'));
const { openDirectoryDatabase, LocationRepository, TokenRepository } = require(
  join(DIST, 'libs/directory/src/index.js'),
);

const UNITS = ['kec-cikarang-utara', 'kec-cikarang-selatan', 'kec-tambun-selatan', 'kec-babelan', 'setda'];
const SORTING_POINT = 'pemilahan-cikarang-pusat';
const DEPOT = 'depo-arsip-bekasi';
const ITEMS_PER_BATCH = 200;
/** Bump when what is generated changes: cached stores of another version are not reused. */
const GENERATOR_VERSION = 1;

/** Ids sort in registration order and are valid API ids. */
const itemIdOf = (i) => `GEN-${String(i).padStart(8, '0')}`;

/** The people who recorded the generated events, as real tokens in the directory. */
function createPrincipals(dataDir) {
  const db = openDirectoryDatabase(dataDir);
  const locations = new LocationRepository(db);
  const tokens = new TokenRepository(db);
  const principal = (name, role, unitId) => {
    const { record } = tokens.create({ name, role, unitId }, 'bench:generate-store');
    return { tokenId: record.id, actor: { id: record.principalId, role, unitId } };
  };
  const officers = UNITS.map((unit) => principal(`Generated officer ${unit}`, 'officer', unit));
  const courier = principal('Generated courier', 'courier', null);
  const lookup = new Map(locations.list().map((l) => [l.id, l]));
  db.close();
  return { officers, courier, locations: (id) => lookup.get(id) };
}

const RELEASED = { method: 'signature', name: 'Petugas arsip', signatureHash: 'a'.repeat(64) };
/** A letter travels to its addressee unit (never via a depot), a file to the depot. */
const destinationOf = (i) => (i % 4 === 0 ? UNITS[(i + 1) % UNITS.length] : DEPOT);

/** The commands of one item's life so far, with who sends each. */
function commandsFor(i, people) {
  const itemId = itemIdOf(i);
  const officer = people.officers[i % people.officers.length];
  const unit = officer.actor.unitId;
  return [
    {
      by: officer,
      command: {
        type: 'registered',
        itemId,
        data: {
          kind: i % 4 === 0 ? 'letter' : 'file',
          title: `Laporan kegiatan ${unit} nomor ${i}`,
          classificationCode: `000.${i % 9}.${i % 7}`,
          securityClass: i % 5 === 0 ? 'terbatas' : 'biasa',
          originUnitId: unit,
          year: 2000 + (i % 25),
          ...(i % 4 === 0 ? { addresseeUnitId: UNITS[(i + 1) % UNITS.length] } : {}),
        },
      },
    },
    // Released by a signature drawn at the unit (its hash only: a generated store keeps no images).
    { by: people.courier, command: { type: 'collected', itemId, data: { acknowledgement: RELEASED } } },
    {
      by: people.courier,
      command: {
        type: 'sorted',
        itemId,
        data: { locationId: SORTING_POINT, destinationId: destinationOf(i) },
      },
    },
    { by: people.courier, command: { type: 'dispatched', itemId, data: {} } },
    { by: people.courier, command: { type: 'arrived', itemId, data: { locationId: destinationOf(i) } } },
  ];
}

/** Decides and seals one item's events like CustodyCommandHandler, one append per command. */
function appendsFor(i, people, clock) {
  const appends = [];
  let state = null;
  for (const { by, command } of commandsFor(i, people)) {
    const now = new Date(clock.next()).toISOString();
    const decision = domain.decide(command, state, {
      actor: by.actor,
      now,
      occurredAt: now,
      locations: people.locations,
    });
    if (!decision.ok)
      throw new Error(`generated ${command.type} on ${command.itemId} refused: ${decision.refusal.message}`);
    const sealed = domain.sealEvents(decision.events, {
      itemId: command.itemId,
      eventIds: decision.events.map(() => randomUUID()),
      prevRevision: state ? state.revision : -1,
      prevHash: state ? state.headHash : domain.GENESIS_HASH,
      occurredAt: now,
      recordedAt: now,
      actor: by.actor,
      commandId: null,
      correlationId: null,
      note: null,
    });
    const metadata = { requestHash: null, tokenId: by.tokenId };
    appends.push({
      streamId: domain.itemStreamId(command.itemId),
      events: sealed.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        data: { ...event },
        metadata,
      })),
      expectedRevision: state ? state.revision : 'no_stream',
    });
    for (const event of sealed) state = domain.evolve(state, event);
  }
  return appends;
}

/** Writes the events of `items` items into a new store in `dataDir` (no read models). */
async function writeEvents(dataDir, items, { log = () => {} } = {}) {
  if (existsSync(join(dataDir, 'events.sqlite'))) throw new Error(`${dataDir} already holds a store`);
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const people = createPrincipals(dataDir);
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
  // Start well in the past, one simulated second per command.
  let t = Date.now() - items * 5 * 1000 - 3600_000;
  const clock = { next: () => (t += 1000) };
  let lastLog = Date.now();
  for (let first = 0; first < items; first += ITEMS_PER_BATCH) {
    const appends = [];
    for (let i = first; i < Math.min(first + ITEMS_PER_BATCH, items); i++)
      appends.push(...appendsFor(i, people, clock));
    await store.appendMany(appends);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(
        `generate: ${first + ITEMS_PER_BATCH} of ${items} items written (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
  }
  await store.close();
  const summary = {
    items,
    events: items * 5,
    writeSeconds: Math.round((Date.now() - started) / 1000),
    generatedAt: new Date().toISOString(),
  };
  writeFileSync(join(dataDir, 'generated.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log(`generate: ${items} items (${items * 5} events) written in ${summary.writeSeconds} s`);
  return summary;
}

/** Projects a store's events into fresh read models with the real Projector, as the service would. */
async function projectStore(dataDir, { log = () => {} } = {}) {
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dataDir, `read-models.sqlite${suffix}`), { force: true });
  const started = Date.now();
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
  const readModels = await createReadModels({ dataDir });
  const projector = new Projector(store, readModels, { batchSize: 2000 });
  await projector.start();
  const head = await store.headPosition();
  if (head !== null) {
    while (!(await projector.waitForPosition(head, 10_000))) {
      log(`generate: projected up to position ${projector.appliedPosition()} of ${head}`);
    }
  }
  await projector.stop();
  await readModels.close();
  await store.close();
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`generate: projected in ${seconds} s`);
  return { projectSeconds: seconds };
}

/** Writes `items` items into a new store in `dataDir`, then projects them. */
async function generateStore(dataDir, items, options = {}) {
  const written = await writeEvents(dataDir, items, options);
  const projected = await projectStore(dataDir, options);
  return { ...written, ...projected };
}

module.exports = { GENERATOR_VERSION, generateStore, itemIdOf, projectStore, writeEvents };

if (require.main === module) {
  const [dataDir, items = '10000'] = process.argv.slice(2);
  if (!dataDir) {
    console.error('usage: node bench/generate-store.js <dataDir> <items>');
    process.exit(2);
  }
  generateStore(dataDir, Number(items), { log: console.log }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
