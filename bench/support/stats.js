'use strict';
/** Small statistics for benchmark runs: medians and ranges of per-run figures. */

const sorted = (values) => [...values].sort((a, b) => a - b);

function median(values) {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/** `{ median, min, max, runs }` of one figure across runs. */
function summarise(values, digits = 2) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { median: null, min: null, max: null, runs: values.length };
  const s = sorted(finite);
  return {
    median: round(median(s), digits),
    min: round(s[0], digits),
    max: round(s[s.length - 1], digits),
    runs: values.length,
  };
}

module.exports = { median, summarise, round };
