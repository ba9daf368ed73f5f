'use strict';

/** Cumulative bucket counts of one Prometheus histogram (summed over its label sets). */
async function scrapeHistogram(baseUrl, token, name) {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
  const text = await response.text();
  const buckets = new Map();
  const pattern = new RegExp(`^${name}_bucket\\{(?:.*,)?le="([^"]+)"(?:,.*)?\\} (\\S+)$`, 'gm');
  for (const match of text.matchAll(pattern)) {
    const le = match[1] === '+Inf' ? Infinity : Number(match[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/**
 * The q-quantile of what a histogram recorded between two scrapes, as the upper bound of the bucket
 * it falls in (Prometheus buckets are coarse: "p99 <= 0.05 s"). Null when nothing was recorded.
 */
function quantileBetween(before, after, q) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (le) => (after.get(le) ?? 0) - (before.get(le) ?? 0);
  const total = count(Infinity);
  if (total <= 0) return null;
  const bound = bounds.find((le) => count(le) >= q * total);
  return { upperBoundSeconds: bound, observations: total };
}

module.exports = { scrapeHistogram, quantileBetween };
