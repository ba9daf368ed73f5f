import { hashPassword, PASSWORD_SCRYPT, verifyPassword } from './password-hashing';

describe('password hashing (scrypt)', () => {
  // Cheaper parameters where the cost itself is not under test: the format and checks are the same.
  const cheap = { N: 2 ** 10, r: 8, p: 1 };

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('kata-sandi-rahasia', cheap);
    await expect(verifyPassword('kata-sandi-rahasia', stored)).resolves.toBe(true);
    await expect(verifyPassword('kata-sandi-Rahasia', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash: the same password never gives the same stored text, nor contains it', async () => {
    const a = await hashPassword('sama-saja-123', cheap);
    const b = await hashPassword('sama-saja-123', cheap);
    expect(a).not.toBe(b);
    expect(a).not.toContain('sama-saja-123');
  });

  it('stores its parameters, the documented ones by default, so a hash made with others still verifies', async () => {
    const stored = await hashPassword('parameter-bawaan');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 15), '8', '3']);
    expect(PASSWORD_SCRYPT).toEqual({ N: 32768, r: 8, p: 3 });
    await expect(verifyPassword('parameter-bawaan', stored)).resolves.toBe(true);
    const older = await hashPassword('lama', cheap);
    await expect(verifyPassword('lama', older)).resolves.toBe(true);
  });

  it('treats the same text in another Unicode normal form as the same password', async () => {
    const stored = await hashPassword('Andr\u00e9', cheap);
    await expect(verifyPassword('Andre\u0301', stored)).resolves.toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
    await expect(verifyPassword('x', 'bcrypt$1$2$3$aa$bb')).resolves.toBe(false);
  });
});
