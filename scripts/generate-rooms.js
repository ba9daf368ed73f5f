'use strict';
/**
 * Writes what is assembled from the event rooms (libs/custody/src/events/<type>.ts), so that
 * adding an event is its room file and its spec, nothing else by hand:
 *   - libs/custody/src/events/index.ts: CUSTODY_ROOMS, every room under its type;
 *   - apps/web/src/event-words.ts: each event's word, for the web app (which does not bundle the
 *     domain).
 * Rooms keep their place (domain.md's order); a new room comes last.
 *
 *   node scripts/generate-rooms.js           write the files (npm run build does)
 *   node scripts/generate-rooms.js --check   exit 1 naming the files that are not up to date (lint)
 */
const { readdirSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const ROOMS_DIR = join(ROOT, 'libs', 'custody', 'src', 'events');
const INDEX = join(ROOMS_DIR, 'index.ts');
const WORDS = join(ROOT, 'apps', 'web', 'src', 'event-words.ts');
const GENERATED = 'Written by scripts/generate-rooms.js from the rooms: do not edit by hand.';

/** A room file: `export const <name> = defineEvent…({ type: '…', word: '…', … })`. */
function readRoom(file) {
  const text = readFileSync(join(ROOMS_DIR, file), 'utf8');
  const name = /export const (\w+) = define(?:Event|Opening)\b/.exec(text)?.[1];
  if (!name) return null;
  const type = /^\s+type: '(\w+)',$/m.exec(text)?.[1];
  const word = /^\s+word: '([^'\\]+)',$/m.exec(text)?.[1];
  if (!type || !word) throw new Error(`${file}: a room needs a "type: '…'," and a "word: '…'," line`);
  return { file: file.replace(/\.ts$/, ''), name, type, word };
}

/** Every room, in the order the current index files them; rooms it does not know yet come last. */
function readRooms() {
  const rooms = readdirSync(ROOMS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file !== 'index.ts')
    .map(readRoom)
    .filter(Boolean);
  const filed = existsSync(INDEX) ? [...readFileSync(INDEX, 'utf8').matchAll(/^ {2}(\w+)(?::|,)/gm)] : [];
  const order = new Map(filed.map((match, place) => [match[1], place]));
  const placeOf = (room) => order.get(room.type) ?? Number.MAX_SAFE_INTEGER;
  return rooms.sort((a, b) => placeOf(a) - placeOf(b) || a.type.localeCompare(b.type));
}

function indexText(rooms) {
  const imports = [...rooms]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((room) => `import { ${room.name} } from './${room.file}';`);
  const entries = rooms.map((room) => (room.name === room.type ? room.type : `${room.type}: ${room.name}`));
  return `${imports.join('\n')}

// ${GENERATED}
/**
 * Every custody event, one room (file) each, in the order of domain.md's table. The event types,
 * their data and command types, the transition and permission tables, the HTTP body's required
 * fields and its mapper are all read from here.
 */
export const CUSTODY_ROOMS = {
${entries.map((entry) => `  ${entry},`).join('\n')}
} as const;

/** Each room is filed under its own type. */
type Filed<R> = { [K in keyof R]: { type: K } };
const _filed: Filed<typeof CUSTODY_ROOMS> = CUSTODY_ROOMS;
`;
}

function wordsText(rooms) {
  return `// ${GENERATED}
/** Each custody event's word (its room's \`word\`), as screens and documents show it. */
export const CUSTODY_EVENT_WORDS: Record<string, string> = {
${rooms.map((room) => `  ${room.type}: '${room.word}',`).join('\n')}
};
`;
}

/** The generated files whose text differs from what the rooms make, with the text they should have. */
function staleFiles(rooms = readRooms()) {
  return [
    [INDEX, indexText(rooms)],
    [WORDS, wordsText(rooms)],
  ].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
}

if (require.main === module) {
  const stale = staleFiles();
  if (process.argv.includes('--check')) {
    for (const [path] of stale)
      console.error(`${relative(ROOT, path)} is not up to date: run node scripts/generate-rooms.js`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    for (const [path, text] of stale) writeFileSync(path, text);
  }
}

module.exports = { readRooms, staleFiles };
