import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { verifyAsJwtAuthorizer } from '../../infra/local/identity';

/** The local cloud checks an external issuer's tokens as API Gateway's JWT authorizer does. */
const ISSUER = 'https://idp.example.gov.cn';
const NOW = Date.parse('2026-03-02T09:00:00Z');

async function keyPair(alg: 'RS256' | 'ES256' = 'RS256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: `k-${alg}`, alg } };
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const sign = (claims: JWTPayload, key: PrivateKey, alg = 'RS256', kid = `k-${alg}`) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg, kid })
    .setIssuer(ISSUER)
    .setIssuedAt(NOW / 1000)
    .setExpirationTime(NOW / 1000 + 600)
    .sign(key);

describe('verifyAsJwtAuthorizer', () => {
  it('accepts an RSA-signed token of the issuer for one of the audiences, and answers its claims', async () => {
    const { privateKey, jwk } = await keyPair();
    const token = await sign({ sub: 'u1', aud: 'urn:one-stop:api', role: 'applicant' }, privateKey);
    expect(
      await verifyAsJwtAuthorizer(
        token,
        createLocalJWKSet({ keys: [jwk] }),
        { issuer: ISSUER, audience: ['urn:one-stop:api'] },
        NOW,
      ),
    ).toMatchObject({ sub: 'u1', role: 'applicant' });
  });

  it('reads client_id only when the token has no aud (Cognito access tokens)', async () => {
    const { privateKey, jwk } = await keyPair();
    const keys = createLocalJWKSet({ keys: [jwk] });
    const expected = { issuer: ISSUER, audience: ['web-client'] };
    expect(
      await verifyAsJwtAuthorizer(await sign({ sub: 'u1', client_id: 'web-client' }, privateKey), keys, expected, NOW),
    ).toBeDefined();
    expect(
      await verifyAsJwtAuthorizer(
        await sign({ sub: 'u1', aud: 'other', client_id: 'web-client' }, privateKey),
        keys,
        expected,
        NOW,
      ),
    ).toBeUndefined();
    expect(
      await verifyAsJwtAuthorizer(await sign({ sub: 'u1', client_id: 'other' }, privateKey), keys, expected, NOW),
    ).toBeUndefined();
  });

  it('refuses another issuer, an expired token, a key outside the JWKS and a non-RSA signature', async () => {
    const { privateKey, jwk } = await keyPair();
    const expected = { issuer: ISSUER, audience: ['api'] };
    const token = await sign({ sub: 'u1', aud: 'api' }, privateKey);
    expect(
      await verifyAsJwtAuthorizer(
        token,
        createLocalJWKSet({ keys: [jwk] }),
        { ...expected, issuer: 'https://elsewhere' },
        NOW,
      ),
    ).toBeUndefined();
    expect(
      await verifyAsJwtAuthorizer(token, createLocalJWKSet({ keys: [jwk] }), expected, NOW + 601_000),
    ).toBeUndefined();
    const stranger = await keyPair();
    expect(
      await verifyAsJwtAuthorizer(token, createLocalJWKSet({ keys: [{ ...stranger.jwk }] }), expected, NOW),
    ).toBeUndefined();
    const ec = await keyPair('ES256');
    const ecToken = await sign({ sub: 'u1', aud: 'api' }, ec.privateKey, 'ES256');
    expect(await verifyAsJwtAuthorizer(ecToken, createLocalJWKSet({ keys: [ec.jwk] }), expected, NOW)).toBeUndefined();
  });
});
