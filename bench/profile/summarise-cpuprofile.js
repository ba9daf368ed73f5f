'use strict';
/**
 * Top functions of a V8 .cpuprofile by self time, and by inclusive time (self + callees).
 *
 *   node bench/profile/summarise-cpuprofile.js <file.cpuprofile> [top=25] [last-seconds]
 */
const { readFileSync } = require('node:fs');
const { relative } = require('node:path');

const ROOT = require('node:path').join(__dirname, '..', '..');

function frameName({ functionName, url, lineNumber }) {
  const where = url ? relative(ROOT, url.replace('file://', '')) : '';
  return `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`;
}

/** Hits per node id, only of the samples taken in the window [endTime - lastMs, endTime - skipEndMs]. */
function hitsInWindow(profile, lastMs, skipEndMs) {
  const hits = new Map();
  let t = profile.startTime;
  const from = profile.endTime - lastMs * 1000;
  const to = profile.endTime - skipEndMs * 1000;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    if (t >= from && t <= to) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

/** `lastMs`: only the last milliseconds of the profile (the load, not the start-up). */
function summarise(profile, top = 25, { lastMs = Infinity, skipEndMs = 0 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1) / 1000; // ms per sample
  const windowHits = hitsInWindow(profile, lastMs, skipEndMs);
  const self = new Map();
  const inclusive = new Map();
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let total = 0;
  for (const node of profile.nodes) {
    const hits = windowHits.get(node.id) ?? 0;
    if (hits === 0) continue;
    total += hits;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + hits);
    // Inclusive: count each distinct function once per stack.
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parents.get(id)) {
      const frame = frameName(byId.get(id).callFrame);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + hits);
    }
  }
  const rows = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({
        pct: Number(((100 * hits) / total).toFixed(1)),
        ms: Math.round(hits * interval),
        name,
      }));
  return { totalMs: Math.round(total * interval), self: rows(self), inclusive: rows(inclusive) };
}

module.exports = { summarise };

if (require.main === module) {
  const [file, top = '25', lastSeconds] = process.argv.slice(2);
  const window = lastSeconds ? { lastMs: Number(lastSeconds) * 1000 } : {};
  const { totalMs, self, inclusive } = summarise(JSON.parse(readFileSync(file, 'utf8')), Number(top), window);
  const print = (title, rows) => {
    console.log(`\n${title} (of ${totalMs} ms sampled)`);
    for (const r of rows)
      console.log(`${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.name}`);
  };
  print('self time', self);
  print(
    'inclusive time',
    inclusive.filter((r) => !r.name.startsWith('(root)')),
  );
}
