import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { IsString } from 'class-validator';
import { HistoryQueryDto, ItemListQueryDto, PageQueryDto, ReadQueryDto } from '../items/dto/item-query.dto';
import { ApiProblem } from './problem';
import { createValidationPipe } from './validation';

const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

/** Fastify's query of a URL without a query string: an empty object without Object's prototype. */
const noQuery = (): object => Object.create(null) as object;

class RequiredQueryDto {
  @IsString() name!: string;
}

async function refusal(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiProblem);
  const { status, code, errors } = (error as ApiProblem).body;
  return { status, code, errors };
}

describe('the edge validation pipe', () => {
  const stock = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

  it.each([
    ['ReadQueryDto', ReadQueryDto],
    ['HistoryQueryDto', HistoryQueryDto],
    ['PageQueryDto', PageQueryDto],
    ['ItemListQueryDto', ItemListQueryDto],
  ])('answers an empty query for %s as the stock pipe does, the first time and after', async (_name, dto) => {
    const pipe = createValidationPipe();
    const expected = await stock.transform(noQuery(), query(dto));
    for (let i = 0; i < 3; i++) {
      const answer = await pipe.transform(noQuery(), query(dto));
      expect(answer).toBeInstanceOf(dto);
      expect(answer).toEqual(expected);
      expect(Object.keys(answer as object)).toEqual(Object.keys(expected as object));
    }
  });

  it('hands out a fresh object every time, so a handler changing it changes no other request', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform(noQuery(), query(ReadQueryDto))) as ReadQueryDto;
    const second = (await pipe.transform(noQuery(), query(ReadQueryDto))) as ReadQueryDto;
    first.minPosition = '42';
    expect(second).not.toBe(first);
    expect(second.minPosition).toBeUndefined();
    expect((await pipe.transform(noQuery(), query(ReadQueryDto))) as ReadQueryDto).toEqual(
      new ReadQueryDto(),
    );
  });

  it('still refuses a bad or unknown query parameter after empty queries went the short way', async () => {
    const pipe = createValidationPipe();
    await pipe.transform(noQuery(), query(ReadQueryDto));
    await pipe.transform(noQuery(), query(ReadQueryDto));
    expect(await refusal(() => pipe.transform({ minPosition: 'abc' }, query(ReadQueryDto)))).toEqual({
      status: 400,
      code: 'validation-failed',
      errors: [{ field: 'minPosition', message: 'minPosition must be a decimal position' }],
    });
    expect(await refusal(() => pipe.transform({ limit: '5' }, query(ReadQueryDto)))).toEqual({
      status: 400,
      code: 'validation-failed',
      errors: [{ field: 'limit', message: 'property limit should not exist' }],
    });
    expect(await pipe.transform({ minPosition: '7' }, query(ReadQueryDto))).toEqual({ minPosition: '7' });
  });

  it('refuses an empty query every time when the DTO requires a parameter', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      expect(await refusal(() => pipe.transform(noQuery(), query(RequiredQueryDto)))).toEqual({
        status: 400,
        code: 'validation-failed',
        errors: [{ field: 'name', message: 'name must be a string' }],
      });
    }
  });
});
