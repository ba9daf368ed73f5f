/**
 * Canonical JSON (RFC 8785, JCS) for the values our events hold: keys sorted by UTF-16 code
 * units, no whitespace, strings escaped as JSON.stringify does. Numbers must be safe integers,
 * because JCS number formatting of fractions is where implementations disagree and our events
 * carry none; a fraction here is a bug to surface, not to hash.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, '$');
  if (text === undefined) throw new TypeError('canonicalJson: the value itself is not representable in JSON');
  return text;
}

function serialize(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonicalJson: ${path} is ${value}; only safe integers are allowed`);
      }
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      throw new TypeError(`canonicalJson: ${path} is a bigint`);
    case 'object':
      return serializeObject(value, path);
  }
}

function serializeObject(value: object, path: string): string {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return serialize(withToJson.toJSON(), path) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => serialize(item, `${path}[${index}]`) ?? 'null').join(',')}]`;
  }
  return `{${canonicalMembers(value, path).members.join(',')}}`;
}

/**
 * The members of a plain object's canonical JSON (`"key":value`, keys sorted, members whose value
 * JSON omits left out) and their keys: joined with commas inside braces they are its canonicalJson.
 * For a caller that needs the text without and with one more member (a sealed event's hash).
 */
export function canonicalMembers(value: object, path = '$'): { keys: string[]; members: string[] } {
  const keys: string[] = [];
  const members: string[] = [];
  // Default sort compares UTF-16 code units, exactly what RFC 8785 asks for.
  for (const key of Object.keys(value).sort()) {
    const member = serialize((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (member === undefined) continue;
    keys.push(key);
    members.push(`${JSON.stringify(key)}:${member}`);
  }
  return { keys, members };
}
