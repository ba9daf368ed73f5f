import type { Response } from 'supertest';
import type { TestApp } from './test-app';

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  setCookie: string;
  body: Record<string, unknown>;
}

/** The `name=value` of the session cookie a sign-in answer set. */
export function sessionCookieOf(response: Response): { cookie: string; setCookie: string } {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const setCookie = header.find((c) => c.startsWith('jejak_session='));
  if (!setCookie) throw new Error(`no session cookie in ${JSON.stringify(response.headers)}`);
  return { cookie: setCookie.split(';')[0], setCookie };
}

/** Signs in as a browser would (POST /api/session), expecting success. */
export async function signIn(t: TestApp, body: Record<string, unknown>): Promise<SignedIn> {
  const response = await t.http().post('/api/session').send(body);
  if (response.status !== 201)
    throw new Error(`sign-in: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...sessionCookieOf(response), csrfToken: response.body.csrfToken as string, body: response.body };
}
