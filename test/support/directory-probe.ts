import Database from 'better-sqlite3';
import { join } from 'node:path';
import { headPosition } from './store-probe';
import type { TestApp } from './test-app';

/** The directory's rows as counts (people, tokens, sessions, codes, audit): any change moves one. */
export function directoryCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'directory.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      people: count('SELECT count(*) AS n FROM people'),
      activePeople: count('SELECT count(*) AS n FROM people WHERE active = 1'),
      tokens: count('SELECT count(*) AS n FROM tokens'),
      revoked: count('SELECT count(*) AS n FROM tokens WHERE revoked_at IS NOT NULL'),
      sessions: count('SELECT count(*) AS n FROM sessions'),
      endedSessions: count('SELECT count(*) AS n FROM sessions WHERE ended_at IS NOT NULL'),
      passwords: count('SELECT count(*) AS n FROM person_passwords'),
      releaseCodes: count('SELECT count(*) AS n FROM release_codes'),
      audit: count('SELECT max(seq) AS n FROM directory_audit'),
    };
  } finally {
    db.close();
  }
}

/** Runs `act` and checks that neither the event store nor the directory recorded anything. */
export async function expectNothingChanged(t: TestApp, act: () => Promise<unknown>): Promise<void> {
  const before = { head: await headPosition(t), directory: directoryCounts(t.dataDir) };
  await act();
  expect({ head: await headPosition(t), directory: directoryCounts(t.dataDir) }).toEqual(before);
}
