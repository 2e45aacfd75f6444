import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { DepartmentSecrets } from '../domain/integration/model';
import type { SecretStore } from '../domain/integration/ports';

/**
 * Departments' webhook secrets. PLATFORM_SECRETS_PREFIX names where they live: `<prefix><dept>` secrets in AWS
 * Secrets Manager (encrypted with the platform's key), or, locally, `file:///…/` — one JSON file per department,
 * readable by its owner only.
 */
export function secretStoreFor(
  prefix: string,
  client?: SecretsManagerClient,
  options: SecretsManagerStoreOptions = {},
): SecretStore {
  return prefix.startsWith('file:')
    ? fileSecretStore(fileURLToPath(prefix))
    : secretsManagerStore(client ?? new SecretsManagerClient({}), prefix, options);
}

export interface SecretsManagerStoreOptions {
  /** The clock (ms) the cache and the fresh-read limit count on. */
  readonly now?: () => number;
}

/**
 * A bad signature asks for the secret afresh (it may have been rotated in another container); anyone can send bad
 * signatures, so at most one fresh read per secret per this many ms reaches Secrets Manager. Within it the copy at
 * hand answers: the first bad signature after a rotation still finds the new secret, a flood of forgeries costs
 * one read a minute.
 */
export const FRESH_SECRET_READ_INTERVAL_MS = 60_000;
/** How long a copy serves without asking: a rotation is seen within this by every container. */
const SECRET_CACHE_MS = 60_000;

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

function secretsManagerStore(
  client: SecretsManagerClient,
  prefix: string,
  { now = Date.now }: SecretsManagerStoreOptions,
): SecretStore {
  // Read per call with a short cache; the fresh reads a bad signature asks for are limited (see above).
  const cache = new Map<string, { value: DepartmentSecrets | undefined; until: number }>();
  const freshReadAt = new Map<string, number>();
  return {
    async get(department, options) {
      const hit = cache.get(department);
      const last = freshReadAt.get(department);
      const fresh = options?.fresh === true && (last === undefined || now() - last >= FRESH_SECRET_READ_INTERVAL_MS);
      if (fresh) freshReadAt.set(department, now());
      if (hit && hit.until > now() && !fresh) return hit.value;
      let value: DepartmentSecrets | undefined;
      try {
        const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: `${prefix}${department}` }));
        value = SecretString ? (JSON.parse(SecretString) as DepartmentSecrets) : undefined;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      cache.set(department, { value, until: now() + SECRET_CACHE_MS });
      return value;
    },
    async put(department, secrets) {
      const SecretString = JSON.stringify(secrets);
      try {
        await client.send(new PutSecretValueCommand({ SecretId: `${prefix}${department}`, SecretString }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(
          new CreateSecretCommand({
            Name: `${prefix}${department}`,
            SecretString,
            KmsKeyId: process.env.PLATFORM_KMS_KEY_ID,
          }),
        );
      }
      cache.delete(department);
    },
  };
}
