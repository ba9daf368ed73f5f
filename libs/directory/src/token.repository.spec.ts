import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDirectoryDatabase } from './directory.database';
import { TokenRepository } from './token.repository';

describe('TokenRepository.authenticate', () => {
  let dir: string;
  let service: Database.Database;
  let cli: Database.Database;
  let tokens: TokenRepository;
  let cliTokens: TokenRepository;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-tokens-'));
    // The service and `jejak token …` open the same directory file on their own connections.
    service = openDirectoryDatabase(dir);
    cli = openDirectoryDatabase(dir);
    tokens = new TokenRepository(service);
    cliTokens = new TokenRepository(cli);
  });
  afterEach(() => {
    service.close();
    cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const courier = { name: 'kurir A', role: 'courier' as const, unitId: null, principalId: 'KURIR-A' };

  it('answers the principal of a valid token, again and again, and null for an unknown one', () => {
    const { token, record } = tokens.create(courier, 'admin');
    for (let i = 0; i < 3; i += 1) {
      expect(tokens.authenticate(token)).toMatchObject({ tokenId: record.id, principalId: 'KURIR-A' });
    }
    expect(tokens.authenticate('jjk_not-a-token')).toBeNull();
  });

  it('refuses a token at once after the service revokes it, though it was just accepted', () => {
    const { token, record } = tokens.create(courier, 'admin');
    expect(tokens.authenticate(token)).not.toBeNull();
    expect(tokens.revoke(record.id, 'admin')).toBe(true);
    expect(tokens.authenticate(token)).toBeNull();
  });

  it('refuses a token at once after another process revokes it', () => {
    const { token, record } = tokens.create(courier, 'admin');
    expect(tokens.authenticate(token)).not.toBeNull();
    expect(cliTokens.revoke(record.id, 'admin')).toBe(true);
    expect(tokens.authenticate(token)).toBeNull();
  });

  it('accepts a token another process created after this one was refused', () => {
    expect(tokens.authenticate('jjk_not-yet')).toBeNull();
    const { token } = cliTokens.create(courier, 'admin');
    expect(tokens.authenticate(token)).toMatchObject({ principalId: 'KURIR-A' });
  });
});
