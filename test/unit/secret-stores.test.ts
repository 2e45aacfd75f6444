import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { secretStoreFor } from '../../shared/adapters/secret-stores';

describe('the Secrets Manager secret store', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('caches a read, and reads afresh when asked (after a rotation in another container)', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'one-stop-dev/secrets/SAMR' })
      .resolvesOnce({ SecretString: JSON.stringify({ current: 'whsec_old' }) })
      .resolves({ SecretString: JSON.stringify({ current: 'whsec_new' }) });
    const store = secretStoreFor('one-stop-dev/secrets/', new SecretsManagerClient({}));
    expect((await store.get('SAMR'))?.current).toBe('whsec_old');
    expect((await store.get('SAMR'))?.current).toBe('whsec_old');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect((await store.get('SAMR', { fresh: true }))?.current).toBe('whsec_new');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('answers undefined for a department without a secret, and creates the secret on the first write', async () => {
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    sm.on(PutSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    sm.on(CreateSecretCommand).resolves({});
    const store = secretStoreFor('one-stop-dev/secrets/', new SecretsManagerClient({}));
    expect(await store.get('TAX')).toBeUndefined();
    await store.put('TAX', { current: 'whsec_x' });
    expect(sm.commandCalls(CreateSecretCommand)[0]!.args[0].input).toMatchObject({
      Name: 'one-stop-dev/secrets/TAX',
      SecretString: JSON.stringify({ current: 'whsec_x' }),
    });
  });
});

describe('the local file secret store', () => {
  it('keeps each department’s secrets in a file only its owner can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    const store = secretStoreFor(`${pathToFileURL(dir).href}/`);
    expect(await store.get('SAMR')).toBeUndefined();
    await store.put('SAMR', { current: 'whsec_a', previous: 'whsec_b', previousUntil: '2026-03-03T00:00:00Z' });
    expect(await store.get('SAMR')).toEqual({
      current: 'whsec_a',
      previous: 'whsec_b',
      previousUntil: '2026-03-03T00:00:00Z',
    });
    expect(statSync(join(dir, 'SAMR.json')).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true, force: true });
  });
});
