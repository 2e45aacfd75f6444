import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
  webcrypto,
} from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand, type SignCommandInput } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { calculateJwkThumbprint, exportJWK, jwtVerify, createLocalJWKSet } from 'jose';
import {
  derToRaw,
  kmsLicenceSigner,
  LOCAL_LICENCE_KEY_FILE,
  localLicenceSigner,
} from '../../shared/adapters/licence-signers';
import { buildJwks, signerJwk } from '../../shared/domain/licences/jwks';
import { signCredentialJws } from '../../shared/domain/licences/signer';

const utf8 = new TextEncoder();
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'licence-signer-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function webCryptoVerifies(
  jwk: webcrypto.JsonWebKey,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  const key = await webcrypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message);
}

describe('localLicenceSigner', () => {
  it('creates a P-256 key file readable by its owner only, and signs r||s that WebCrypto verifies', async () => {
    const dir = tempDir();
    const signer = await localLicenceSigner(dir);
    expect(statSync(join(dir, LOCAL_LICENCE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const message = utf8.encode('header.payload');
    const signature = await signer.sign(message);
    expect(signature).toHaveLength(64);
    expect(await webCryptoVerifies(await signer.publicJwk(), signature, message)).toBe(true);
    expect(await webCryptoVerifies(await signer.publicJwk(), signature, utf8.encode('header.payloaD'))).toBe(false);
  });

  it('keeps the key across restarts: a second signer on the same folder has the same kid and key', async () => {
    const dir = tempDir();
    const first = await localLicenceSigner(dir);
    const second = await localLicenceSigner(dir);
    expect(second.kid).toBe(first.kid);
    const message = utf8.encode('signed before the restart');
    expect(await webCryptoVerifies(await second.publicJwk(), await first.sign(message), message)).toBe(true);
  });

  it('agrees on one key when several processes start at once, and leaves no temporary file', async () => {
    const dir = join(tempDir(), 'fresh', 'keys');
    const signers = await Promise.all(Array.from({ length: 6 }, () => localLicenceSigner(dir)));
    expect(new Set(signers.map((s) => s.kid)).size).toBe(1);
    expect(readdirSync(dir)).toEqual([LOCAL_LICENCE_KEY_FILE]);
  });

  it('refuses a key file that is not a P-256 key', async () => {
    const dir = tempDir();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, LOCAL_LICENCE_KEY_FILE), p384);
    await expect(localLicenceSigner(dir)).rejects.toThrow(/not a P-256 private key/);
  });
});

describe('derToRaw', () => {
  it('left-pads short integers and drops the sign byte of integers with the high bit set', () => {
    // SEQUENCE { INTEGER 0x01, INTEGER 0x00 0x80 00…00 (33 bytes: the high bit needs a leading zero) }
    const s = [0x00, 0x80, ...new Array<number>(31).fill(0)];
    const der = Uint8Array.from([0x30, 3 + 2 + s.length, 0x02, 0x01, 0x01, 0x02, s.length, ...s]);
    const raw = derToRaw(der);
    expect(raw).toHaveLength(64);
    expect(Array.from(raw.slice(0, 32))).toEqual([...new Array<number>(31).fill(0), 1]);
    expect(Array.from(raw.slice(32))).toEqual([0x80, ...new Array<number>(31).fill(0)]);
  });

  it('refuses what is not an ECDSA-Sig-Value', () => {
    expect(() => derToRaw(Uint8Array.from([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]))).toThrow();
    expect(() => derToRaw(new Uint8Array(64).fill(1))).toThrow();
  });
});

/**
 * A KMS double backed by a real P-256 key. Node cannot sign a precomputed digest, so the double keeps the messages
 * the test is about to sign and signs the one whose SHA-256 is the digest it receives: a digest of anything else
 * (a RAW message, a wrong hash) finds nothing and fails the call. Signing repeats (ECDSA draws a new nonce each
 * time) until the DER signature has the shape the test asks for.
 */
type DerShape = 'any' | 'r-with-sign-byte' | 's-with-sign-byte' | 'r-short' | 's-short';

function derIntegers(der: Uint8Array): { r: Uint8Array; s: Uint8Array } {
  // Lengths stay below 128 for P-256, so every length is one byte.
  const rLength = der[3] ?? 0;
  const r = der.slice(4, 4 + rLength);
  const s = der.slice(6 + rLength);
  return { r, s };
}

function hasShape(der: Uint8Array, shape: DerShape): boolean {
  const { r, s } = derIntegers(der);
  switch (shape) {
    case 'any':
      return true;
    case 'r-with-sign-byte':
      return r.length === 33 && r[0] === 0;
    case 's-with-sign-byte':
      return s.length === 33 && s[0] === 0;
    case 'r-short':
      return r.length < 32;
    case 's-short':
      return s.length < 32;
  }
}

describe('kmsLicenceSigner', () => {
  const KEY_ARN = 'arn:aws:kms:cn-north-1:111122223333:key/0f3c5c07-5b7e-4b9a-9f5e-6a4e1b1d2c3a';
  const kms = mockClient(KMSClient);
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  const messages = new Map<string, Uint8Array>();
  let shape: DerShape = 'any';
  let lastDer: Uint8Array | undefined;

  function expectToSign(message: Uint8Array): void {
    messages.set(createHash('sha256').update(message).digest('hex'), message);
  }

  beforeEach(() => {
    ({ privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' }));
    messages.clear();
    shape = 'any';
    kms.reset();
    kms.on(GetPublicKeyCommand).resolves({
      KeyId: KEY_ARN,
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
      PublicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    });
    kms.on(SignCommand).callsFake((input: SignCommandInput) => {
      if (input.MessageType !== 'DIGEST' || input.SigningAlgorithm !== 'ECDSA_SHA_256' || input.KeyId !== KEY_ARN)
        throw new Error(`unexpected Sign input ${JSON.stringify({ ...input, Message: undefined })}`);
      const message = messages.get(Buffer.from(input.Message ?? []).toString('hex'));
      if (!message) throw new Error('ValidationException: the digest is not the SHA-256 of any message the test signs');
      for (let attempt = 0; attempt < 50_000; attempt++) {
        const der = new Uint8Array(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
        if (hasShape(der, shape)) {
          lastDer = der;
          return { KeyId: KEY_ARN, Signature: der, SigningAlgorithm: 'ECDSA_SHA_256' };
        }
      }
      throw new Error(`no signature of shape ${shape}`);
    });
  });

  afterAll(() => kms.restore());

  it('reads the public key once, converts SPKI DER to a JWK, and names it by its thumbprint', async () => {
    const signer = await kmsLicenceSigner({
      keyId: 'alias/licence-signing',
      client: new KMSClient({ region: 'cn-north-1' }),
    });
    const expected = await exportJWK(publicKey);
    expect(await signer.publicJwk()).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expected.x,
      y: expected.y,
      kid: signer.kid,
    });
    expect(signer.kid).toBe(await calculateJwkThumbprint(expected, 'sha256'));
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    expect(kms.commandCalls(GetPublicKeyCommand)[0]?.args[0].input.KeyId).toBe('alias/licence-signing');
  });

  it.each<DerShape>(['any', 'r-with-sign-byte', 's-with-sign-byte', 'r-short', 's-short'])(
    'signs the SHA-256 digest (MessageType DIGEST) with the resolved key ARN and returns r||s that verifies (DER shape: %s)',
    async (wanted) => {
      shape = wanted;
      const signer = await kmsLicenceSigner({
        keyId: 'alias/licence-signing',
        client: new KMSClient({ region: 'cn-north-1' }),
      });
      const message = utf8.encode(`header.payload-${wanted}`);
      expectToSign(message);
      const raw = await signer.sign(message);
      expect(raw).toHaveLength(64);
      expect(hasShape(lastDer ?? new Uint8Array(), wanted)).toBe(true);
      // r and s are the DER integers, left-padded to 32 bytes.
      const { r, s } = derIntegers(lastDer ?? new Uint8Array());
      const unsigned = (n: Uint8Array) => (n[0] === 0 ? n.slice(1) : n);
      expect(Buffer.from(raw.slice(32 - unsigned(r).length, 32))).toEqual(Buffer.from(unsigned(r)));
      expect(Buffer.from(raw.slice(64 - unsigned(s).length))).toEqual(Buffer.from(unsigned(s)));
      // Two independent verifiers: WebCrypto with the JWK, Node with the original key and the JOSE encoding.
      expect(await webCryptoVerifies(await signer.publicJwk(), raw, message)).toBe(true);
      expect(nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
      const call = kms.commandCalls(SignCommand)[0]?.args[0].input;
      expect(call?.KeyId).toBe(KEY_ARN);
      expect(Buffer.from(call?.Message ?? [])).toEqual(createHash('sha256').update(message).digest());
    },
  );

  it('signs a credential larger than the 4 KB a RAW message allows, which jose verifies against the JWKS', async () => {
    const signer = await kmsLicenceSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'cn-north-1' }) });
    const credential = {
      type: ['VerifiableCredential'],
      credentialSubject: { businessScope: '餐饮服务；'.repeat(600) },
    };
    // Register the exact signing input: the header and payload as signCredentialJws writes them.
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: signer.kid, typ: 'vc+jwt', cty: 'vc' })).toString(
      'base64url',
    );
    const signingInput = utf8.encode(`${header}.${Buffer.from(JSON.stringify(credential)).toString('base64url')}`);
    expect(signingInput.length).toBeGreaterThan(4096);
    expectToSign(signingInput);
    const jws = await signCredentialJws(credential, signer);
    const { payload } = await jwtVerify(jws, createLocalJWKSet(buildJwks(await signerJwk(signer)) as never), {
      typ: 'vc+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toEqual(credential);
  });

  it('refuses a key that is not ECC_NIST_P256 for signing', async () => {
    kms.on(GetPublicKeyCommand).resolves({
      KeyId: KEY_ARN,
      KeySpec: 'ECC_SECG_P256K1',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
      PublicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    });
    await expect(kmsLicenceSigner({ keyId: KEY_ARN, client: new KMSClient({ region: 'cn-north-1' }) })).rejects.toThrow(
      /ECC_NIST_P256/,
    );
  });
});
