/** What the connected server can do, as the client itself finds out (Client/ServerFeatures.js). */
export interface ServerFeatures {
  /** `"25.1.0"`, or null when the server did not say (ServerFeatures reports "unknown"). */
  version: string | null;
  /** KurrentDB ≥ 25.1: `multiStreamAppend` over the v2 AppendSession call, atomic. */
  multiStreamAppend: boolean;
}

/**
 * The path the client checks before a multiStreamAppend (streams/appendToStream/index.js:
 * `supports(StreamsServiceService.appendSession)`, else UnsupportedError "25.1").
 */
const APPEND_SESSION = { path: '/kurrentdb.protocol.v2.streams.StreamsService/AppendSession' };

interface ClientFeatures {
  serverVersion?: unknown;
  supports?: (method: { path: string }) => boolean;
}

/**
 * Reads the client's own feature discovery (the ServerFeatures gRPC call, made once per
 * connection). `capabilities` is protected in the client's typings but a plain getter at run
 * time; where a client version lacks it, nothing is assumed (journal, no version checks).
 */
export async function detectServerFeatures(client: object): Promise<ServerFeatures> {
  const capabilities = (client as { capabilities?: Promise<ClientFeatures> }).capabilities;
  if (!capabilities) return { version: null, multiStreamAppend: false };
  const features = await capabilities;
  const version = typeof features.serverVersion === 'string' ? features.serverVersion : null;
  return {
    version: version && /^\d+\.\d+/.test(version) ? version : null,
    multiStreamAppend: typeof features.supports === 'function' && features.supports(APPEND_SESSION),
  };
}

/** `atLeast("23.10.1", 23, 10)`; false for an unknown version. */
export function atLeast(version: string | null, major: number, minor: number): boolean {
  const match = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!match) return false;
  const [maj, min] = [Number(match[1]), Number(match[2])];
  return maj > major || (maj === major && min >= minor);
}

/**
 * Warnings for servers older than the README's minimum: before 23.10 the server never sends
 * CaughtUp on a subscription (the adapter then finds the head itself); before 24.2 it drops a
 * live subscription that falls behind (the adapter resubscribes from its last position).
 */
export function versionWarnings(version: string | null): string[] {
  if (version === null) return ['KurrentDB did not report its version; 24.2 or later is expected'];
  const warnings: string[] = [];
  if (!atLeast(version, 23, 10))
    warnings.push(`KurrentDB ${version} never reports a subscription as caught up (23.10+)`);
  if (!atLeast(version, 24, 2))
    warnings.push(`KurrentDB ${version} drops slow live subscriptions; 24.2 or later is recommended`);
  return warnings;
}
