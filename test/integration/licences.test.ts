import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalCloud } from '../../infra/local/cloud';
import { localLicenceSigner } from '../../shared/adapters/licence-signers';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { issueLicence } from '../../shared/domain/licences/register';
import { VERIFICATION_READ_SCOPE } from '../../shared/db/table';
import { StatusBitstring } from '../../shared/domain/licences/status-list';
import { STATUS_LIST_VALIDITY_MS } from '../../shared/domain/licences/status-list-publication';
import { uploadMaterial } from '../support/cases';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/** 电子证照 against a local cloud: issued at approval, verified by anyone, revoked, reused, imported in bulk. */
let cloud: LocalCloud;
const USCC = '91350100M000100Y43';
const NEW_USCC = '91350102MA2YQ6KX0A';
const tokens: Record<string, string> = {};
const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });

let retiredKid: string;
let retiredDir: string | undefined;

beforeAll(async () => {
  // A key from before a rotation: its licences must keep verifying, so its public key stays published.
  retiredDir = mkdtempSync(join(tmpdir(), 'retired-key-'));
  retiredKid = (await localLicenceSigner(retiredDir)).kid;
  process.env.LICENCE_RETIRED_KEYS = pathToFileURL(retiredDir).href;
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.company = await cloud.issueToken({ sub: 'ent-new', role: 'applicant', uscc: NEW_USCC });
  tokens.SAMR = await cloud.issueToken({ sub: 'staff-SAMR', role: 'department', department: 'SAMR' });
  tokens.TAX = await cloud.issueToken({ sub: 'staff-TAX', role: 'department', department: 'TAX' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
});
afterAll(async () => {
  await cloud?.stop();
  if (retiredDir) rmSync(retiredDir, { recursive: true, force: true });
});

const upload = (caseId: string, material: string) => uploadMaterial(cloud.baseUrl, tokens.applicant!, caseId, material);

let licenceNo: string;
let credential: string;

describe('issuance at approval', () => {
  it('issues the registration’s 营业执照 when SAMR approves, to the enterprise the decision establishes', async () => {
    const guide = (await api('GET', '/matters/COMPANY-REGISTRATION')).json;
    const form = sampleAnswers(guide.form, {
      today: '2026-03-02',
      overrides: { companyName: '福州榕城餐饮管理有限公司', legalRepIdNumber: '11010519491231002X' },
    });
    const draft = await api('POST', '/applications', 'applicant', { matterCode: 'COMPANY-REGISTRATION', form });
    expect(draft.status).toBe(201);
    const id = draft.json.id as string;
    expect(
      (
        await api('POST', `/applications/${id}/licence-references`, 'applicant', {
          material: 'legalRepIdCard',
          licenceNo: 'RID-350100-0001',
        })
      ).status,
    ).toBe(200);
    for (const material of guide.materials as { code: string; required: boolean; replaceableBy?: string }[])
      if (material.required && material.code !== 'legalRepIdCard') await upload(id, material.code);
    expect((await api('POST', `/applications/${id}/submit`, 'applicant', {})).json.status).toBe('ACCEPTED');
    await cloud.idle();
    const task = await eventually('SAMR’s task', async () =>
      ((await api('GET', '/tasks', 'SAMR')).json.items as any[]).find((t) => t.caseId === id),
    );
    expect(
      (
        await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, 'SAMR', {
          decision: 'approve',
          result: { uscc: NEW_USCC, establishedOn: '2026-03-02' },
        })
      ).status,
    ).toBe(200);
    const issued = await eventually('the licence', async () => {
      await cloud.idle();
      const c = (await api('GET', `/applications/${id}`, 'applicant')).json;
      return c.status === 'ISSUED' ? c : undefined;
    });
    licenceNo = issued.licenceNo;
    expect(licenceNo).toMatch(/^[A-Z]{1,4}20260302\d{6}[0-9A-Z]{7}$/);
    const wallet = (await api('GET', '/me/licences', 'company')).json.items as any[];
    expect(wallet.map((l) => l.licenceNo)).toContain(licenceNo);
    const licence = wallet.find((l) => l.licenceNo === licenceNo);
    expect(licence).toMatchObject({
      type: 'BUSINESS_LICENCE',
      typeName: '营业执照',
      state: 'valid',
      expired: false,
      content: { uscc: NEW_USCC, name: '福州榕城餐饮管理有限公司' },
    });
    credential = licence.credential;
    expect((await api('GET', `/licences/${licenceNo}`, 'TAX')).status).toBe(404);
  });

  it('signs a W3C credential that verifies with jose against the published keys', async () => {
    const jwks = (await api('GET', '/.well-known/jwks.json')).json;
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(jwks.keys.map((k: any) => k.kid)).toEqual([expect.any(String), retiredKid]);
    expect(decodeProtectedHeader(credential)).toMatchObject({ alg: 'ES256', typ: 'vc+jwt', kid: jwks.keys[0].kid });
    const { payload } = await compactVerify(credential, createLocalJWKSet(jwks as JSONWebKeySet));
    const vc = JSON.parse(new TextDecoder().decode(payload));
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vc.type).toEqual(['VerifiableCredential', expect.stringMatching(/Credential$/)]);
    expect(vc.credentialSubject).toMatchObject({ licenceNumber: licenceNo, uscc: NEW_USCC });
    expect(vc.credentialStatus.map((s: any) => s.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    const tampered = credential.replace(
      /\.([^.]+)\./,
      (_m, p: string) =>
        `.${Buffer.from(Buffer.from(p, 'base64url').toString().replace(NEW_USCC, USCC)).toString('base64url')}.`,
    );
    await expect(compactVerify(tampered, createLocalJWKSet(jwks as JSONWebKeySet))).rejects.toThrow();
  });

  it('verifies publicly by number or by credential, without a login', async () => {
    const byNumber = await api('GET', `/verify/${licenceNo}`);
    expect(byNumber.json).toMatchObject({
      status: 'valid',
      signatureValid: true,
      licenceNumber: licenceNo,
      type: { code: 'BUSINESS_LICENCE' },
      holder: { type: 'enterprise', uscc: NEW_USCC },
    });
    expect((await api('POST', '/verify', undefined, { credential })).json).toMatchObject({
      status: 'valid',
      signatureValid: true,
    });
    expect((await api('GET', '/verify/NOPE20260302350100AAAAAAZ')).json).toMatchObject({
      status: 'unknown',
      signatureValid: false,
    });
  });

  it('renders the PDF document with the embedded Chinese font, behind a short-lived link for the holder', async () => {
    expect((await api('GET', `/licences/${licenceNo}/document`, 'applicant')).status).toBe(404);
    const link = await api('GET', `/licences/${licenceNo}/document`, 'company');
    expect(link.status).toBe(200);
    const pdf = Buffer.from(await (await fetch(link.json.url)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2|WenQuanYi/);
  });
});

describe('the lifecycle', () => {
  it('says revoked at the next verification after revocation, in the status list too', async () => {
    expect((await api('POST', `/licences/${licenceNo}/revoke`, 'TAX', { reason: 'x' })).status).toBe(404);
    expect((await api('POST', `/licences/${licenceNo}/revoke`, 'SAMR', {})).status).toBe(422);
    const revoked = await api('POST', `/licences/${licenceNo}/revoke`, 'SAMR', { reason: '以欺骗手段取得登记' });
    expect(revoked.status).toBe(200);
    expect(revoked.json.state).toBe('revoked');
    expect((await api('GET', `/verify/${licenceNo}`)).json).toMatchObject({ status: 'revoked', signatureValid: true });
    expect((await api('POST', '/verify', undefined, { credential })).json.status).toBe('revoked');
    // The signed list follows the revocation's event (its publisher signs it once; the public route never signs).
    await cloud.idle();
    const list = await fetch(`${cloud.baseUrl}/status-lists/revocation-1`);
    expect(list.headers.get('content-type')).toBe('application/vc+jwt');
    const jwks = createLocalJWKSet((await api('GET', '/.well-known/jwks.json')).json as JSONWebKeySet);
    const verified = await compactVerify(await list.text(), jwks);
    expect(verified.protectedHeader).toMatchObject({ typ: 'vc+jwt', alg: 'ES256' });
    const payload = JSON.parse(new TextDecoder().decode(verified.payload));
    const index = Number(
      JSON.parse(Buffer.from(credential.split('.')[1]!, 'base64url').toString()).credentialStatus.find(
        (s: any) => s.statusPurpose === 'revocation',
      ).statusListIndex,
    );
    expect(StatusBitstring.decode((payload as any).credentialSubject.encodedList).get(index)).toBe(true);
    await cloud.idle();
    expect(
      cloud.bus.archive.some((e) => e['detail-type'] === 'Licence.Revoked.v1' && e.detail.licenceNo === licenceNo),
    ).toBe(true);
  });

  it('suspends and resumes, changes (a new version supersedes the old credential) and records the annual check', async () => {
    const rows = [
      {
        type: 'BUSINESS_LICENCE',
        holderType: 'enterprise',
        holderId: NEW_USCC,
        holderName: '福州榕城餐饮管理有限公司',
        validFrom: '2025-06-01',
        content: { uscc: NEW_USCC, name: '福州榕城餐饮管理有限公司' },
      },
    ];
    const imported = await api('POST', '/admin/licences/import', 'admin', {
      format: 'jsonl',
      data: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    const no = imported.json.licenceNumbers[0] as string;
    expect((await api('POST', `/licences/${no}/suspend`, 'SAMR', { reason: '年报未公示' })).json.state).toBe(
      'suspended',
    );
    expect((await api('GET', `/verify/${no}`)).json.status).toBe('suspended');
    expect((await api('POST', `/licences/${no}/resume`, 'SAMR', {})).json.state).toBe('valid');
    expect((await api('GET', `/verify/${no}`)).json.status).toBe('valid');
    const before = (await api('GET', `/licences/${no}`, 'SAMR')).json;
    const changed = await api('POST', `/licences/${no}/change`, 'SAMR', {
      reason: '住所变更',
      content: { address: '福建省福州市鼓楼区杨桥路1号' },
    });
    expect(changed.json).toMatchObject({
      version: 2,
      state: 'valid',
      content: { address: '福建省福州市鼓楼区杨桥路1号' },
    });
    expect((await api('POST', '/verify', undefined, { credential: before.credential })).json.status).toBe('revoked');
    expect((await api('POST', '/verify', undefined, { credential: changed.json.credential })).json.status).toBe(
      'valid',
    );
    expect((await api('POST', `/licences/${no}/annual-check`, 'SAMR', {})).json.lastAnnualCheck).toBeDefined();
  });
});

describe('expiry', () => {
  it('announces a licence whose validity ended, and verification says expired', async () => {
    const row = {
      type: 'RESIDENT_ID',
      holderType: 'citizen',
      holderId: '11010519491231002X',
      holderName: '林晓明',
      validFrom: '2006-03-02',
      validUntil: '2026-03-02',
      licenceNo: 'RID-EXPIRING-1',
      content: {},
    };
    expect(
      (await api('POST', '/admin/licences/import', 'admin', { format: 'jsonl', data: JSON.stringify(row) })).json
        .imported,
    ).toBe(1);
    expect((await api('GET', '/verify/RID-EXPIRING-1')).json.status).toBe('valid');
    cloud.clock.advance(24 * 3600_000);
    await cloud.idle();
    expect((await api('GET', '/verify/RID-EXPIRING-1')).json.status).toBe('expired');
    expect(
      cloud.bus.archive.filter(
        (e) => e['detail-type'] === 'Licence.Expired.v1' && e.detail.licenceNo === 'RID-EXPIRING-1',
      ),
    ).toHaveLength(1);
    for (const role of ['applicant', 'company', 'SAMR', 'TAX', 'admin'])
      tokens[role] = await cloud.issueToken(
        role === 'applicant'
          ? { sub: 'ent-1', role: 'applicant', uscc: USCC }
          : role === 'company'
            ? { sub: 'ent-new', role: 'applicant', uscc: NEW_USCC }
            : role === 'admin'
              ? { sub: 'admin-1', role: 'admin' }
              : { sub: `staff-${role}`, role: 'department', department: role },
      );
  });
});

describe('reuse in applications (免证)', () => {
  it('accepts a valid licence of the holder instead of an upload and refuses a revoked one with a clear message', async () => {
    const guide = (await api('GET', '/matters/INVOICE-APPLICATION')).json;
    const form = sampleAnswers(guide.form, { today: '2026-03-02', overrides: { uscc: NEW_USCC } });
    const draft = await api('POST', '/applications', 'company', { matterCode: 'INVOICE-APPLICATION', form });
    expect(draft.status).toBe(201);
    const materials = guide.materials as { code: string; replaceableBy?: string }[];
    const businessLicence = materials.find((m) => m.replaceableBy === 'BUSINESS_LICENCE');
    if (businessLicence) {
      const refused = await api('POST', `/applications/${draft.json.id}/licence-references`, 'company', {
        material: businessLicence.code,
        licenceNo,
      });
      expect(refused.status).toBe(422);
      expect(refused.json.error.details[0]).toMatchObject({ rule: 'revoked', messageZh: '该证照已作废' });
    }
    const idCard = materials.find((m) => m.replaceableBy === 'RESIDENT_ID')!;
    const accepted = await api('POST', `/applications/${draft.json.id}/licence-references`, 'company', {
      material: idCard.code,
      licenceNo: 'RID-350100-0001',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.materials[idCard.code].licenceNo).toBe('RID-350100-0001');
  });
});

describe('bulk import (存量入库)', () => {
  it('imports 1,000 rows, reports the bad ones by row, and the imported licences verify', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const bad = i % 100 === 7;
      rows.push(
        JSON.stringify({
          type: i % 250 === 3 ? 'NO_SUCH_TYPE' : 'RESIDENT_ID',
          holderType: 'citizen',
          holderId: bad ? '110105194912310021' : '11010519491231002X',
          holderName: `居民${i}`,
          validFrom: '2021-01-01',
          validUntil: '2041-01-01',
          licenceNo: `RID-IMPORT-${String(i).padStart(4, '0')}`,
        }),
      );
    }
    rows.splice(500, 0, '{ broken');
    const answer = await api('POST', '/admin/licences/import', 'admin', { format: 'jsonl', data: rows.join('\n') });
    expect(answer.status).toBe(200);
    const failedRows = (answer.json.failed as { row: number; problems: string[] }[]).map((f) => f.row);
    expect(failedRows).toContain(501);
    expect(answer.json.failed.length).toBe(10 + 4 + 1);
    expect(answer.json.imported).toBe(1000 - 10 - 4);
    expect(answer.json.failed.find((f: any) => f.row === 8).problems).toEqual(['holderId: not a valid ID number']);
    expect((await api('GET', '/verify/RID-IMPORT-0000')).json).toMatchObject({ status: 'valid', signatureValid: true });
    const csv = [
      'type,holderType,holderId,holderName,validFrom,licenceNo,content.uscc,content.name',
      `BUSINESS_LICENCE,enterprise,${NEW_USCC},榕城,2024-01-01,BL-CSV-1,${NEW_USCC},榕城`,
      `BUSINESS_LICENCE,enterprise,${NEW_USCC},榕城,2024-13-01,BL-CSV-2,,`,
    ].join('\n');
    const fromCsv = await api('POST', '/admin/licences/import', 'admin', { format: 'csv', data: csv });
    expect(fromCsv.json).toMatchObject({
      imported: 1,
      failed: [{ row: 3, problems: [expect.stringContaining('validFrom')] }],
    });
  }, 180_000);
});

describe('bulk import (存量入库), too many rows', () => {
  it('refuses more than 2,000 rows in one request with 400 naming body.data, and registers none of them', async () => {
    const row = (i: number) =>
      JSON.stringify({
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: '11010519491231002X',
        holderName: `超量${i}`,
        validFrom: '2021-01-01',
        licenceNo: `RID-OVER-${String(i).padStart(4, '0')}`,
      });
    const data = Array.from({ length: 2001 }, (_, i) => row(i)).join('\n');
    const answer = await api('POST', '/admin/licences/import', 'admin', { format: 'jsonl', data });
    expect(answer.status).toBe(400);
    expect(answer.json.error.details).toEqual([
      expect.objectContaining({
        path: 'body.data',
        rule: 'max_rows',
        messageZh: expect.stringContaining('每次最多导入 2000 行'),
      }),
    ]);
    expect((await api('GET', '/verify/RID-OVER-0000')).json).toMatchObject({ status: 'unknown' });
  });
});

describe('the public surface (issue 17)', () => {
  const statusList = () => fetch(`${cloud.baseUrl}/status-lists/revocation-1`);
  async function flood(times: number): Promise<Response[]> {
    const answers: Response[] = [];
    for (let i = 0; i < times; i += 25)
      answers.push(...(await Promise.all(Array.from({ length: Math.min(25, times - i) }, statusList))));
    return answers;
  }

  it('signs a status list at most once per validity window, however many anonymous requests come, and it still verifies', async () => {
    await cloud.idle();
    const before = cloud.meter.kmsSignRequests;
    const answers = await flood(300);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const bodies = new Set(await Promise.all(answers.map((a) => a.text())));
    expect(bodies.size).toBe(1);
    expect(cloud.meter.kmsSignRequests - before).toBe(0);
    expect(answers[0]!.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const jwks = createLocalJWKSet((await api('GET', '/.well-known/jwks.json')).json as JSONWebKeySet);
    const [jwt] = [...bodies];
    const verified = await compactVerify(jwt!, jwks);
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toMatchObject({
      id: `${cloud.baseUrl}/status-lists/revocation-1`,
      credentialSubject: { statusPurpose: 'revocation' },
    });

    // A whole validity window later: the schedule renewed each list once, and a new flood signs nothing more.
    cloud.clock.advance(STATUS_LIST_VALIDITY_MS);
    await cloud.idle();
    const renewed = cloud.meter.kmsSignRequests - before;
    expect(renewed).toBeGreaterThanOrEqual(1);
    expect(renewed).toBeLessThanOrEqual(2);
    const again = await flood(100);
    expect(again.every((a) => a.status === 200)).toBe(true);
    expect(cloud.meter.kmsSignRequests - before).toBe(renewed);
    const fresh = await compactVerify(await again[0]!.text(), jwks);
    const payload = JSON.parse(new TextDecoder().decode(fresh.payload));
    expect(Date.parse(payload.validUntil)).toBeGreaterThan(cloud.clock.now());
    const index = Number(
      JSON.parse(Buffer.from(credential.split('.')[1]!, 'base64url').toString()).credentialStatus.find(
        (s: any) => s.statusPurpose === 'revocation',
      ).statusListIndex,
    );
    expect(StatusBitstring.decode(payload.credentialSubject.encodedList).get(index)).toBe(true);
  }, 180_000);

  it('reads, for verification and the catalogue, only the keys their policies allow (as IAM would check them)', async () => {
    // A licence issued as before choices were kept: its verification reads which form its case was decided on.
    const { caseId } = (await api('GET', `/licences/${licenceNo}`, 'company')).json;
    await issueLicence(
      {
        type: 'BUSINESS_LICENCE',
        holderKey: `E#${NEW_USCC}`,
        holderName: '福州榕城餐饮管理有限公司',
        content: { uscc: NEW_USCC, name: '福州榕城餐饮管理有限公司' },
        regionCode: '350102',
        caseId,
        licenceNo: 'BL-OLDER-1',
      },
      await licenceDeps(),
    );
    await cloud.idle();
    const seen: { key: string; index?: string; projected: boolean }[] = [];
    const client = dynamoDocumentClient();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as any;
        const command = String(context.commandName);
        if (command.startsWith('Get')) seen.push({ key: input.Key.pk, projected: Boolean(input.ProjectionExpression) });
        if (command.startsWith('BatchGet'))
          for (const table of Object.values(input.RequestItems) as any[])
            for (const k of table.Keys) seen.push({ key: k.pk, projected: Boolean(table.ProjectionExpression) });
        if (command.startsWith('Query')) {
          const [, attribute, placeholder] = /^\s*(\w+)\s*=\s*(:\w+)/.exec(input.KeyConditionExpression)!;
          seen.push({
            key: input.ExpressionAttributeValues[placeholder!],
            index: input.IndexName,
            projected: attribute !== 'pk' && !input.IndexName,
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'leadingKeysProbe', override: true },
    );
    try {
      expect((await api('GET', '/verify/BL-OLDER-1')).json).toMatchObject({ status: 'valid', signatureValid: true });
      expect((await api('GET', `/verify/${licenceNo}`)).json.status).toBe('revoked');
      expect((await api('POST', '/verify', undefined, { credential })).json.status).toBe('revoked');
      expect((await api('GET', '/.well-known/jwks.json')).status).toBe(200);
      expect((await statusList()).status).toBe(200);
      expect((await api('GET', '/matters/COMPANY-REGISTRATION')).status).toBe(200);
      expect((await api('GET', '/departments')).status).toBe(200);
    } finally {
      client.middlewareStack.remove('leadingKeysProbe');
    }
    const like = (patterns: readonly string[], key: string) =>
      patterns.some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key));
    expect(seen.length).toBeGreaterThan(0);
    const outside = seen.filter(({ key, index, projected }) =>
      index
        ? !like((VERIFICATION_READ_SCOPE.indexes as Record<string, readonly string[]>)[index] ?? [], key)
        : !(like(VERIFICATION_READ_SCOPE.table, key) || (projected && like(VERIFICATION_READ_SCOPE.partial.keys, key))),
    );
    expect(outside).toEqual([]);
  }, 120_000);
});
