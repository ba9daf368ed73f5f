import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** C2SP signed-note (Ed25519, signature type 0x01), as Go's golang.org/x/mod/sumdb/note does it. */
export const ED25519_TYPE = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

/** Non-empty, no Unicode space and no '+'. */
export const isValidKeyName = (name: string): boolean => name.length > 0 && !/[\s+]/u.test(name);

/** First 4 bytes (big-endian) of SHA-256(name || 0x0A || 0x01 || public key). */
export function keyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

/** Strict standard base64 (RFC 4648 §4): Node's decoder alone would skip stray characters. */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Splits at the first count - 1 '+' signs: the last part is base64, which may hold '+' itself. */
function splitPlus(text: string, count: number): string[] | null {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) return null;
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  return [...parts, rest];
}

export interface NoteVerifier {
  name: string;
  id: number;
  publicKey: Buffer;
  vkey: string;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSigner {
  name: string;
  id: number;
  vkey: string;
  sign(message: Buffer): Buffer;
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

export const formatVkey = (name: string, publicKey: Buffer): string =>
  `${name}+${hex8(keyId(name, publicKey))}+${Buffer.concat([Buffer.from([ED25519_TYPE]), publicKey]).toString('base64')}`;

/** `<name>+<key id hex>+<base64(0x01 || public key)>`; any other shape, or a wrong key id, throws. */
export function parseVkey(vkey: string): NoteVerifier {
  const parts = splitPlus(vkey, 3);
  if (!parts) throw new NoteError('a vkey is <name>+<key id>+<key>');
  const [name, idHex, keyText] = parts;
  if (!isValidKeyName(name)) throw new NoteError('invalid key name in vkey');
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('the key id of a vkey is 8 lowercase hex digits');
  const key = decodeBase64Strict(keyText);
  if (!key || key.length !== 33 || key[0] !== ED25519_TYPE) throw new NoteError('not an Ed25519 vkey');
  const publicKey = key.subarray(1);
  const id = parseInt(idHex, 16);
  if (keyId(name, publicKey) !== id) throw new NoteError('the key id does not match the key');
  const keyObject = publicKeyObject(publicKey);
  return {
    name,
    id,
    publicKey,
    vkey,
    verify: (message, signature) => signature.length === 64 && verify(null, message, keyObject, signature),
  };
}

/** A signer from a 32-byte Ed25519 seed. */
export function signerFromSeed(name: string, seed: Buffer): NoteSigner {
  if (!isValidKeyName(name)) throw new NoteError('invalid key name');
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(jwk.x as string, 'base64url');
  return {
    name,
    id: keyId(name, publicKey),
    vkey: formatVkey(name, publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

/** Go's skey form: `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>`. */
export function formatSkey(name: string, seed: Buffer): string {
  const signer = signerFromSeed(name, seed);
  return `PRIVATE+KEY+${name}+${hex8(signer.id)}+${Buffer.concat([Buffer.from([ED25519_TYPE]), seed]).toString('base64')}`;
}

export function parseSkey(skey: string): NoteSigner {
  const parts = splitPlus(skey, 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new NoteError('a signing key is PRIVATE+KEY+<name>+<key id>+<key>');
  }
  const [, , name, idHex, keyText] = parts;
  const key = decodeBase64Strict(keyText);
  if (!key || key.length !== 33 || key[0] !== ED25519_TYPE) throw new NoteError('not an Ed25519 signing key');
  const signer = signerFromSeed(name, key.subarray(1));
  if (hex8(signer.id) !== idHex) throw new NoteError('the key id does not match the signing key');
  return signer;
}

/** A note's text must end in a newline, be UTF-8 and hold no control character but newline. */
function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n'))
    throw new NoteError('malformed note: text must end in a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError('malformed note: control character');
}

export function signNote(text: string, signer: NoteSigner): string {
  checkText(text);
  const signature = signer.sign(Buffer.from(text, 'utf8'));
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.id >>> 0);
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

export interface NoteSignature {
  name: string;
  id: number;
  base64: string;
}

export interface OpenedNote {
  text: string;
  /** Signatures by trusted keys, verified. */
  verified: NoteSignature[];
  /** Signatures by keys not trusted here: ignored. */
  unverified: NoteSignature[];
}

/**
 * Checks a signed note against trusted keys. Throws NoteError when the note is malformed, when a
 * trusted key's signature fails, or when no trusted key signed it; signatures of unknown keys
 * (name and id not both matching a trusted key) are ignored.
 */
export function openNote(note: string | Buffer, trusted: readonly NoteVerifier[]): OpenedNote {
  const bytes = typeof note === 'string' ? Buffer.from(note, 'utf8') : note;
  const message = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!Buffer.from(message, 'utf8').equals(bytes)) throw new NoteError('malformed note: not UTF-8');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no signature block');
  const text = message.slice(0, split + 1);
  checkText(text);
  const block = message.slice(split + 2);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(block)) throw new NoteError('malformed note: control character');
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('malformed note: no signature line');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed note: too many signatures');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const textBytes = Buffer.from(text, 'utf8');
  for (const line of lines) {
    const signature = parseSignatureLine(line);
    const key = trusted.find((k) => k.name === signature.name && k.id === signature.id);
    if (!key) {
      unverified.push(signature.entry);
      continue;
    }
    if (!key.verify(textBytes, signature.bytes.subarray(4))) {
      throw new NoteError(`invalid signature for key ${key.name}+${hex8(key.id)}`);
    }
    verified.push(signature.entry);
  }
  if (verified.length === 0) throw new NoteError('note has no verifiable signatures');
  return { text, verified, unverified };
}

function parseSignatureLine(line: string): { name: string; id: number; bytes: Buffer; entry: NoteSignature } {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed note: bad signature line');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new NoteError('malformed note: bad signature line');
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  const bytes = decodeBase64Strict(base64);
  if (!isValidKeyName(name) || !bytes || bytes.length < 5) {
    throw new NoteError('malformed note: bad signature line');
  }
  const id = bytes.readUInt32BE(0);
  return { name, id, bytes, entry: { name, id, base64 } };
}
