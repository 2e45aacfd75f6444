import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, CompactSign, importPKCS8 } from 'jose';
import { LOCAL_LICENCE_KEY_FILE, localLicenceSigner } from '../../shared/adapters/licence-signers';
import {
  buildLicenceCredential,
  type LicenceCredentialInput,
  signLicenceCredential,
  validUntilAfterYears,
} from '../../shared/domain/licences/credential';
import { buildJwks, type LicenceJwks, signerJwk } from '../../shared/domain/licences/jwks';
import { type LicenceSigner, signCredentialJws } from '../../shared/domain/licences/signer';
import {
  type BitstringStatusListCredential,
  buildStatusListCredential,
  StatusBitstring,
  type StatusPurpose,
} from '../../shared/domain/licences/status-list';
import { maskPersonName, type StatusListLookup, verifyLicence } from '../../shared/domain/licences/verify';

const ISSUED_AT = new Date('2026-03-02T02:15:00Z');
const DURING = new Date('2027-06-01T00:00:00Z');
const ID_NUMBER = '11010519491231002X';
const LISTS: Record<StatusPurpose, string> = {
  revocation: 'https://gov.example.cn/status/revocation/1',
  suspension: 'https://gov.example.cn/status/suspension/1',
};
const INDEX = 94_567;
const PLATFORM = { id: 'https://gov.example.cn', name: '一网通办平台' };

function citizenLicence(overrides: Partial<LicenceCredentialInput> = {}): LicenceCredentialInput {
  return {
    licenceNumber: 'RP202603023501007K3MQXB',
    type: { code: 'RESIDENCE_PERMIT', name: '居住证' },
    issuer: { id: 'https://gov.example.cn/departments/PSB', name: '福州市公安局' },
    holder: { kind: 'citizen', idNumber: ID_NUMBER, name: '张三丰' },
    content: { residenceAddress: '福州市鼓楼区五四路100号' },
    validFrom: ISSUED_AT,
    validUntil: validUntilAfterYears(ISSUED_AT, 2),
    status: { index: INDEX, revocationList: LISTS.revocation, suspensionList: LISTS.suspension },
    holderIdKey: new Uint8Array(32).fill(9),
    ...overrides,
  };
}

const dirs: string[] = [];
let signer: LicenceSigner;
let oldSigner: LicenceSigner;
let foreignSigner: LicenceSigner;
let jwks: LicenceJwks;
let lists: Record<StatusPurpose, StatusBitstring>;

async function newSigner(): Promise<LicenceSigner> {
  const dir = mkdtempSync(join(tmpdir(), 'licence-verify-'));
  dirs.push(dir);
  return localLicenceSigner(dir);
}

/** The status lists as the platform publishes them: signed vc+jwt at their URLs. */
async function publishedLists(
  overrides: Partial<Record<string, string | BitstringStatusListCredential | undefined>> = {},
): Promise<StatusListLookup> {
  const published = new Map<string, string | BitstringStatusListCredential | undefined>();
  for (const purpose of ['revocation', 'suspension'] as const) {
    const vc = buildStatusListCredential({
      url: LISTS[purpose],
      issuer: PLATFORM,
      purpose,
      list: lists[purpose],
      validFrom: ISSUED_AT,
    });
    published.set(LISTS[purpose], await signCredentialJws(vc, signer));
  }
  for (const [url, value] of Object.entries(overrides)) published.set(url, value);
  return async (url) => published.get(url);
}

