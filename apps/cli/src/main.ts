#!/usr/bin/env node
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ConfigError } from '@jejak/config';
import { CliContext, consoleOutput, UsageError, type Output } from './cli-context';
import { backupCommand } from './commands/backup.command';
import { importCommand } from './commands/import.command';
import { projectCommand, projectionsCommand } from './commands/projections.command';
import { personCommand } from './commands/person.command';
import { tokenCommand } from './commands/token.command';
import { relaunchFlags } from './node-flags';
import { verifyCommand } from './commands/verify.command';
import { verifyBundleCommand } from './commands/verify-bundle.command';
import { checkpointCommand } from './commands/checkpoint.command';

const USAGE = `jejak — operate a Jejak store (uses JEJAK_DATA_DIR, EVENTSTORE_URL, MONGODB_URL like the service)

  jejak token create --name N --role R [--unit U] [--principal P]
  jejak token list
  jejak token revoke ID
  jejak person list | person sign-in-code ID [--minutes M] | person deactivate ID
  jejak verify [--item ID | --transfer ID | --disposal BA] [--key VKEY]
                                        check every hash chain (or one item's, transfer's or
                                        disposal batch's) and
                                        rebuild the verifiable log against its latest checkpoint;
                                        exit 0 only when intact
  jejak verify-bundle FILE [--key VKEY] [--previous CHECKPOINT_FILE]
                                        check an audit bundle offline (no service, no network)
  jejak checkpoint verify --key VKEY [FILE|-]
                                        check one signed checkpoint note
  jejak import daftar-arsip FILE.csv|FILE.xlsx [--unit U] [--as P] [--dry-run] [--allow-duplicate]
                                        import a daftar arsip (CSV or XLSX) all or nothing
  jejak project                         run the projector alone
  jejak projections rebuild [all|items] rebuild the read models from the log
  jejak backup DEST                     copy every data file into the new directory DEST (online)
`;

/** Runs one CLI invocation; returns the exit code (tests call this directly). */
export async function runCli(
  argv: string[],
  output: Output = consoleOutput,
  env = process.env,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      principal: { type: 'string' },
      item: { type: 'string' },
      transfer: { type: 'string' },
      disposal: { type: 'string' },
      as: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'allow-duplicate': { type: 'boolean' },
      key: { type: 'string' },
      previous: { type: 'string' },
      minutes: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    output.out(USAGE);
    return 0;
  }
  if (!command) {
    output.out(USAGE);
    return 2;
  }
  // Offline checks: no configuration, no data directory.
  if (command === 'verify-bundle') return verifyBundleCommand(rest, values, output);
  if (command === 'checkpoint') return checkpointCommand(rest, values, output);
  const context = new CliContext(env);
  try {
    switch (command) {
      case 'token':
        return await tokenCommand(context, rest, values, output);
      case 'person':
        return await personCommand(context, rest, values, output);
      case 'verify':
        return await verifyCommand(context, values, output);
      case 'import':
        return await importCommand(context, rest, values, output);
      case 'project':
        return await projectCommand(context, output);
      case 'projections':
        return await projectionsCommand(context, rest, output);
      case 'backup':
        return await backupCommand(context, rest, output);
      default:
        throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
    }
  } finally {
    await context.close();
  }
}

/**
 * Runs the bulk commands in a child started with BULK_NODE_FLAGS; SIGTERM is passed on to it, and
 * through the IPC channel the child learns if this process dies (even by SIGKILL) and stops too.
 */
function relaunch(flags: string[], args: string[]): void {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, __filename, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  // Ctrl-C reaches the child from the terminal itself: passing it on too would stop it twice.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Runs one invocation in this process and exits with its code. */
function runAndExit(args: string[]): void {
  runCli(args)
    // Exit once stdout is flushed: into a pipe it is asynchronous, and a long answer would be cut.
    .then((code) => process.stdout.write('', () => process.exit(code)))
    .catch((error: unknown) => {
      const known =
        error instanceof UsageError ||
        error instanceof ConfigError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(
        `jejak: ${error instanceof Error ? (known ? error.message : error.stack) : String(error)}\n`,
      );
      process.exit(known ? 2 : 1);
    });
}

if (require.main === module) {
  // Started by relaunch(): a parent gone means nobody waits for this command any more.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  const args = process.argv.slice(2);
  const flags = relaunchFlags(args, process.execArgv, process.env.NODE_OPTIONS);
  if (flags) relaunch(flags, args);
  else runAndExit(args);
}
