import { createHash, randomBytes, sign as nodeSign, webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { LOCAL_LICENCE_KEY_FILE, localLicenceSigner } from '../../shared/adapters/licence-signers';
import {
  buildLicenceCredential,
  citizenSubjectId,
  credentialTypeName,
  type LicenceCredentialInput,
  maskIdNumber,
  signLicenceCredential,
  validUntilAfterYears,
} from '../../shared/domain/licences/credential';
import { buildJwks, p256Kid, publishedJwk, signerJwk } from '../../shared/domain/licences/jwks';
import { type LicenceSigner, signCredentialJws } from '../../shared/domain/licences/signer';

// Fictitious identifiers with valid check characters (GB 11643 and GB 32100).
const USCC = '91350100M000100Y43';
const ID_NUMBER = '11010519491231002X';
const ISSUED_AT = new Date('2026-03-02T02:15:00Z');
const HOLDER_ID_KEY = new Uint8Array(32).fill(7);
const STATUS = {
  index: 94_567,
  revocationList: 'https://gov.example.cn/status/revocation/1',
  suspensionList: 'https://gov.example.cn/status/suspension/1',
};

function enterpriseInput(overrides: Partial<LicenceCredentialInput> = {}): LicenceCredentialInput {
  return {
    licenceNumber: 'JY202603023501007K3MQXA',
    type: { code: 'FOOD_BUSINESS_LICENCE', name: '食品经营许可证' },
    issuer: { id: 'https://gov.example.cn/departments/SAMR', name: '福州市市场监督管理局' },
    holder: { kind: 'enterprise', uscc: USCC, name: '福州榕城小吃店有限公司' },
    content: { operatorName: '福州榕城小吃店有限公司', legalRepresentative: '张三丰', mainBusiness: '餐饮服务经营者' },
    validFrom: ISSUED_AT,
    validUntil: validUntilAfterYears(ISSUED_AT, 5),
    status: STATUS,
    ...overrides,
  };
}

function citizenInput(): LicenceCredentialInput {
  return {
    ...enterpriseInput(),
    licenceNumber: 'RP202603023501007K3MQXB',
    type: { code: 'RESIDENCE_PERMIT', name: '居住证' },
    holder: { kind: 'citizen', idNumber: ID_NUMBER, name: '张三丰' },
    content: { name: '张三丰', idNumber: ID_NUMBER, residenceAddress: '福州市鼓楼区五四路100号' },
    holderIdKey: HOLDER_ID_KEY,
  };
}

let dir: string;
let signer: LicenceSigner;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'licence-credential-'));
  signer = await localLicenceSigner(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildLicenceCredential', () => {
  it('builds a VC 2.0 credential for an enterprise, keeping its 统一社会信用代码', () => {
    const vc = buildLicenceCredential(enterpriseInput());
    expect(vc).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:licence:JY202603023501007K3MQXA',
      type: ['VerifiableCredential', 'FoodBusinessLicenceCredential'],
      issuer: { id: 'https://gov.example.cn/departments/SAMR', name: '福州市市场监督管理局' },
      validFrom: '2026-03-02T10:15:00+08:00',
      validUntil: '2031-03-01T23:59:59+08:00',
      credentialSubject: {
        id: `urn:uscc:${USCC}`,
        holderType: 'enterprise',
        holderName: '福州榕城小吃店有限公司',
        uscc: USCC,
        licenceNumber: 'JY202603023501007K3MQXA',
        licenceType: 'FOOD_BUSINESS_LICENCE',
        licenceTypeName: '食品经营许可证',
        content: {
          operatorName: '福州榕城小吃店有限公司',
          legalRepresentative: '张三丰',
          mainBusiness: '餐饮服务经营者',
        },
      },
      credentialStatus: [
        {
          id: `${STATUS.revocationList}#94567`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '94567',
          statusListCredential: STATUS.revocationList,
        },
        {
          id: `${STATUS.suspensionList}#94567`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'suspension',
          statusListIndex: '94567',
          statusListCredential: STATUS.suspensionList,
        },
      ],
    });
  });

  it('never writes a citizen ID number: a keyed pseudonym as subject id, a masked number, masked content', () => {
    const vc = buildLicenceCredential(citizenInput());
    const json = JSON.stringify(vc);
    expect(json).not.toContain(ID_NUMBER);
    expect(json).not.toContain(ID_NUMBER.slice(3, 14)); // not even the birth date and sequence
    expect(vc.credentialSubject.id).toMatch(/^urn:pid:hmac-sha256:[A-Za-z0-9_-]{43}$/);
    // Not a plain hash, which anyone could recompute by trying every plausible ID number.
    expect(vc.credentialSubject.id).not.toContain(createHash('sha256').update(ID_NUMBER).digest('base64url'));
    expect(vc.credentialSubject.idNumberMasked).toBe('110***********002X');
    expect(vc.credentialSubject.content.idNumber).toBe('110***********002X');
    expect(vc.credentialSubject.uscc).toBeUndefined();
    expect(vc.credentialSubject.holderName).toBe('张三丰');
  });

  it('gives a citizen the same subject id under one key, another under another key', () => {
    expect(citizenSubjectId(ID_NUMBER, HOLDER_ID_KEY)).toBe(citizenSubjectId(ID_NUMBER.toLowerCase(), HOLDER_ID_KEY));
    expect(citizenSubjectId(ID_NUMBER, HOLDER_ID_KEY)).not.toBe(citizenSubjectId(ID_NUMBER, randomBytes(32)));
    expect(() => citizenSubjectId(ID_NUMBER, new Uint8Array(16))).toThrow(RangeError);
  });

  it('refuses an invalid holder identifier, a citizen without a key, and an end before the start', () => {
    expect(() =>
      buildLicenceCredential(
        enterpriseInput({ holder: { kind: 'enterprise', uscc: '91350100M000100Y44', name: 'x' } }),
      ),
    ).toThrow(/统一社会信用代码/);
    expect(() =>
      buildLicenceCredential({
        ...citizenInput(),
        holder: { kind: 'citizen', idNumber: '110105194912310021', name: 'x' },
      }),
    ).toThrow(/ID number/);
    expect(() => buildLicenceCredential({ ...citizenInput(), holderIdKey: undefined })).toThrow(/holderIdKey/);
    expect(() => buildLicenceCredential(enterpriseInput({ validUntil: new Date(ISSUED_AT.getTime() - 1000) }))).toThrow(
      RangeError,
    );
  });

  it('omits validUntil for a licence without end (长期有效)', () => {
    expect(buildLicenceCredential(enterpriseInput({ validUntil: undefined })).validUntil).toBeUndefined();
  });

  it('names credential types after licence types', () => {
    expect(credentialTypeName('FOOD_BUSINESS_LICENCE')).toBe('FoodBusinessLicenceCredential');
    expect(credentialTypeName('SEAL-FILING')).toBe('SealFilingCredential');
    expect(() => credentialTypeName('__')).toThrow(RangeError);
  });

  it('masks ID numbers to the first three and last four characters', () => {
    expect(maskIdNumber('310115198806154025')).toBe('310***********4025');
  });
});

