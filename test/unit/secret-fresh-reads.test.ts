import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { FRESH_SECRET_READ_INTERVAL_MS, secretStoreFor } from '../../shared/adapters/secret-stores';

/** Bad signatures ask for a secret afresh; anyone can send them, so the fresh reads are limited per secret. */
describe('fresh reads of a secret after a bad signature', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('reaches Secrets Manager at most once per interval and secret, however many bad signatures arrive', async () => {
    let version = 0;
    sm.on(GetSecretValueCommand).callsFake(async ({ SecretId }: { SecretId: string }) => ({
      SecretString: JSON.stringify({ current: `${SecretId}#${++version}` }),
    }));
    let now = Date.parse('2026-03-02T01:00:00Z');
    const store = secretStoreFor('one-stop-dev/secrets/', new SecretsManagerClient({}), { now: () => now });
    const reads = (department: string) =>
      sm
        .commandCalls(GetSecretValueCommand)
        .filter((c) => c.args[0].input.SecretId === `one-stop-dev/secrets/${department}`).length;

    await store.get('SAMR');
    // The first bad signature after a rotation elsewhere finds the new secret at once.
    expect((await store.get('SAMR', { fresh: true }))?.current).toBe('one-stop-dev/secrets/SAMR#2');
    // A flood of forged callbacks within the interval: the copy at hand answers, Secrets Manager is not asked.
    for (let i = 0; i < 500; i++) {
      now += 50;
      expect((await store.get('SAMR', { fresh: true }))?.current).toBe('one-stop-dev/secrets/SAMR#2');
    }
    expect(reads('SAMR')).toBe(2);
    // Another department's secret has its own allowance.
    await store.get('HEALTH', { fresh: true });
    expect(reads('HEALTH')).toBe(1);
    // Once the interval has passed, one more fresh read.
    now = Date.parse('2026-03-02T01:00:00Z') + FRESH_SECRET_READ_INTERVAL_MS;
    await store.get('SAMR', { fresh: true });
    await store.get('SAMR', { fresh: true });
    expect(reads('SAMR')).toBe(3);
  });

  it('still reads when the cached copy has expired, fresh or not', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: 'whsec_a' }) });
    let now = 0;
    const store = secretStoreFor('one-stop-dev/secrets/', new SecretsManagerClient({}), { now: () => now });
    await store.get('SAMR', { fresh: true });
    now += 61_000;
    await store.get('SAMR');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
