import { PasswordCheckGate } from './password-check-gate';

/** A check the spec finishes by hand. */
function pending() {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => (finish = () => resolve('checked')));
  return { done, finish };
}

describe('PasswordCheckGate', () => {
  it('runs two checks at once, queues the next ones, turns away the rest, and lets the queue through in order', async () => {
    const gate = new PasswordCheckGate(2, 2);
    const checks = Array.from({ length: 5 }, () => pending());
    const started: number[] = [];
    const results = checks.map((c, i) =>
      gate.run(() => {
        started.push(i);
        return c.done;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    await expect(results[4]).resolves.toBeNull();
    checks[0].finish();
    await results[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    checks[1].finish();
    checks[2].finish();
    await Promise.all(results.slice(1, 3));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2, 3]);
    checks[3].finish();
    await expect(results[3]).resolves.toBe('checked');
    // All slots free again: a new check starts at once.
    const later = pending();
    const run = gate.run(() => later.done);
    later.finish();
    await expect(run).resolves.toBe('checked');
  });

  it('frees the slot when a check fails', async () => {
    const gate = new PasswordCheckGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
