import { deterministicUuid, IdempotentRequest, idSourceFor } from './idempotent-request';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicUuid', () => {
  it('gives the same UUID for the same seed, so a retried command does not double its events', () => {
    expect(deterministicUuid('idem-key-1:0')).toBe(deterministicUuid('idem-key-1:0'));
    expect(deterministicUuid('idem-key-1:0')).not.toBe(deterministicUuid('idem-key-1:1'));
  });

  it('has the version 5 layout with the RFC 4122 variant', () => {
    const ids = Array.from({ length: 50 }, (_, index) => deterministicUuid(`idem-key-2:${index}`));
    for (const id of ids) expect(id).toMatch(UUID_V5);
    expect(new Set(ids).size).toBe(50);
  });
});

describe('IdempotentRequest ids (idSourceFor)', () => {
  const keyed = idSourceFor(new IdempotentRequest('tok-1', 'k-1', 'h'));

  it('gives a retried request the very same ids, so the store can tell it was recorded', () => {
    const again = idSourceFor(new IdempotentRequest('tok-1', 'k-1', 'h'));
    expect(again('transfer', 0)).toBe(keyed('transfer', 0));
    expect(again('item:a-1', 1)).toBe(keyed('item:a-1', 1));
  });

  it('gives every stream, index, token and key its own id', () => {
    const ids = [
      keyed('transfer', 0),
      keyed('transfer', 1),
      keyed('item:a-1', 0),
      keyed('item:a-2', 0),
      keyed('claim:a-1', 0),
      idSourceFor(new IdempotentRequest('tok-2', 'k-1', 'h'))('transfer', 0),
      idSourceFor(new IdempotentRequest('tok-1', 'k-2', 'h'))('transfer', 0),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V5);
  });

  it('without a key, never repeats', () => {
    const fresh = idSourceFor(null);
    expect(fresh('transfer', 0)).not.toBe(fresh('transfer', 0));
  });

  it('keeps the seeds stores already hold ids from: <token>|<key>|<parts…>', () => {
    const request = new IdempotentRequest('tok-1', 'k-1', 'h');
    expect(request.id(0)).toBe(deterministicUuid('tok-1|k-1|0'));
    expect(request.id('transfer', 1)).toBe(deterministicUuid('tok-1|k-1|transfer|1'));
    expect(request.scoped('transfer').id('transfer', 0)).toBe(
      deterministicUuid('tok-1|k-1|transfer|transfer|0'),
    );
  });
});
