'use strict';
/**
 * Whether `npm start` must build first: the build stamp (written by `postbuild`, after every step
 * of `npm run build`) is missing, or a source is newer than it. Sources are every file under the
 * source folders (apps/, libs/: a web app's src/ as much as the service's) and the files that
 * change what a build makes; build outputs and dependencies inside them are not sources.
 */
const { readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const SOURCE_DIRS = ['apps', 'libs'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const NOT_SOURCES = new Set(['node_modules', 'dist', 'build', 'coverage', '.vite', '.cache']);

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest modification time under a folder, and the file that has it. */
function newestUnder(dir, newest = { mtimeMs: 0, path: null }) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_SOURCES.has(entry.name)) newestUnder(path, newest);
    } else if (entry.isFile()) {
      const mtimeMs = mtimeOf(path);
      if (mtimeMs !== null && mtimeMs > newest.mtimeMs) Object.assign(newest, { mtimeMs, path });
    }
  }
  return newest;
}

/** Why a build is needed (a sentence), or null when the build is up to date. */
function staleness(root = ROOT) {
  const stamp = mtimeOf(join(root, 'dist', '.build-stamp'));
  if (stamp === null) return 'no build yet';
  const newest = { mtimeMs: 0, path: null };
  for (const dir of SOURCE_DIRS) newestUnder(join(root, dir), newest);
  for (const file of SOURCE_FILES) {
    const mtimeMs = mtimeOf(join(root, file));
    if (mtimeMs !== null && mtimeMs > newest.mtimeMs)
      Object.assign(newest, { mtimeMs, path: join(root, file) });
  }
  return newest.mtimeMs > stamp ? `${newest.path.slice(root.length + 1)} is newer than the build` : null;
}

function writeStamp(root = ROOT) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', '.build-stamp'), `${new Date().toISOString()}\n`);
}

module.exports = { staleness, writeStamp, STAMP };

if (require.main === module && process.argv[2] === 'stamp') writeStamp();
