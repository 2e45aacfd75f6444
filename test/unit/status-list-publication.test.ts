import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet } from 'jose';
import { localLicenceSigner, localSignatures } from '../../shared/adapters/licence-signers';
import { buildJwks, signerJwk } from '../../shared/domain/licences/jwks';
import type { LicenceSigner } from '../../shared/domain/licences/signer';
import { StatusBitstring, type StatusPurpose } from '../../shared/domain/licences/status-list';
import type { PublishedStatusList } from '../../shared/domain/licences/ports';
import {
  publishStatusList,
  publishStatusLists,
  servedStatusList,
  STATUS_LIST_VALIDITY_MS,
  StatusListUnavailableError,
} from '../../shared/domain/licences/status-list-publication';

/** Status lists are signed by the publisher when they change or near their expiry, never when they are served. */
describe('status list publication', () => {
  let dir: string;
  let signer: LicenceSigner;
  let now: number;
  const bits: Record<StatusPurpose, { list: StatusBitstring; revision: number }> = {
    revocation: { list: StatusBitstring.create(), revision: 0 },
    suspension: { list: StatusBitstring.create(), revision: 0 },
  };
  const stored = new Map<string, PublishedStatusList>();
  const deps = () => ({
    store: {
      readStatusList: async (p: StatusPurpose) => ({
        list: StatusBitstring.decode(bits[p].list.encode()),
        revision: bits[p].revision,
      }),
    },
    signer,
    publications: {
      read: async (id: string) => stored.get(id),
      write: async (id: string, list: PublishedStatusList) => void stored.set(id, list),
    },
    publicApiUrl: 'https://api.gov.example.cn',
    now: () => new Date(now),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'status-lists-'));
    signer = await localLicenceSigner(dir);
    now = Date.parse('2026-03-02T01:00:00Z');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is unavailable (the route answers 503) before the first publication, and serving never signs', async () => {
    const before = localSignatures.count;
    await expect(servedStatusList('revocation-1', deps())).rejects.toBeInstanceOf(StatusListUnavailableError);
    await expect(servedStatusList('nope-1', deps())).rejects.toThrow('No status list nope-1');
    expect(localSignatures.count).toBe(before);
  });

  it('signs each list once, then serves the stored one many times without signing', async () => {
    const before = localSignatures.count;
    expect(await publishStatusLists(deps())).toEqual({ revocation: true, suspension: true });
    for (let i = 0; i < 200; i++) await servedStatusList('revocation-1', deps());
    expect(await publishStatusLists(deps())).toEqual({ revocation: false, suspension: false });
    expect(localSignatures.count - before).toBe(2);
    const { jwt, maxAgeSeconds } = await servedStatusList('revocation-1', deps());
    expect(maxAgeSeconds).toBe(300);
    const { payload } = await compactVerify(jwt, createLocalJWKSet(buildJwks(await signerJwk(signer)) as never));
    const vc = JSON.parse(new TextDecoder().decode(payload));
    expect(vc).toMatchObject({
      id: 'https://api.gov.example.cn/status-lists/revocation-1',
      credentialSubject: { statusPurpose: 'revocation', ttl: 300_000 },
    });
    expect(Date.parse(vc.validUntil) - Date.parse(vc.validFrom)).toBe(STATUS_LIST_VALIDITY_MS);
  });

  it('signs again at once when the bits change, and only that list', async () => {
    bits.revocation.list.set(4242, true);
    bits.revocation.revision += 1;
    expect(await publishStatusLists(deps())).toEqual({ revocation: true, suspension: false });
    const { payload } = await compactVerify(
      (await servedStatusList('revocation-1', deps())).jwt,
      createLocalJWKSet(buildJwks(await signerJwk(signer)) as never),
    );
    expect(
      StatusBitstring.decode(JSON.parse(new TextDecoder().decode(payload)).credentialSubject.encodedList).get(4242),
    ).toBe(true);
  });

  it('renews a list once a third of its validity is left, and stops serving it when it has expired', async () => {
    now += STATUS_LIST_VALIDITY_MS / 2;
    expect(await publishStatusList('suspension', deps())).toEqual({ signed: false });
    now += STATUS_LIST_VALIDITY_MS / 4;
    expect((await servedStatusList('suspension-1', deps())).maxAgeSeconds).toBe(STATUS_LIST_VALIDITY_MS / 4 / 1000);
    expect(await publishStatusList('suspension', deps())).toEqual({ signed: true });
    now += STATUS_LIST_VALIDITY_MS;
    await expect(servedStatusList('suspension-1', deps())).rejects.toBeInstanceOf(StatusListUnavailableError);
  });
});
