import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { call } from '../support/http';

/** GET /admin/matters and /admin/bundles: every entry, drafts included, for the administrators' catalogue page. */
let cloud: LocalCloud;
let admin: string;

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
});
afterAll(() => cloud?.stop());

describe('the administrators’ catalogue list', () => {
  it('lists every seeded matter with its published version, and a new draft entry with its status', async () => {
    const before = await call(cloud.baseUrl, 'GET', '/admin/matters', { token: admin });
    expect(before.status).toBe(200);
    expect(before.json.items.map((i: { code: string }) => i.code).sort()).toEqual(
      DEMO_CATALOGUE.matters.map((m) => m.code).sort(),
    );
    expect(before.json.items.find((i: { code: string }) => i.code === 'FOOD-BUSINESS-LICENCE')).toMatchObject({
      kind: 'matter',
      name: '食品经营许可',
      latestVersion: 1,
      latestStatus: 'published',
      publishedVersion: 1,
    });

    const created = await call(cloud.baseUrl, 'POST', '/admin/matters', {
      token: admin,
      body: { code: 'E2E-NEW-MATTER', content: { name: '新事项' } },
    });
    expect(created.status).toBe(201);
    const next = await call(cloud.baseUrl, 'POST', '/admin/matters', {
      token: admin,
      body: { code: 'FOOD-BUSINESS-LICENCE', content: food() },
    });
    expect(next.status).toBe(201);

    const after = await call(cloud.baseUrl, 'GET', '/admin/matters', { token: admin });
    const byCode = new Map(after.json.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('E2E-NEW-MATTER')).toMatchObject({ name: '新事项', latestVersion: 1, latestStatus: 'draft' });
    expect(byCode.get('E2E-NEW-MATTER')).not.toHaveProperty('publishedVersion');
    expect(byCode.get('FOOD-BUSINESS-LICENCE')).toMatchObject({
      latestVersion: 2,
      latestStatus: 'draft',
      publishedVersion: 1,
    });
  });

  it('lists the bundles', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/admin/bundles', { token: admin });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { code: string }) => i.code).sort()).toEqual(
      DEMO_CATALOGUE.bundles.map((b) => b.code).sort(),
    );
    expect(
      res.json.items.every(
        (i: { kind: string; latestStatus: string }) => i.kind === 'bundle' && i.latestStatus === 'published',
      ),
    ).toBe(true);
  });

  it('answers only administrators', async () => {
    const window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
    expect((await call(cloud.baseUrl, 'GET', '/admin/matters', { token: window })).status).toBe(403);
    expect((await call(cloud.baseUrl, 'GET', '/admin/bundles')).status).toBe(401);
  });
});

const food = () => DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content;
