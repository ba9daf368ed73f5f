import { ROLES, type Role } from '@jejak/custody';
import { DirectoryError, openDirectoryDatabase, LocationRepository, TokenRepository } from '@jejak/directory';
import { UsageError, type CliContext, type Output } from '../cli-context';

const CLI_ACTOR = `cli:${process.env.USER ?? 'operator'}`;

/** `jejak token create|list|revoke`: the same tokens as POST/DELETE /api/tokens, on the data dir. */
export async function tokenCommand(
  context: CliContext,
  args: string[],
  options: Record<string, string | boolean | undefined>,
  output: Output,
): Promise<number> {
  const db = openDirectoryDatabase(context.config.dataDir);
  try {
    // The places first (a new store is seeded): a principal id that is a place's id is refused.
    const locations = new LocationRepository(db);
    const tokens = new TokenRepository(db);
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
      const { record, token } = createToken(tokens, { name, role, unitId, principalId });
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
      for (const t of tokens.list()) {
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
      if (!tokens.revoke(id, CLI_ACTOR)) {
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
    db.close();
  }
}

/** A token for its person (made from the token when new); the directory's refusals are usage errors. */
function createToken(tokens: TokenRepository, input: Parameters<TokenRepository['create']>[0]) {
  try {
    return tokens.create(input, CLI_ACTOR);
  } catch (error) {
    throw error instanceof DirectoryError ? new UsageError(error.message) : error;
  }
}
