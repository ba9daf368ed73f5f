import { ApiProblem } from './problem';
import { MAX_FIELD_ERRORS, sendProblem, toProblem } from './problem-exception.filter';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('toProblem', () => {
  it('answers a full disk as 503 storage-full, whatever wrote', () => {
    for (const error of [
      sqliteError('SQLITE_FULL', 'database or disk is full'),
      sqliteError('ENOSPC', 'no space left on device'),
    ]) {
      expect(toProblem(error)).toMatchObject({ status: 503, code: 'storage-full' });
    }
  });

  it("answers a damaged file as 503 data-damaged, without SQLite's words", () => {
    const problem = toProblem(sqliteError('SQLITE_CORRUPT', 'database disk image is malformed'));
    expect(problem).toMatchObject({ status: 503, code: 'data-damaged' });
    expect(problem.detail).not.toContain('malformed');
  });
});

describe('sendProblem', () => {
  const reply = () => {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const r = {
      hasHeader: (name: string) => name in sent.headers,
      header: (name: string, value: string) => ((sent.headers[name] = value), r),
      status: (status: number) => ((sent.status = status), r),
      send: (body: unknown) => ((sent.body = body), r),
    };
    return { r, sent };
  };
  const quiet = { error: () => undefined };

  it('lists at most 50 field errors and says how many there were', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ field: `f${i}`, message: 'unknown' }));
    const { r, sent } = reply();
    sendProblem(
      r as never,
      new ApiProblem('validation-failed', 'many', { errors }).body,
      null,
      undefined,
      quiet,
    );
    const body = sent.body as { errors: unknown[]; detail: string };
    expect(body.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(body.detail).toContain('of 500 errors');
  });

  it('tells a client of a full disk when to try again', () => {
    const { r, sent } = reply();
    sendProblem(r as never, toProblem(sqliteError('SQLITE_FULL', 'full')), null, undefined, quiet);
    expect(sent.status).toBe(503);
    expect(Number(sent.headers['Retry-After'])).toBeGreaterThan(0);
  });
});
