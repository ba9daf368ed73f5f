'use strict';
/**
 * Flat cost with size: the same write and read loads against a service on a small store (10k
 * items) and on a large one (1M items, 5M events), and the large service's RSS. Generated stores
 * are cached under bench/.cache/stores/ (keyed by size and by the code that shapes the files), so a
 * re-run reuses them; each run's registrations add to the cached store (a few percent at most).
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { GENERATOR_VERSION, itemIdOf, projectStore, writeEvents } = require('./generate-store');
const { load } = require('./support/load');
const { DIST, memoryMb, spawnService } = require('./support/processes');
const { summarise } = require('./support/stats');
const { createOfficerToken, uniqueRegistrations } = require('./service.bench');

const CACHE = join(__dirname, '.cache', 'stores');
const TARGETS = { maxRateRatio: 1.25, maxRssMb: 400 };

function fingerprint(...parts) {
  const hash = createHash('sha256');
  for (const part of parts)
    hash.update(part.startsWith('/') ? (existsSync(part) ? readFileSync(part) : part) : part);
  return hash.digest('hex').slice(0, 12);
}

/** The events of a cached store are reused while the generator and the event store's schema stay the same. */
const eventsFingerprint = () =>
  fingerprint(`generator ${GENERATOR_VERSION}`, join(DIST, 'libs/event-store/src/sqlite/sqlite-schema.js'));

/**
 * Its read models are projected again (not regenerated) when the read-model schema changes: the
 * fingerprint is of the DDL the compiled createSchema produces, so a refactoring that yields the
 * same tables and indexes keeps the cached read models.
 */
function readModelsFingerprint() {
  const schemaFile = join(DIST, 'libs/read-models/src/sqlite/sqlite-schema.js');
  try {
    const { createSchema, LIVE_TABLES, SCHEMA_VERSION, PAGE_SIZE_BYTES } = require(schemaFile);
    const db = new Database(':memory:');
    try {
      createSchema(db, LIVE_TABLES, 'fingerprint');
      const ddl = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
      return fingerprint(JSON.stringify({ ddl, version: SCHEMA_VERSION, pageSize: PAGE_SIZE_BYTES }));
    } finally {
      db.close();
    }
  } catch {
    return fingerprint(schemaFile);
  }
}

/** The cached store of `items` items: events generated when missing, read models projected when stale. */
async function cachedStore(items, log) {
  const dir = join(CACHE, `${items}-items-${eventsFingerprint()}`);
  if (!existsSync(join(dir, 'generated.json'))) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    log?.(`scale: generating a ${items}-item store (cached in ${dir})`);
    await writeEvents(partial, items, { log });
    renameSync(partial, dir);
  } else {
    log?.(`scale: reusing the events of the cached ${items}-item store ${dir}`);
  }
  const marker = join(dir, 'read-models.fingerprint');
  const wanted = readModelsFingerprint();
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    log?.(`scale: projecting the ${items}-item store (read-model schema ${wanted})`);
    rmSync(marker, { force: true });
    await projectStore(dir, { log });
    writeFileSync(marker, wanted);
  }
  return dir;
}

async function measureStore(service, items, options, tag) {
  const officer = await createOfficerToken(service.baseUrl);
  const common = {
    url: service.baseUrl,
    pid: service.pid,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const writes = await load({
    ...common,
    request: uniqueRegistrations('/api/items', officer, `scale-${tag}`),
  });
  const reads = await load({
    ...common,
    request: {
      method: 'GET',
      headers: { authorization: `Bearer ${officer}` },
      // Uniform over the whole store, so the large store cannot answer from a few hot pages.
      setupRequest: (request) => ({
        ...request,
        path: `/api/items/${itemIdOf(Math.floor(Math.random() * items))}`,
      }),
    },
  });
  const memory = memoryMb(service.pid);
  return { writes, reads, rssMb: memory.rss, rssAnonMb: memory.anon, rssFileMb: memory.file };
}

async function run(options) {
  const { smallItems, largeItems, runs, log } = options;
  const smallDir = await cachedStore(smallItems, log);
  const largeDir = await cachedStore(largeItems, log);
  const results = [];
  for (let r = 0; r < runs; r++) {
    log?.(`scale: run ${r + 1}/${runs}`);
    const tag = `${Date.now().toString(36)}-${r}`;
    // One at a time: the two services would otherwise compete for the page cache and the CPU.
    const small = await spawnService(smallDir);
    let smallResult;
    try {
      smallResult = await measureStore(small, smallItems, options, `s-${tag}`);
    } finally {
      await small.stop('SIGTERM');
    }
    const large = await spawnService(largeDir);
    let largeResult;
    try {
      largeResult = await measureStore(large, largeItems, options, `l-${tag}`);
    } finally {
      await large.stop('SIGTERM');
    }
    results.push({ small: smallResult, large: largeResult });
  }
  const of = (f, digits = 2) => summarise(results.map(f), digits);
  const figures = {
    smallItems,
    largeItems,
    smallWritesPerSecond: of((r) => r.small.writes.perSecond, 0),
    largeWritesPerSecond: of((r) => r.large.writes.perSecond, 0),
    smallReadsPerSecond: of((r) => r.small.reads.perSecond, 0),
    largeReadsPerSecond: of((r) => r.large.reads.perSecond, 0),
    writeRatioSmallToLarge: of((r) => r.small.writes.perSecond / r.large.writes.perSecond),
    readRatioSmallToLarge: of((r) => r.small.reads.perSecond / r.large.reads.perSecond),
    largeWriteP99Ms: of((r) => r.large.writes.latencyMs.p99, 1),
    largeReadP99Ms: of((r) => r.large.reads.latencyMs.p99, 1),
    largeRssMb: of((r) => r.large.rssMb, 0),
    smallRssMb: of((r) => r.small.rssMb, 0),
    largeRssAnonMb: of((r) => r.large.rssAnonMb, 0),
    largeRssFileMb: of((r) => r.large.rssFileMb, 0),
    smallRssAnonMb: of((r) => r.small.rssAnonMb, 0),
    smallRssFileMb: of((r) => r.small.rssFileMb, 0),
  };
  // Within 1.25x either way: a large store that looks faster is noise, not a pass by luck.
  const ratioMet = (s) => s.median !== null && Math.max(s.median, 1 / s.median) <= TARGETS.maxRateRatio;
  const checks = [
    {
      target: `writes/s at ${smallItems} vs ${largeItems} items within 1.25x`,
      value: figures.writeRatioSmallToLarge.median,
      unit: 'x',
      met: ratioMet(figures.writeRatioSmallToLarge),
    },
    {
      target: `reads/s at ${smallItems} vs ${largeItems} items within 1.25x`,
      value: figures.readRatioSmallToLarge.median,
      unit: 'x',
      met: ratioMet(figures.readRatioSmallToLarge),
    },
    {
      target: `service RSS < 400 MB at ${largeItems} items`,
      value: figures.largeRssMb.max,
      unit: 'MB',
      met: figures.largeRssMb.max !== null && figures.largeRssMb.max < TARGETS.maxRssMb,
    },
  ];
  return { options: { ...options, log: undefined }, figures, checks, runs: results };
}

module.exports = { run, cachedStore, eventsFingerprint, readModelsFingerprint, TARGETS };
