import { AttemptCounterStore, type AttemptCount } from '../port/attempt-counter.port';

/**
 * Bounds the memory a flood of made-up ids or addresses can take, per kind of key (the text before
 * the first ':'), so that a flood of one kind (bad tokens) never pushes out the counts of another
 * (sign-ins); expired counts go first.
 */
const MAX_TRACKED = 20_000;

/**
 * The counters in this process's memory: the SQLite directory's choice. That directory serves one
 * process (the file is not shared by replicas), so there is nobody to share the counts with, and a
 * flood of guesses writes nothing to disk (one fsync per failed attempt would be the attacker's
 * lever on the service). As before, a restart forgets the counts.
 */
export class MemoryAttemptCounterStore extends AttemptCounterStore {
  private readonly kinds = new Map<string, Map<string, AttemptCount>>();

  private countsOf(key: string): Map<string, AttemptCount> {
    const kind = key.slice(0, Math.max(0, key.indexOf(':')));
    let counts = this.kinds.get(kind);
    if (!counts) this.kinds.set(kind, (counts = new Map()));
    return counts;
  }

  async get(key: string, now: number): Promise<AttemptCount | null> {
    const entry = this.live(key, now);
    return entry ? { ...entry } : null;
  }

  async increment(key: string, now: number, ttlMs: number, slide: boolean): Promise<AttemptCount | null> {
    const entry = this.live(key, now);
    if (!entry) {
      const counts = this.countsOf(key);
      if (counts.size >= MAX_TRACKED) prune(counts, now);
      counts.set(key, { count: 1, firstAt: now, lastAt: now, expiresAt: now + ttlMs });
      return null;
    }
    const before = { ...entry };
    entry.count += 1;
    if (slide) {
      entry.lastAt = Math.max(entry.lastAt, now);
      entry.expiresAt = Math.max(entry.expiresAt, now + ttlMs);
    }
    return before;
  }

  async undo(key: string, at: number, before: AttemptCount | null): Promise<void> {
    const entry = this.countsOf(key).get(key);
    if (!entry) return;
    entry.count -= 1;
    if (before && entry.lastAt === at) {
      entry.lastAt = before.lastAt;
      entry.expiresAt = before.expiresAt;
    }
    if (entry.count <= 0) this.countsOf(key).delete(key);
  }

  async decrement(key: string): Promise<void> {
    const entry = this.countsOf(key).get(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.countsOf(key).delete(key);
  }

  async delete(key: string): Promise<void> {
    this.countsOf(key).delete(key);
  }

  private live(key: string, now: number): AttemptCount | undefined {
    const counts = this.countsOf(key);
    const entry = counts.get(key);
    if (entry && entry.expiresAt <= now) {
      counts.delete(key);
      return undefined;
    }
    return entry;
  }
}

function prune(counts: Map<string, AttemptCount>, now: number): void {
  for (const [key, entry] of counts) if (entry.expiresAt <= now) counts.delete(key);
  if (counts.size >= MAX_TRACKED) counts.clear();
}
