import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointCommand } from './checkpoint.command';

/** The published example of golang.org/x/mod/sumdb/note (note_test.go), a C2SP signed note. */
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_NOTE =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n" +
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

const dir = mkdtempSync(join(tmpdir(), 'jejak-cp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(note: Buffer | string, key = PETER_VKEY): { code: number; out: string[] } {
  const out: string[] = [];
  const code = checkpointCommand(
    ['verify', '-'],
    { key },
    { out: (l) => out.push(l), err: (l) => out.push(l) },
    () => Buffer.from(note),
  );
  return { code, out };
}

describe('jejak checkpoint verify', () => {
  it('accepts the published example note under its key (exit 0), saying it is no checkpoint', () => {
    const { code, out } = run(PETER_NOTE);
    expect(code).toBe(0);
    expect(out).toEqual([
      'ok: signature by PeterNeumann',
      'the signed text is not a checkpoint (a signed note only)',
    ]);
  });

  it('rejects the published example note with any one byte changed (exit 1)', () => {
    const bytes = Buffer.from(PETER_NOTE, 'utf8');
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] + 1) % 256;
      const { code, out } = run(changed);
      if (code !== 1 || !out[0].startsWith('FAILED: ')) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('reads the note from a file', () => {
    const file = join(dir, 'note.txt');
    writeFileSync(file, PETER_NOTE);
    const out: string[] = [];
    expect(
      checkpointCommand(['verify', file], { key: PETER_VKEY }, { out: (l) => out.push(l), err: () => {} }),
    ).toBe(0);
  });

  it('refuses to run without a key', () => {
    expect(() => checkpointCommand(['verify', '-'], {}, { out: () => {}, err: () => {} })).toThrow(
      /--key is required/,
    );
  });
});
