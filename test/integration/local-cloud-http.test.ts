import { generateKeyPair, SignJWT } from 'jose';
import { topology } from '../../infra/topology';
import { LocalCloud } from '../../infra/local/cloud';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/identity';
import { call } from '../support/http';

const citizen = { sub: 'citizen-1', role: 'applicant' as const, idNumber: '11010519491231002X' };
let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z') });
});
afterAll(() => cloud?.stop());

describe('the local HTTP API', () => {
  it('answers GET /health with 200 and the stage', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', stage: 'local', time: '2026-03-02T01:00:00.000Z' });
  });

  it('serves an OpenAPI 3.1 document that lists every route of the topology', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const { route } of topology.routes) {
      expect(res.json.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    }
    expect(res.json.paths['/me'].get.security).toEqual([{ bearer: [] }]);
  });

  it('answers an unknown path with 404 as API Gateway does', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/no-such-route');
    expect(res.status).toBe(404);
  });

  it('accepts a token from the local identity provider and maps its claims to the principal', async () => {
    const token = await cloud.issueToken(citizen);
    const res = await call(cloud.baseUrl, 'GET', '/me', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(citizen);
  });

  it('refuses a request without a token with 401 before the function runs', async () => {
    const before = cloud.functions.invocations.get('me') ?? 0;
    const res = await call(cloud.baseUrl, 'GET', '/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(cloud.functions.invocations.get('me') ?? 0).toBe(before);
  });

  it('refuses a tampered token with 401', async () => {
    const token = await cloud.issueToken(citizen);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const res = await call(cloud.baseUrl, 'GET', '/me', { token: `${header}.${forged}.${signature}` });
    expect(res.status).toBe(401);
  });

  it('refuses a token signed by another key, even with the right issuer and audience', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('intruder')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await call(cloud.baseUrl, 'GET', '/me', { token })).status).toBe(401);
  });

  it('refuses a token once the clock passes its expiry', async () => {
    const token = await cloud.issueToken(citizen, { ttlSeconds: 60 });
    expect((await call(cloud.baseUrl, 'GET', '/me', { token })).status).toBe(200);
    cloud.clock.advance(61_000);
    expect((await call(cloud.baseUrl, 'GET', '/me', { token })).status).toBe(401);
  });
});
