import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { derToJose } from 'ecdsa-sig-formatter';
import { base64url, type JWK } from 'jose';
import { p256Kid } from '../domain/licences/jwks';
import type { LicenceSigner } from '../domain/licences/signer';

/**
 * The two implementations of the licence signing port: a P-256 key in a file for the local cloud, and an AWS KMS
 * asymmetric key (ECC_NIST_P256, SIGN_VERIFY) in AWS. Both name their key by its RFC 7638 thumbprint, so the kid
 * follows the key and not the place it lives in.
 */

export const LOCAL_LICENCE_KEY_FILE = 'licence-signing-key.pem';

/** Signatures made with local keys in this process: the local cloud's meter counts them as KMS Sign requests. */
export const localSignatures = { count: 0 };

/** A key's public half only: what verification needs (the JWKS), with no way to sign. */
export interface LicencePublicKey {
  readonly kid: string;
  publicJwk(): Promise<JWK>;
}

/**
 * A P-256 key kept as PKCS#8 PEM in `dir`, created on first use, so that licences signed before a restart of the
 * local cloud keep verifying. Two processes starting together agree on one key: the file appears atomically.
 */
export async function localLicenceSigner(dir: string): Promise<LicenceSigner> {
  const file = join(dir, LOCAL_LICENCE_KEY_FILE);
  const privateKey = createPrivateKey(await readOrCreatePem(dir, file));
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${file} is not a P-256 private key`);
  }
  const jwk = publicJwkOf(createPublicKey(privateKey));
  const kid = await p256Kid(jwk);
  return {
    kid,
    alg: 'ES256',
    // ieee-p1363 is the JOSE form r||s directly.
    sign: async (signingInput) => {
      localSignatures.count += 1;
      return new Uint8Array(sign('sha256', signingInput, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    },
    publicJwk: async () => ({ ...jwk, kid }),
  };
}

async function readOrCreatePem(dir: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  // Written whole under a private name, then linked into place: link fails if another process won the race.
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(file, 'utf8');
  } finally {
    await unlink(temp);
  }
}

export interface KmsLicenceSignerOptions {
  /** Key id, key ARN, alias name or alias ARN of an ECC_NIST_P256 SIGN_VERIFY key. */
  readonly keyId: string;
  readonly client?: KMSClient;
}

let sharedKms: KMSClient | undefined;
/** One KMS client per container, made on first use (functions that never sign never make one). */
function kms(): KMSClient {
  sharedKms ??= new KMSClient({});
  return sharedKms;
}

/**
 * An AWS KMS asymmetric key. The public key is read once (GetPublicKey); every signature is one Sign call with the
 * SHA-256 digest (MessageType DIGEST: a RAW message may not exceed 4 KB, and a licence with long content fields
 * does). KMS answers with a DER ECDSA-Sig-Value, which is converted to JOSE's r||s.
 */
export async function kmsLicenceSigner(options: KmsLicenceSignerOptions): Promise<LicenceSigner> {
  const client = options.client ?? kms();
  const { jwk, kid, keyArn } = await kmsPublicKey(client, options.keyId);
  return {
    kid,
    alg: 'ES256',
    async sign(signingInput) {
      const digest = createHash('sha256').update(signingInput).digest();
      const signed = await client.send(
        new SignCommand({ KeyId: keyArn, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!signed.Signature) throw new Error(`KMS returned no signature for ${keyArn}`);
      return derToRaw(signed.Signature);
    },
    publicJwk: async () => ({ ...jwk, kid }),
  };
}

/**
 * The public key of a licence key, for verification: GetPublicKey on a KMS key (the function needs no kms:Sign),
 * or the public half of the local key file in the local cloud.
 */
export async function licencePublicKey(ref: string, client?: KMSClient): Promise<LicencePublicKey> {
  if (ref.startsWith('file:')) {
    const local = await localLicenceSigner(fileURLToPath(ref));
    return { kid: local.kid, publicJwk: () => local.publicJwk() };
  }
  const { jwk, kid } = await kmsPublicKey(client ?? kms(), ref);
  return { kid, publicJwk: async () => ({ ...jwk, kid }) };
}

async function kmsPublicKey(client: KMSClient, keyId: string): Promise<{ jwk: JWK; kid: string; keyArn: string }> {
  const key = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (
    key.KeySpec !== 'ECC_NIST_P256' ||
    key.KeyUsage !== 'SIGN_VERIFY' ||
    !key.SigningAlgorithms?.includes('ECDSA_SHA_256')
  ) {
    throw new Error(
      `KMS key ${keyId} must be ECC_NIST_P256 for SIGN_VERIFY with ECDSA_SHA_256 (it is ${key.KeySpec ?? '?'} for ${key.KeyUsage ?? '?'})`,
    );
  }
  if (!key.PublicKey || !key.KeyId) throw new Error(`KMS returned no public key for ${keyId}`);
  const jwk = publicJwkOf(createPublicKey({ key: Buffer.from(key.PublicKey), format: 'der', type: 'spki' }));
  const kid = await p256Kid(jwk);
  // Sign with the key ARN that GetPublicKey resolved: if an alias moves to a new key later, this signer keeps
  // signing with the key its kid names.
  return { jwk, kid, keyArn: key.KeyId };
}

/**
 * A DER ECDSA-Sig-Value (SEQUENCE of INTEGER r, INTEGER s; each minimal, so 31 to 33 bytes with a 0x00 before a
 * high bit) as JOSE's fixed-width r||s of 64 bytes.
 */
export function derToRaw(der: Uint8Array): Uint8Array {
  return base64url.decode(derToJose(Buffer.from(der), 'ES256'));
}

function publicJwkOf(key: KeyObject): JWK {
  const { kty, crv, x, y } = key.export({ format: 'jwk' });
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y)
    throw new Error(`not a P-256 public key (${kty ?? '?'} ${crv ?? ''})`);
  return { kty, crv, x, y };
}

/** The signer a LICENCE_SIGNING_KEY names: a `file:` folder holding the local key, or a KMS key ARN. */
export function licenceSignerFor(ref: string): Promise<LicenceSigner> {
  return ref.startsWith('file:') ? localLicenceSigner(fileURLToPath(ref)) : kmsLicenceSigner({ keyId: ref });
}
