import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { quickCheck, SIGNING_KEY_FILE } from '@jejak/event-store';
import { UsageError, type CliContext, type Output } from '../cli-context';

const EVENT_LOG = 'events.sqlite';
/** Must never be behind the log: the short code counters (SHORT_CODE_FILE of @jejak/directory). */
const AFTER_LOG = ['short-codes.sqlite'];

/**
 * The data files of a data directory, the event log next to last: every other file (read models,
 * idempotent answers, directory) is copied before it, so a restored store never has read models or
 * remembered answers ahead of its log; the short code counters after it, so a restored store never
 * hands out again a code its log holds.
 */
export function dataFiles(dataDir: string): string[] {
  const names = readdirSync(dataDir)
    .filter((name) => name.endsWith('.sqlite'))
    .sort();
  const before = names.filter((name) => name !== EVENT_LOG && !AFTER_LOG.includes(name));
  return [
    ...before,
    ...names.filter((name) => name === EVENT_LOG),
    ...names.filter((n) => AFTER_LOG.includes(n)),
  ];
}

/**
 * `jejak backup DEST`: copies every SQLite file of the data directory into the new directory DEST
 * with SQLite's online backup (consistent while the service keeps writing), checks each copy, and
 * writes backup.json. Restore: README, "Backup and restore".
 */
export async function backupCommand(context: CliContext, args: string[], output: Output): Promise<number> {
  const [target] = args;
  if (!target || args.length > 1) throw new UsageError('usage: jejak backup DEST (a new or empty directory)');
  if (context.config.eventStoreUrl || context.config.mongodbUrl) {
    output.err(
      'jejak backup copies the embedded SQLite files only; back KurrentDB and MongoDB up with their own tools',
    );
  }
  const dataDir = context.config.dataDir;
  const dest = resolve(target);
  if (existsSync(dest) && readdirSync(dest).length > 0) {
    throw new UsageError(`${dest} is not empty: a backup goes into a new or empty directory`);
  }
  const names = dataFiles(dataDir);
  if (!names.includes(EVENT_LOG) && !context.config.eventStoreUrl) {
    output.err(`no ${EVENT_LOG} in ${dataDir}: nothing to back up`);
    return 1;
  }
  mkdirSync(dest, { recursive: true });
  const files: { name: string; bytes: number }[] = [];
  for (const name of names) {
    const source = new Database(join(dataDir, name), { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(join(dest, name));
    } finally {
      source.close();
    }
    const copy = new Database(join(dest, name), { fileMustExist: true });
    try {
      const problems = quickCheck(copy);
      if (problems.length > 0) {
        output.err(
          `the copy of ${name} is damaged (${problems.join('; ')}): is ${join(dataDir, name)} sound? run jejak verify`,
        );
        return 1;
      }
    } finally {
      copy.close();
    }
    const bytes = statSync(join(dest, name)).size;
    files.push({ name, bytes });
    output.out(`backed up ${name} (${bytes} bytes)`);
  }
  // Without the log's signing key a restored store would sign with a new one, and every auditor's
  // trusted vkey would stop verifying its checkpoints.
  if (existsSync(join(dataDir, SIGNING_KEY_FILE))) {
    copyFileSync(join(dataDir, SIGNING_KEY_FILE), join(dest, SIGNING_KEY_FILE));
    chmodSync(join(dest, SIGNING_KEY_FILE), 0o600);
    output.out(`backed up ${SIGNING_KEY_FILE} (keep this directory as secret as the data directory)`);
  }
  writeFileSync(
    join(dest, 'backup.json'),
    `${JSON.stringify({ takenAt: new Date().toISOString(), from: dataDir, files }, null, 2)}\n`,
  );
  output.out(`backup of ${files.length} files in ${dest}; restore with README, "Backup and restore"`);
  return 0;
}
