import { DirectoryError } from '@jejak/directory';
import { ApiProblem } from '../common/problem';

/** The problem+json answer for a refusal of the directory; anything else is rethrown as it is. */
export function directoryProblem(error: unknown): unknown {
  if (!(error instanceof DirectoryError)) return error;
  switch (error.kind) {
    case 'not-found':
      return new ApiProblem('not-found', error.message);
    case 'already-exists':
      return new ApiProblem('already-exists', error.message);
    case 'id-is-a-place':
      return new ApiProblem('already-exists', error.message, { conflictsWith: 'place' });
    case 'id-is-a-person':
      return new ApiProblem('already-exists', error.message, { conflictsWith: 'person' });
    default:
      return new ApiProblem('validation-failed', error.message, {
        errors: [{ field: error.field ?? 'body', message: error.message }],
      });
  }
}

/** Runs a directory change, answering its refusals as problems. */
export async function orProblem<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    throw directoryProblem(error);
  }
}
