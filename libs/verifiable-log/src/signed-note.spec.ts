import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { NoteError, openNote, parseSkey, parseVkey, signNote, signerFromSeed } from './signed-note';

/** The published examples of golang.org/x/mod/sumdb/note (note_test.go, BSD-3-Clause). */
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const PETER_NOTE = `${TEXT}\n${PETER_SIG}`;
const BOTH_NOTE = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;

const peter = parseVkey(PETER_VKEY);
const enoch = parseVkey(ENOCH_VKEY);

describe('vkeys (C2SP signed-note, Go sumdb/note examples)', () => {
  it('reads the published vkey: name, key id and key', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.id).toBe(0xc74f20a3);
  });

  it('refuses every proper substring and every byte incremented of the published vkey', () => {
    const refused = (text: string): boolean => {
      try {
        parseVkey(text);
        return false;
      } catch {
        return true;
      }
    };
    const accepted: string[] = [];
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if ((i !== 0 || j !== PETER_VKEY.length) && !refused(PETER_VKEY.slice(i, j)))
          accepted.push(PETER_VKEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const bumped =
        PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      if (!refused(bumped)) accepted.push(bumped);
    }
    expect(accepted).toEqual([]);
    expect(refused('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toBe(true);
    expect(refused('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(true);
  });

  it('derives the published vkey from the published signing key', () => {
    expect(parseSkey(PETER_SKEY).vkey).toBe(PETER_VKEY);
  });
});

describe('signed notes (C2SP signed-note, Go sumdb/note examples)', () => {
  it('signs the published text into the published note, byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, parseSkey(PETER_SKEY))).toBe(PETER_NOTE);
  });

  it('opens the published note under its key', () => {
    const opened = openNote(PETER_NOTE, [peter]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('verifies the trusted signature and ignores the one of a key not trusted', () => {
    const opened = openNote(BOTH_NOTE, [peter]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
    expect(openNote(BOTH_NOTE, [peter, enoch]).verified).toHaveLength(2);
  });

  it('refuses a note no trusted key signed', () => {
    expect(() => openNote(BOTH_NOTE, [])).toThrow('note has no verifiable signatures');
  });

  it('refuses the published note with any one byte changed', () => {
    const bytes = Buffer.from(PETER_NOTE, 'utf8');
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x01;
      try {
        openNote(changed, [peter]);
        accepted.push(i);
      } catch (error) {
        expect(error).toBeInstanceOf(NoteError);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a broken signature of a trusted key even beside a good one', () => {
    const broken = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(() => openNote(broken, [peter])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
  });

  it.each([
    ['no signature block', TEXT],
    ['blank line only', `${TEXT}\n`],
    ['signature line without newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['control character', `\x01${TEXT}\n${PETER_SIG}`],
    [
      'name with a space',
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
    ],
    ['a line after the signatures', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
  ])('refuses a malformed note: %s', (_what, note) => {
    expect(() => openNote(note, [peter])).toThrow(/malformed note/);
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(PETER_NOTE, 'utf8')]);
    expect(() => openNote(bytes, [peter])).toThrow(/UTF-8/);
  });
});

describe('checkpoints (C2SP tlog-checkpoint) in signed notes', () => {
  const signer = signerFromSeed('jejak.example/log', Buffer.alloc(32, 7));
  const body = formatCheckpoint({
    origin: 'jejak.example/log',
    size: 8,
    root: Buffer.alloc(32, 1),
    extensions: ['jejak-stream-heads 2 ' + Buffer.alloc(32, 2).toString('base64')],
  });

  it('round-trips origin, size, root and extension lines', () => {
    const note = signNote(body, signer);
    const opened = openNote(note, [parseVkey(signer.vkey)]);
    expect(parseCheckpoint(opened.text)).toEqual({
      origin: 'jejak.example/log',
      size: 8,
      root: Buffer.alloc(32, 1),
      extensions: [`jejak-stream-heads 2 ${Buffer.alloc(32, 2).toString('base64')}`],
    });
  });

  it.each([
    ['a size with a leading zero', 'o\n08\n' + Buffer.alloc(32).toString('base64') + '\n'],
    ['a short root', 'o\n8\n' + Buffer.alloc(31).toString('base64') + '\n'],
    ['no root', 'o\n8\n'],
    ['an empty origin', '\n8\n' + Buffer.alloc(32).toString('base64') + '\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseCheckpoint(text)).toThrow();
  });
});
