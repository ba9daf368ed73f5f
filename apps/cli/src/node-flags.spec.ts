import { BULK_NODE_FLAGS, relaunchFlags } from './node-flags';

describe('relaunchFlags', () => {
  it('asks a rebuild, the projector and an import to start again with the bulk flags', () => {
    expect(relaunchFlags(['projections', 'rebuild'], [])).toEqual(BULK_NODE_FLAGS);
    expect(relaunchFlags(['project'], ['--enable-source-maps'])).toEqual(BULK_NODE_FLAGS);
    expect(relaunchFlags(['import', 'daftar-arsip', 'a.csv', '--unit', 'setda'], [])).toEqual(
      BULK_NODE_FLAGS,
    );
  });

  it('leaves short commands, and a process that has the flags, as they are', () => {
    expect(relaunchFlags(['token', 'list'], [])).toBeNull();
    expect(relaunchFlags(['verify'], [])).toBeNull();
    expect(relaunchFlags([], [])).toBeNull();
    expect(relaunchFlags(['projections', 'rebuild'], BULK_NODE_FLAGS)).toBeNull();
  });

  it("keeps the operator's own size from NODE_OPTIONS or the command line", () => {
    expect(relaunchFlags(['projections', 'rebuild'], [], '--max-semi-space-size=32')).toBeNull();
    expect(relaunchFlags(['project'], ['--max-semi-space-size=16'])).toBeNull();
  });
});
