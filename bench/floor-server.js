'use strict';
/**
 * The floor: the least a durable custody service on this machine must do per request, with no Nest
 * and no domain. A bare Fastify server on the service's SQLite settings (WAL, synchronous=FULL) that
 *   - checks the bearer token by a SHA-256 lookup in a tokens table,
 *   - POST /items: inserts one event row and one view row in one transaction (one fsync per write),
 *   - GET /items/:id: answers one primary-key lookup.
 * The service's figures are given as ratios to these, measured in the same run on the same machine.
 *
 *   FLOOR_DATA_DIR=/tmp/floor FLOOR_TOKEN=... PORT=4000 node bench/floor-server.js
 */
const { createHash } = require('node:crypto');
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const fastify = require('fastify');

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const BEARER = /^Bearer\s+(\S+)\s*$/i;

function openDatabase(dataDir, token) {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS tokens (token_hash TEXT PRIMARY KEY, principal_id TEXT NOT NULL, role TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision));
    CREATE TABLE IF NOT EXISTS items (item_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, view TEXT NOT NULL);
  `);
  db.prepare('INSERT OR IGNORE INTO tokens VALUES (?, ?, ?)').run(sha256(token), 'bench-officer', 'officer');
  return db;
}

function buildServer({ dataDir, token }) {
  const db = openDatabase(dataDir, token);
  const findToken = db.prepare('SELECT principal_id, role FROM tokens WHERE token_hash = ?');
  const insertEvent = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, recorded_at) VALUES (?, 0, ?, ?, ?, ?)',
  );
  const insertView = db.prepare('INSERT INTO items (item_id, revision, view) VALUES (?, 0, ?)');
  const findItem = db.prepare('SELECT view FROM items WHERE item_id = ?');
  let eventCounter = 0;
  const register = db.transaction((id, body, principal) => {
    const recordedAt = new Date().toISOString();
    const data = JSON.stringify({ ...body, itemId: id, actor: principal.principal_id });
    const { lastInsertRowid } = insertEvent.run(
      `item-${id}`,
      `floor-${process.pid}-${eventCounter++}`,
      'registered',
      data,
      recordedAt,
    );
    const view = { itemId: id, revision: 0, status: 'registered', title: body.title, since: recordedAt };
    insertView.run(id, JSON.stringify(view));
    return { itemId: id, revision: 0, position: String(lastInsertRowid) };
  });

  const app = fastify({ logger: false });
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url === '/health') return done();
    const match = BEARER.exec(request.headers.authorization ?? '');
    const principal = match ? findToken.get(sha256(match[1])) : undefined;
    if (!principal) return reply.code(401).send({ code: 'unauthenticated' });
    request.principal = principal;
    done();
  });
  app.post('/items', (request, reply) => {
    const body = request.body ?? {};
    if (typeof body.id !== 'string' || typeof body.title !== 'string')
      return reply.code(400).send({ code: 'invalid' });
    try {
      return reply.code(201).send(register(body.id, body, request.principal));
    } catch (error) {
      if (String(error.code).startsWith('SQLITE_CONSTRAINT'))
        return reply.code(409).send({ code: 'already-exists' });
      throw error;
    }
  });
  app.get('/items/:id', (request, reply) => {
    const row = findItem.get(request.params.id);
    if (!row) return reply.code(404).send({ code: 'not-found' });
    return reply.type('application/json').send(row.view);
  });
  app.get('/health', () => ({ ok: true }));
  app.addHook('onClose', (_instance, done) => {
    db.close();
    done();
  });
  return app;
}

module.exports = { buildServer };

if (require.main === module) {
  const app = buildServer({
    dataDir: process.env.FLOOR_DATA_DIR ?? join(__dirname, '.cache', 'floor'),
    token: process.env.FLOOR_TOKEN ?? 'floor-bench-token-0123456789',
  });
  app
    .listen({ port: Number(process.env.PORT ?? 4000), host: process.env.HOST ?? '127.0.0.1' })
    .then((address) => process.stdout.write(`floor listening on ${address}\n`))
    .catch((error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    });
  const stop = () => app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