beforeAll(async () => {
  signer = await newSigner();
  oldSigner = await newSigner();
  foreignSigner = await newSigner();
  jwks = buildJwks(await signerJwk(signer), [await signerJwk(oldSigner)]);
});
beforeEach(() => {
  lists = { revocation: StatusBitstring.create(), suspension: StatusBitstring.create() };
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('verifyLicence', () => {
  it('finds a genuine licence valid, with the holder masked and nothing of the ID number', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    const result = await verifyLicence(jws, { jwks, now: DURING, statusList: await publishedLists() });
    expect(result).toEqual({
      status: 'valid',
      signatureValid: true,
      problems: [],
      checkedAt: DURING.toISOString(),
      kid: signer.kid,
      issuer: { id: 'https://gov.example.cn/departments/PSB', name: '福州市公安局' },
      holder: { type: 'citizen', name: '张*丰', idNumberMasked: '110***********002X' },
      licenceNumber: 'RP202603023501007K3MQXB',
      type: { code: 'RESIDENCE_PERMIT', name: '居住证' },
      validFrom: '2026-03-02T10:15:00+08:00',
      validUntil: '2028-03-01T23:59:59+08:00',
    });
    expect(JSON.stringify(result)).not.toContain('张三丰');
  });

  it('shows an enterprise holder in full, with its 统一社会信用代码', async () => {
    const input = citizenLicence({
      holder: { kind: 'enterprise', uscc: '91350100M000100Y43', name: '福州榕城小吃店有限公司' },
    });
    const result = await verifyLicence(await signLicenceCredential(buildLicenceCredential(input), signer), {
      jwks,
      now: DURING,
      statusList: await publishedLists(),
    });
    expect(result.holder).toEqual({ type: 'enterprise', name: '福州榕城小吃店有限公司', uscc: '91350100M000100Y43' });
  });

  it('reads the revocation and suspension bits at the licence index; a revocation wins over a suspension', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    lists.suspension.set(INDEX, true);
    expect((await verifyLicence(jws, { jwks, now: DURING, statusList: await publishedLists() })).status).toBe(
      'suspended',
    );
    lists.revocation.set(INDEX, true);
    expect((await verifyLicence(jws, { jwks, now: DURING, statusList: await publishedLists() })).status).toBe(
      'revoked',
    );
    // The neighbouring licences' bits are not ours.
    lists = { revocation: StatusBitstring.create(), suspension: StatusBitstring.create() };
    lists.revocation.set(INDEX - 1, true);
    lists.suspension.set(INDEX + 1, true);
    expect((await verifyLicence(jws, { jwks, now: DURING, statusList: await publishedLists() })).status).toBe('valid');
  });

  it('says expired after validUntil, revoked over expired, and never expired for a licence without end', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    const afterEnd = new Date('2028-03-01T16:00:00Z'); // 00:00 on 2 March in China
    const justBefore = new Date('2028-03-01T15:59:59Z');
    expect((await verifyLicence(jws, { jwks, now: justBefore, statusList: await publishedLists() })).status).toBe(
      'valid',
    );
    expect((await verifyLicence(jws, { jwks, now: afterEnd, statusList: await publishedLists() })).status).toBe(
      'expired',
    );
    lists.revocation.set(INDEX, true);
    expect((await verifyLicence(jws, { jwks, now: afterEnd, statusList: await publishedLists() })).status).toBe(
      'revoked',
    );
    const indefinite = await signLicenceCredential(
      buildLicenceCredential(citizenLicence({ validUntil: undefined })),
      signer,
    );
    lists.revocation.set(INDEX, false);
    expect(
      (
        await verifyLicence(indefinite, {
          jwks,
          now: new Date('2090-01-01T00:00:00Z'),
          statusList: await publishedLists(),
        })
      ).status,
    ).toBe('valid');
  });

  it('does not call a licence valid before its validFrom', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    const result = await verifyLicence(jws, {
      jwks,
      now: new Date('2026-03-02T02:14:59Z'),
      statusList: await publishedLists(),
    });
    expect(result).toMatchObject({ status: 'unknown', signatureValid: true, problems: ['not-yet-valid'] });
  });

  it('rejects a changed payload and tells nothing from it', async () => {
    const jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    const [header, payload, signature] = jws.split('.');
    const forged = base64url.encode(
      new TextDecoder().decode(base64url.decode(payload ?? '')).replace('2028-03-01T23:59:59', '2099-03-01T23:59:59'),
    );
    const result = await verifyLicence(`${header}.${forged}.${signature}`, {
      jwks,
      now: DURING,
      statusList: await publishedLists(),
    });
    expect(result).toEqual({
      status: 'unknown',
      signatureValid: false,
      problems: ['bad-signature'],
      checkedAt: DURING.toISOString(),
    });
  });

  it('keeps verifying licences signed by a retired key, and rejects a key the JWKS does not publish', async () => {
    const byOld = await signLicenceCredential(buildLicenceCredential(citizenLicence()), oldSigner);
    expect(await verifyLicence(byOld, { jwks, now: DURING, statusList: await publishedLists() })).toMatchObject({
      status: 'valid',
      kid: oldSigner.kid,
    });
    const byForeign = await signLicenceCredential(buildLicenceCredential(citizenLicence()), foreignSigner);
    expect(await verifyLicence(byForeign, { jwks, now: DURING, statusList: await publishedLists() })).toMatchObject({
      status: 'unknown',
      signatureValid: false,
      problems: ['unknown-key'],
    });
    // A foreign signature under one of our kids is a bad signature, not a valid licence.
    const [, payload, foreignSignature] = byForeign.split('.');
    const ourHeader = base64url.encode(JSON.stringify({ alg: 'ES256', kid: signer.kid, typ: 'vc+jwt', cty: 'vc' }));
    expect(
      (
        await verifyLicence(`${ourHeader}.${payload}.${foreignSignature}`, {
          jwks,
          now: DURING,
          statusList: await publishedLists(),
        })
      ).problems,
    ).toEqual(['bad-signature']);
  });

  it('rejects what is not a licence: garbage, another header, another credential of ours', async () => {
    const statusList = await publishedLists();
    expect((await verifyLicence('not.a.jws', { jwks, now: DURING, statusList })).problems).toEqual(['malformed']);
    expect((await verifyLicence('', { jwks, now: DURING, statusList })).problems).toEqual(['malformed']);

    // A plain JWT signed with the platform key: right key, wrong kind of token.
    const key = await importPKCS8(readFileSync(join(dirs[0] ?? '', LOCAL_LICENCE_KEY_FILE), 'utf8'), 'ES256');
    const vc = buildLicenceCredential(citizenLicence());
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(vc)))
      .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'JWT' })
      .sign(key);
    expect((await verifyLicence(jwt, { jwks, now: DURING, statusList })).problems).toEqual(['wrong-header']);

    // A status list is genuine but is no licence.
    const list = await statusList(LISTS.revocation);
    expect(await verifyLicence(String(list), { jwks, now: DURING, statusList })).toMatchObject({
      status: 'unknown',
      signatureValid: true,
      problems: ['malformed'],
    });
  });

  describe('when a status list cannot answer', () => {
    let jws: string;
    beforeAll(async () => {
      jws = await signLicenceCredential(buildLicenceCredential(citizenLicence()), signer);
    });

    async function statusWith(
      overrides: Partial<Record<string, string | BitstringStatusListCredential | undefined>>,
    ): Promise<{ status: string; problems: readonly string[] }> {
      const result = await verifyLicence(jws, { jwks, now: DURING, statusList: await publishedLists(overrides) });
      return { status: result.status, problems: result.problems };
    }

    it('is unknown when the list is missing or the lookup fails', async () => {
      expect(await statusWith({ [LISTS.suspension]: undefined })).toEqual({
        status: 'unknown',
        problems: ['status-unavailable'],
      });
      const failing = await verifyLicence(jws, {
        jwks,
        now: DURING,
        statusList: () => Promise.reject(new Error('S3 timeout')),
      });
      expect(failing).toMatchObject({ status: 'unknown', signatureValid: true, problems: ['status-unavailable'] });
    });

    it('is still revoked when the revocation list says so and the other list is missing', async () => {
      lists.revocation.set(INDEX, true);
      expect(await statusWith({ [LISTS.suspension]: undefined })).toEqual({
        status: 'revoked',
        problems: ['status-unavailable'],
      });
    });

    it('ignores a list signed by a foreign key, one published for another URL, for another purpose, or past its validity', async () => {
      // Each substitute below is an all-clear list: accepting it would make the licence "valid".
      const foreign = await signCredentialJws(
        buildStatusListCredential({
          url: LISTS.revocation,
          issuer: PLATFORM,
          purpose: 'revocation',
          list: StatusBitstring.create(),
          validFrom: ISSUED_AT,
        }),
        foreignSigner,
      );
      expect(await statusWith({ [LISTS.revocation]: foreign })).toEqual({
        status: 'unknown',
        problems: ['status-unavailable'],
      });

      const otherUrl = await signCredentialJws(
        buildStatusListCredential({
          url: 'https://gov.example.cn/status/revocation/2',
          issuer: PLATFORM,
          purpose: 'revocation',
          list: StatusBitstring.create(),
          validFrom: ISSUED_AT,
        }),
        signer,
      );
      expect(await statusWith({ [LISTS.revocation]: otherUrl })).toEqual({
        status: 'unknown',
        problems: ['status-unavailable'],
      });

      const otherPurpose = await signCredentialJws(
        buildStatusListCredential({
          url: LISTS.revocation,
          issuer: PLATFORM,
          purpose: 'suspension',
          list: StatusBitstring.create(),
          validFrom: ISSUED_AT,
        }),
        signer,
      );
      expect(await statusWith({ [LISTS.revocation]: otherPurpose })).toEqual({
        status: 'unknown',
        problems: ['status-unavailable'],
      });

      const stale = await signCredentialJws(
        buildStatusListCredential({
          url: LISTS.revocation,
          issuer: PLATFORM,
          purpose: 'revocation',
          list: StatusBitstring.create(),
          validFrom: ISSUED_AT,
          validUntil: new Date('2027-01-01T00:00:00Z'),
        }),
        signer,
      );
      expect(await statusWith({ [LISTS.revocation]: stale })).toEqual({
        status: 'unknown',
        problems: ['status-unavailable'],
      });
    });

    it('accepts the list object read from the platform store without a signature', async () => {
      lists.suspension.set(INDEX, true);
      const fromStore = buildStatusListCredential({
        url: LISTS.suspension,
        issuer: PLATFORM,
        purpose: 'suspension',
        list: lists.suspension,
        validFrom: ISSUED_AT,
      });
      expect(await statusWith({ [LISTS.suspension]: fromStore })).toEqual({ status: 'suspended', problems: [] });
    });
  });
});

describe('maskPersonName', () => {
  it('keeps the surname, and the last character from three characters on', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张*丰');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('王')).toBe('*');
    // A character outside the Basic Multilingual Plane counts as one.
    expect(maskPersonName('𠮷田优')).toBe('𠮷*优');
  });
});
