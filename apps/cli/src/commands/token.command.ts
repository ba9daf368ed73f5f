import { ROLES, type Role } from '@jejak/custody';
import { DirectoryError, type NewToken, type TokenStore } from '@jejak/directory';
import { UsageError, type CliContext, type Output } from '../cli-context';
import { openOperatorDirectory } from '../operator-directory';

const CLI_ACTOR = `cli:${process.env.USER ?? 'operator'}`;

/** `jejak token create|list|revoke`: the same tokens as POST/DELETE /api/tokens, in the same store. */
export async function tokenCommand(
  context: CliContext,
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  // The places are seeded on a new store: a principal id that is a place's id is refused.
  const directory = await openOperatorDirectory(context.config);
  try {
    const { locations, tokens } = directory.stores;
    const [action, id] = args;
    if (action === 'create') {
      const role = options.role as Role | undefined;
      const name = options.name as string | undefined;
      const unitId = options.unit as string | undefined;
      if (!name || !role || !ROLES.includes(role)) {
        throw new UsageError(`token create needs --name and --role (${ROLES.join(', ')})`);
      }
      if ((role === 'officer' || role === 'depot') && !unitId)
        throw new UsageError(`a ${role} token needs --unit`);
      if (unitId && !locations.get(unitId)) throw new UsageError(`unknown unit '${unitId}'`);
      const principalId = options.principal as string | undefined;
      const { record, token } = await createToken(tokens, { name, role, unitId, principalId });
      output.out(
        JSON.stringify(
          { id: record.id, principalId: record.principalId, role, unitId: record.unitId, token },
          null,
          2,
        ),
      );
      output.err('The token is shown only now.');
      return 0;
    }
    if (action === 'list') {
      for (const t of await tokens.list()) {
        output.out(
          [
            t.id,
            t.role.padEnd(7),
            (t.unitId ?? '-').padEnd(28),
            t.principalId,
            t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? 'never'}`,
            t.name,
          ].join('  '),
        );
      }
      return 0;
    }
    if (action === 'revoke' && id) {
      if (!(await tokens.revoke(id, CLI_ACTOR))) {
        output.err(`no active token '${id}'`);
        return 1;
      }
      output.out(`revoked ${id}`);
      return 0;
    }
    throw new UsageError(
      'usage: jejak token create --name N --role R [--unit U] [--principal P] | list | revoke ID',
    );
  } finally {
    await directory.close();
  }
}

/** A token for its person (made from the token when new); the directory's refusals are usage errors. */
async function createToken(tokens: TokenStore, input: NewToken) {
  try {
    return await tokens.create(input, CLI_ACTOR);
  } catch (error) {
    throw error instanceof DirectoryError ? new UsageError(error.message) : error;
  }
}
