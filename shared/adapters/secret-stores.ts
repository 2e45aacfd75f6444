import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretStore } from '../domain/integration/deliveries';
import type { DepartmentSecrets } from '../domain/integration/model';

/**
 * Departments' webhook secrets. PLATFORM_SECRETS_PREFIX names where they live: `<prefix><dept>` secrets in AWS
 * Secrets Manager (encrypted with the platform's key), or, locally, `file:///…/` — one JSON file per department,
 * readable by its owner only.
 */
export function secretStoreFor(prefix: string, client?: SecretsManagerClient): SecretStore {
  return prefix.startsWith('file:') ? fileSecretStore(fileURLToPath(prefix)) : secretsManagerStore(client ?? new SecretsManagerClient({}), prefix);
}

function fileSecretStore(dir: string): SecretStore {
  const file = (department: string) => join(dir, `${department}.json`);
  return {
    async get(department) {
      try {
        return JSON.parse(readFileSync(file(department), 'utf8')) as DepartmentSecrets;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(department, secrets) {
      // A name may have a folder part (e.g. payments/simulated).
      mkdirSync(dirname(file(department)), { recursive: true, mode: 0o700 });
      const temporary = `${file(department)}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(secrets), { mode: 0o600 });
      renameSync(temporary, file(department));
    },
  };
}

function secretsManagerStore(client: SecretsManagerClient, prefix: string): SecretStore {
  // Read per call with a short cache: a rotation is seen within a minute by every container.
  const cache = new Map<string, { value: DepartmentSecrets | undefined; until: number }>();
  return {
    async get(department, options) {
      const hit = cache.get(department);
      if (hit && hit.until > Date.now() && !options?.fresh) return hit.value;
      let value: DepartmentSecrets | undefined;
      try {
        const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: `${prefix}${department}` }));
        value = SecretString ? (JSON.parse(SecretString) as DepartmentSecrets) : undefined;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      cache.set(department, { value, until: Date.now() + 60_000 });
      return value;
    },
    async put(department, secrets) {
      const SecretString = JSON.stringify(secrets);
      try {
        await client.send(new PutSecretValueCommand({ SecretId: `${prefix}${department}`, SecretString }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(new CreateSecretCommand({ Name: `${prefix}${department}`, SecretString, KmsKeyId: process.env.PLATFORM_KMS_KEY_ID }));
      }
      cache.delete(department);
    },
  };
}
