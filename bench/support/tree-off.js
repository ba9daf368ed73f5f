'use strict';
/**
 * Preloaded (`node -r bench/support/tree-off.js dist/…/main.js`) to run the very same built service
 * with its embedded store keeping no verifiable log: the "tree off" side of the side-by-side
 * measurement. The service itself has no such switch, on purpose (a deployment always keeps the log).
 * The bench checks that it took: `/api/log/key` answers 404 on this side only.
 */
const Module = require('node:module');

const STORE_MODULE = /[\\/]libs[\\/]event-store[\\/]src[\\/]sqlite[\\/]sqlite-event-store\.js$/;
const load = Module._load;

Module._load = function loadWithoutTree(request, parent, isMain) {
  const exported = load.call(this, request, parent, isMain);
  // The request's own text first: resolving every require of the service again would slow its start.
  const candidate = request.endsWith('sqlite-event-store') || request.endsWith('sqlite-event-store.js');
  if (
    candidate &&
    STORE_MODULE.test(Module._resolveFilename(request, parent, isMain)) &&
    !exported.SqliteEventStore.treeOff
  ) {
    const Store = exported.SqliteEventStore;
    class SqliteEventStoreWithoutTree extends Store {
      constructor(options) {
        super({ ...options, verifiableLog: false });
      }
    }
    SqliteEventStoreWithoutTree.treeOff = true;
    exported.SqliteEventStore = SqliteEventStoreWithoutTree;
  }
  return exported;
};