describe('validUntilAfterYears', () => {
  it('ends on the eve of the anniversary, at 23:59:59 in China', () => {
    expect(validUntilAfterYears(ISSUED_AT, 5).toISOString()).toBe('2031-03-01T15:59:59.000Z');
  });

  it('counts from the day in China (20:00 UTC on 1 March is 2 March there)', () => {
    expect(validUntilAfterYears(new Date('2026-03-01T20:00:00Z'), 1).toISOString()).toBe('2027-03-01T15:59:59.000Z');
  });

  it('never gains a day from 29 February', () => {
    expect(validUntilAfterYears(new Date('2028-02-29T04:00:00Z'), 1).toISOString()).toBe('2029-02-28T15:59:59.000Z');
    expect(validUntilAfterYears(new Date('2028-02-29T04:00:00Z'), 4).toISOString()).toBe('2032-02-28T15:59:59.000Z');
  });
});

describe('signing as vc+jwt', () => {
  it('writes the header {alg ES256, kid, typ vc+jwt, cty vc} and the credential itself as payload', async () => {
    const vc = buildLicenceCredential(enterpriseInput());
    const jws = await signLicenceCredential(vc, signer);
    expect(jws.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', kid: signer.kid, typ: 'vc+jwt', cty: 'vc' });
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1] ?? '')))).toEqual(vc);
  });

  it('verifies with jose against the JWKS, as a JWT of type vc+jwt', async () => {
    const vc = buildLicenceCredential(enterpriseInput());
    const jws = await signLicenceCredential(vc, signer);
    const jwks = buildJwks(await signerJwk(signer));
    const { payload, protectedHeader } = await jwtVerify(jws, createLocalJWKSet(jwks as never), {
      typ: 'vc+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toEqual(vc);
    expect(protectedHeader.kid).toBe(signer.kid);
  });

  it('verifies with WebCrypto independently, and fails once a byte of the payload changes', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenInput()), signer);
    const [header = '', payload = '', signature = ''] = jws.split('.');
    const key = await webcrypto.subtle.importKey(
      'jwk',
      await signer.publicJwk(),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const verify = (p: string) =>
      webcrypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        base64url.decode(signature),
        new TextEncoder().encode(`${header}.${p}`),
      );
    expect(await verify(payload)).toBe(true);
    const tampered = base64url.encode(new TextDecoder().decode(base64url.decode(payload)).replace('张三丰', '李四'));
    expect(await verify(tampered)).toBe(false);
  });

  it('refuses a signer that returns a DER signature instead of r||s', async () => {
    const pem = readFileSync(join(dir, LOCAL_LICENCE_KEY_FILE), 'utf8');
    const derSigner: LicenceSigner = {
      ...signer,
      sign: async (input) => new Uint8Array(nodeSign('sha256', input, { key: pem, dsaEncoding: 'der' })),
    };
    await expect(signCredentialJws({ a: 1 }, derSigner)).rejects.toThrow(/r\|\|s of 64/);
  });
});

describe('JWKS', () => {
  it('publishes the current key first, then the retired ones, each once, public members only', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'licence-retired-'));
    const other = await localLicenceSigner(otherDir);
    const current = await signerJwk(signer);
    const retired = await signerJwk(other);
    rmSync(otherDir, { recursive: true, force: true });
    const jwks = buildJwks(current, [retired, current]);
    expect(jwks.keys.map((k) => k.kid)).toEqual([signer.kid, other.kid]);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
    }
  });

  it('names a key by its RFC 7638 thumbprint', async () => {
    const jwk = await signer.publicJwk();
    expect(signer.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, 'sha256'));
    expect(await p256Kid(jwk)).toBe(signer.kid);
  });

  it('refuses to publish a private key or a key that is not P-256', async () => {
    const privateJwk = (await webcrypto.subtle.exportKey(
      'jwk',
      (
        await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])
      ).privateKey,
    )) as Parameters<typeof publishedJwk>[0];
    expect(() => publishedJwk(privateJwk, 'k1')).toThrow(/private/);
    expect(() => publishedJwk({ kty: 'EC', crv: 'P-384', x: 'AA', y: 'AA' }, 'k2')).toThrow(/P-256/);
    expect(() => publishedJwk({ kty: 'RSA', n: 'AA', e: 'AQAB' }, 'k3')).toThrow(/P-256/);
  });
});
