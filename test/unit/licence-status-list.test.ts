import { gunzipSync, gzipSync } from 'node:zlib';
import {
  buildStatusListCredential,
  MIN_STATUS_LIST_BITS,
  StatusBitstring,
  StatusListError,
  statusListCredentialSchema,
  statusListEntry,
} from '../../shared/domain/licences/status-list';

/** Digital Bazaar's Bitstring (co-editors of the spec): an independent implementation to check ours against. */
interface ReferenceBitstring {
  get(position: number): boolean;
  set(position: number, on: boolean): void;
  encodeBits(): Promise<string>;
}
interface ReferenceModule {
  Bitstring: {
    new (options: { length: number } | { buffer: Uint8Array }): ReferenceBitstring;
    decodeBits(options: { encoded: string }): Promise<Uint8Array>;
  };
}
// A variable specifier: the package ships no types, and this file is the only place that needs them.
const REFERENCE = '@digitalbazaar/bitstring';
const reference = async (): Promise<ReferenceModule> => (await import(REFERENCE)) as ReferenceModule;

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StatusListError ? error.code : `not a StatusListError: ${String(error)}`;
  }
  return undefined;
}

describe('StatusBitstring', () => {
  it('has at least 131,072 bits (16 KB), all clear', () => {
    const list = StatusBitstring.create();
    expect(list.length).toBe(131_072);
    expect(MIN_STATUS_LIST_BITS).toBe(16 * 1024 * 8);
    expect(list.toBytes().every((b) => b === 0)).toBe(true);
    expect(StatusBitstring.create(262_144).length).toBe(262_144);
  });

  it('refuses a shorter list or one that is not a whole number of bytes', () => {
    expect(errorCode(() => StatusBitstring.create(131_064))).toBe('STATUS_LIST_LENGTH_ERROR');
    expect(errorCode(() => StatusBitstring.create(131_073))).toBe('STATUS_LIST_LENGTH_ERROR');
  });

  it('puts index 0 at the left-most bit of the first byte, and the last index at the right-most bit of the last', () => {
    const list = StatusBitstring.create();
    list.set(0, true);
    list.set(7, true);
    list.set(8, true);
    list.set(131_071, true);
    const bytes = list.toBytes();
    expect(bytes[0]).toBe(0b1000_0001);
    expect(bytes[1]).toBe(0b1000_0000);
    expect(bytes[16_383]).toBe(0b0000_0001);
    expect(bytes.slice(2, 16_383).every((b) => b === 0)).toBe(true);
  });

  it('sets, reads and clears one bit without touching its neighbours', () => {
    const list = StatusBitstring.create();
    list.set(94_567, true);
    expect(list.get(94_567)).toBe(true);
    expect(list.get(94_566)).toBe(false);
    expect(list.get(94_568)).toBe(false);
    list.set(94_566, true);
    list.set(94_567, false);
    expect(list.get(94_567)).toBe(false);
    expect(list.get(94_566)).toBe(true);
  });

  it('raises RANGE_ERROR outside the list', () => {
    const list = StatusBitstring.create();
    expect(errorCode(() => list.get(131_072))).toBe('RANGE_ERROR');
    expect(errorCode(() => list.get(-1))).toBe('RANGE_ERROR');
    expect(errorCode(() => list.set(1.5, true))).toBe('RANGE_ERROR');
  });
});

