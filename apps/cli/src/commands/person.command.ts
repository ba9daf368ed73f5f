import { DirectoryError } from '@jejak/directory';
import { UsageError, type CliContext, type Output } from '../cli-context';
import { openOperatorDirectory } from '../operator-directory';

const CLI_ACTOR = `cli:${process.env.USER ?? 'operator'}`;
const USAGE = 'usage: jejak person list | sign-in-code ID [--minutes M] | deactivate ID';

/**
 * `jejak person …` on the service's directory (MongoDB with MONGODB_URL, else the data dir), for the operator: a sign-in code lets an admin back in when no
 * admin can sign in any more; deactivation ends a person's tokens and sessions at once, as
 * `PATCH /api/people/:id` does (the running service sees it on its next request).
 */
export async function personCommand(
  context: CliContext,
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  const directory = await openOperatorDirectory(context.config);
  try {
    const { people, credentials } = directory.stores;
    const [action, id] = args;
    if (action === 'list') {
      for (const p of await people.list({ limit: 1_000_000 })) {
        output.out(
          [
            p.id,
            p.role.padEnd(7),
            (p.unitId ?? '-').padEnd(28),
            p.active ? 'active  ' : 'inactive',
            p.name,
          ].join('  '),
        );
      }
      return 0;
    }
    if (action === 'sign-in-code' && id) {
      const person = await people.get(id);
      if (!person?.active) {
        output.err(person ? `person '${id}' is deactivated` : `no person '${id}' (jejak person list)`);
        return 1;
      }
      const minutes = options.minutes === undefined ? 60 : Number(options.minutes);
      if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) {
        throw new UsageError('--minutes: a whole number from 5 to 1440');
      }
      const code = await credentials.createSignInCode(id, CLI_ACTOR, minutes * 60_000);
      output.out(JSON.stringify({ personId: id, ...code }, null, 2));
      output.err('The code is shown only now and works once: POST /api/session { "signInCode": … }.');
      return 0;
    }
    if (action === 'deactivate' && id) {
      try {
        await people.update(id, { active: false }, CLI_ACTOR);
      } catch (error) {
        if (!(error instanceof DirectoryError)) throw error;
        output.err(error.message);
        return 1;
      }
      output.out(`deactivated ${id}: their tokens and sessions have ended`);
      return 0;
    }
    throw new UsageError(USAGE);
  } finally {
    await directory.close();
  }
}
