'use strict';
const autocannon = require('autocannon');
const { cpuMs } = require('./processes');

/**
 * One autocannon run. `request` is an autocannon request (method, path, headers, body, setupRequest).
 * Answers the 2xx rate per second over the run, latency percentiles (ms), what went wrong and, given
 * the server's pid, its CPU time per answered request.
 */
async function load({ url, connections, durationSeconds, request, warmupSeconds = 0, pid }) {
  if (warmupSeconds > 0) {
    await autocannon({ url, connections, duration: warmupSeconds, requests: [request] });
  }
  const cpuBefore = pid ? cpuMs(pid) : null;
  const result = await autocannon({ url, connections, duration: durationSeconds, requests: [request] });
  const cpuAfter = pid ? cpuMs(pid) : null;
  const ok = result['2xx'];
  const answered = ok + result.non2xx;
  return {
    perSecond: ok / result.duration,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
    ),
    durationSeconds: result.duration,
    // The server's own CPU per answered request: robust to the machine being shared.
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && answered > 0 ? (cpuAfter - cpuBefore) / answered : null,
  };
}

/** Sends `count` requests built by `make(i)` with `concurrency` in flight; throws on a non-2xx. */
async function sendAll(count, concurrency, make) {
  const answers = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const { url, init } = make(i);
        const response = await fetch(url, init);
        const text = await response.text();
        if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text}`);
        answers[i] = text ? JSON.parse(text) : null;
      }
    }),
  );
  return answers;
}

module.exports = { load, sendAll };
