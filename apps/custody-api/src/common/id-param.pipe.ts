import { Injectable, type PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from '@jejak/http-contract';
import { ApiProblem } from './problem';

/** A route's `:id` checked as every id is (ID_PATTERN): `@Param('id', new IdParam('item'))`. */
@Injectable()
export class IdParam implements PipeTransform<string, string> {
  constructor(private readonly kind: 'item' | 'transfer') {}

  transform(id: string): string {
    if (!ID_PATTERN.test(id)) {
      throw new ApiProblem('validation-failed', `'${id}' is not a valid ${this.kind} id.`, {
        errors: [{ field: 'id', message: 'letters, digits and . _ : - only' }],
      });
    }
    return id;
  }
}
