'use strict';
/**
 * The four loads the profiling tools drive: `items` items registered first, then autocannon
 * request definitions for writes, custody events, where-is reads and history reads.
 */
const { sendAll } = require('../support/load');
const { createOfficerToken, json, registration, uniqueRegistrations } = require('../service.bench');

async function seedScenarios(baseUrl, items) {
  const officer = await createOfficerToken(baseUrl);
  const eventIds = (
    await sendAll(items, 32, (i) => ({
      url: `${baseUrl}/api/items`,
      init: { method: 'POST', headers: json(officer), body: JSON.stringify(registration(`p-${i}`)) },
    }))
  ).map((a) => a.eventId);
  const pick = () => Math.floor(Math.random() * items);
  const auth = { authorization: `Bearer ${officer}` };
  return {
    writes: uniqueRegistrations('/api/items', officer, 'w'),
    events: {
      method: 'POST',
      headers: json(officer),
      setupRequest: (r) => {
        const i = pick();
        return {
          ...r,
          path: `/api/items/p-${i}/events`,
          body: JSON.stringify({ type: 'corrected', correctsEventId: eventIds[i], reason: 'x' }),
        };
      },
    },
    reads: { method: 'GET', headers: auth, setupRequest: (r) => ({ ...r, path: `/api/items/p-${pick()}` }) },
    history: {
      method: 'GET',
      headers: auth,
      setupRequest: (r) => ({ ...r, path: `/api/items/p-${pick()}/history` }),
    },
  };
}

module.exports = { seedScenarios };