describe('encodedList', () => {
  it('is multibase "u" + base64url without padding of the GZIP-compressed bytes', () => {
    const list = StatusBitstring.create();
    list.set(3, true);
    list.set(100_000, true);
    const encoded = list.encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const gz = Buffer.from(encoded.slice(1), 'base64url');
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]); // the GZIP magic number (RFC 1952), not bare zlib
    expect(new Uint8Array(gunzipSync(gz))).toEqual(list.toBytes());
    // Compression is the point: an almost empty 16 KB list is a few dozen characters.
    expect(encoded.length).toBeLessThan(200);
  });

  it('decodes the empty 16 KB list of the specification examples', () => {
    const list = StatusBitstring.decode('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');
    expect(list.length).toBe(131_072);
    expect(list.toBytes().every((b) => b === 0)).toBe(true);
  });

  it('round-trips: what we encode decodes to the same bits', () => {
    const list = StatusBitstring.create();
    const set = [0, 1, 9, 4096, 77_777, 131_071];
    for (const i of set) list.set(i, true);
    const decoded = StatusBitstring.decode(list.encode());
    for (const i of set) expect(decoded.get(i)).toBe(true);
    expect(decoded.toBytes()).toEqual(list.toBytes());
  });

  it('agrees with the reference implementation in both directions', async () => {
    const { Bitstring } = await reference();
    const ours = StatusBitstring.create();
    for (const i of [0, 7, 8, 1234, 131_071]) ours.set(i, true);
    const theirs = new Bitstring({
      buffer: new Uint8Array(await Bitstring.decodeBits({ encoded: ours.encode().slice(1) })),
    });
    for (const i of [0, 7, 8, 1234, 131_071]) expect(theirs.get(i)).toBe(true);
    for (const i of [1, 6, 9, 1233, 1235, 131_070]) expect(theirs.get(i)).toBe(false);

    const made = new Bitstring({ length: 131_072 });
    for (const i of [5, 65_536, 99_999]) made.set(i, true);
    const decoded = StatusBitstring.decode(`u${await made.encodeBits()}`);
    for (const i of [5, 65_536, 99_999]) expect(decoded.get(i)).toBe(true);
    expect(decoded.get(4)).toBe(false);
    expect(decoded.get(6)).toBe(false);
  });

  it('refuses a list without the multibase prefix, with padding or not GZIP (MALFORMED_VALUE_ERROR)', () => {
    const encoded = StatusBitstring.create().encode();
    expect(errorCode(() => StatusBitstring.decode(encoded.slice(1)))).toBe('MALFORMED_VALUE_ERROR');
    expect(errorCode(() => StatusBitstring.decode(`${encoded}==`))).toBe('MALFORMED_VALUE_ERROR');
    expect(errorCode(() => StatusBitstring.decode(`u${Buffer.from('not gzip at all').toString('base64url')}`))).toBe(
      'MALFORMED_VALUE_ERROR',
    );
  });

  it('refuses a list shorter than 16 KB (STATUS_LIST_LENGTH_ERROR)', () => {
    const short = `u${gzipSync(new Uint8Array(16_383)).toString('base64url')}`;
    expect(errorCode(() => StatusBitstring.decode(short))).toBe('STATUS_LIST_LENGTH_ERROR');
  });

  it('refuses a GZIP bomb instead of expanding it', () => {
    const bomb = `u${gzipSync(new Uint8Array(17 * 1024 * 1024)).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(40_000);
    expect(errorCode(() => StatusBitstring.decode(bomb))).toBe('MALFORMED_VALUE_ERROR');
  });
});

describe('status list credential and entries', () => {
  const url = 'https://gov.example.cn/status/revocation/1';

  it('builds a BitstringStatusListCredential (VC 2.0) that the parser accepts', () => {
    const list = StatusBitstring.create();
    list.set(42, true);
    const vc = buildStatusListCredential({
      url,
      issuer: { id: 'https://gov.example.cn', name: '一网通办平台' },
      purpose: 'revocation',
      list,
      validFrom: new Date('2026-03-02T02:00:00Z'),
      ttlMs: 300_000,
    });
    expect(vc).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: 'https://gov.example.cn', name: '一网通办平台' },
      validFrom: '2026-03-02T10:00:00+08:00',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: list.encode(),
        ttl: 300_000,
      },
    });
    expect(StatusBitstring.decode(vc.credentialSubject.encodedList).get(42)).toBe(true);
    expect(statusListCredentialSchema.safeParse(vc).success).toBe(true);
    expect(statusListCredentialSchema.safeParse({ ...vc, type: ['VerifiableCredential'] }).success).toBe(false);
  });

  it('writes an entry whose index is a base-10 string and whose id is not the list URL', () => {
    const entry = statusListEntry('suspension', url, 94_567);
    expect(entry).toEqual({
      id: `${url}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: '94567',
      statusListCredential: url,
    });
    expect(entry.id).not.toBe(url);
    expect(errorCode(() => statusListEntry('revocation', url, -1))).toBe('RANGE_ERROR');
  });
});
