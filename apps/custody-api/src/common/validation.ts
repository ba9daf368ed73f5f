import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProblem, FieldProblem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

const sameOwnValues = (a: object, b: object): boolean => {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
};

/**
 * The stock pipe, except that a query string with no parameters at all (most reads) skips
 * class-transformer and class-validator once the same DTO has been seen to accept an empty query:
 * the answer for an empty query depends on the DTO alone, and it is then a fresh instance (checked
 * the first time). Anything else, and any DTO that refuses an empty query, takes the full way.
 */
class EdgeValidationPipe extends ValidationPipe {
  private readonly acceptsEmptyQuery = new WeakSet<Type<unknown>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    const emptyQuery = metadata.type === 'query' && metadata.data === undefined && isEmptyObject(value);
    if (!emptyQuery || !metatype || !this.toValidate(metadata)) return super.transform(value, metadata);
    if (this.acceptsEmptyQuery.has(metatype)) return new metatype();
    const result: unknown = await super.transform(value, metadata);
    if (result instanceof metatype && sameOwnValues(result, new metatype()))
      this.acceptsEmptyQuery.add(metatype);
    return result;
  }
}

/** Edge validation: unknown fields are refused, every broken field is named. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new ApiProblem('validation-failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), {
        errors: fields,
      });
    },
  });
}
