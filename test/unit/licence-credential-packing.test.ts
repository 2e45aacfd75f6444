import { packCredential, unpackCredential } from '../../shared/adapters/dynamo-licence-store';

/** A licence item keeps its signed credential packed (shared/adapters/dynamo-licence-store.ts): smaller, rebuilt exactly. */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const jws = [
  b64({ alg: 'ES256', typ: 'vc+jwt', kid: 'licences-2026' }),
  b64({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'FoodBusinessLicence'],
    issuer: 'did:web:one-stop.example.gov.cn',
    credentialSubject: {
      id: 'E#91350100MA2XXXXX0X',
      name: '福州市鼓楼区示例餐饮有限公司',
      content: { businessScope: '热食类食品制售、冷食类食品制售', address: '福建省福州市鼓楼区五一北路 1 号' },
    },
    credentialStatus: { type: 'BitstringStatusListEntry', statusListIndex: '1234' },
    validFrom: '2026-12-07T00:00:00+08:00',
  }),
  Buffer.alloc(64, 7).toString('base64url'),
].join('.');

describe('a licence item’s packed credential', () => {
  it('is rebuilt byte for byte, in fewer bytes than the compact JWS', () => {
    const packed = packCredential(jws);
    expect('credentialPacked' in packed).toBe(true);
    const bytes = (packed as { credentialPacked: Uint8Array }).credentialPacked;
    expect(bytes.length).toBeLessThan(Buffer.byteLength(jws) * 0.75);
    expect(unpackCredential(bytes)).toBe(jws);
  });

  it('keeps a credential as it is when it would not be rebuilt exactly (padding, or not three parts)', () => {
    const padded = `${jws.split('.')[0]}=.${jws.split('.')[1]}.${jws.split('.')[2]}`;
    expect(packCredential(padded)).toEqual({ credential: padded });
    expect(packCredential('not-a-jws')).toEqual({ credential: 'not-a-jws' });
  });
});
