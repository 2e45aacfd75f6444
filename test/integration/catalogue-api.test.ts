import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { ADMIN_CATALOGUE_ROUTES } from '../../shared/contracts/catalogue-admin';
import { call } from '../support/http';

let cloud: LocalCloud;
let admin: string;
let applicant: string;
let window: string;

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  applicant = await cloud.issueToken({ sub: 'citizen-1', role: 'applicant', idNumber: '11010519491231002X' });
  window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
});
afterAll(() => cloud?.stop());

const food = () => DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!;

describe('the public catalogue', () => {
  it('finds the food business licence by the keyword 食品', async () => {
    const res = await call(cloud.baseUrl, 'GET', `/matters?q=${encodeURIComponent('食品')}`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { code: string }) => i.code)).toContain('FOOD-BUSINESS-LICENCE');
    expect(res.json.items[0]).toMatchObject({ kind: 'matter', departmentName: '市场监督管理局' });
  });

  it('filters by department and audience, and pages with a cursor', async () => {
    const samr = await call(cloud.baseUrl, 'GET', '/matters?department=SAMR');
    expect(samr.json.items.length).toBeGreaterThan(0);
    expect(samr.json.items.every((i: { department: string }) => i.department === 'SAMR')).toBe(true);
    const first = await call(cloud.baseUrl, 'GET', '/matters?limit=3');
    expect(first.json.items).toHaveLength(3);
    const second = await call(cloud.baseUrl, 'GET', `/matters?limit=3&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].code).not.toBe(first.json.items[0].code);
    expect((await call(cloud.baseUrl, 'GET', '/matters?cursor=garbage')).status).toBe(400);
  });

  it('serves a matter’s guide with materials, form schema, time limits and the procedure', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/matters/FOOD-BUSINESS-LICENCE');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 'FOOD-BUSINESS-LICENCE', version: 1, name: '食品经营许可' });
    expect(res.json.form.fields.length).toBeGreaterThan(3);
    expect(res.json.materials.length).toBeGreaterThan(2);
    expect(res.json.promisedLimitDays).toBeLessThanOrEqual(res.json.legalLimitDays);
    expect(res.json.procedureSummary[0].tasks.length).toBeGreaterThanOrEqual(1);
    expect(res.json.licenceTypeInfo?.code).toBe('FOOD_BUSINESS_LICENCE');
  });

  it('lists the departments and serves both 一件事 bundles with their order', async () => {
    const departments = await call(cloud.baseUrl, 'GET', '/departments');
    expect(departments.json.items.length).toBeGreaterThanOrEqual(8);
    const bundles = await call(cloud.baseUrl, 'GET', '/bundles');
    expect(bundles.json.items.map((b: { code: string }) => b.code).sort()).toEqual(['OPEN-COMPANY', 'OPEN-RESTAURANT']);
    const restaurant = await call(cloud.baseUrl, 'GET', '/bundles/OPEN-RESTAURANT');
    expect(restaurant.json.waves[0]).toEqual(['COMPANY-REGISTRATION']);
    expect(restaurant.json.waves[1]).toHaveLength(3);
  });

  it('refuses an invalid ID number or 统一社会信用代码 in a form, naming the field and the rule', async () => {
    const guide = await call(cloud.baseUrl, 'GET', '/matters/FOOD-BUSINESS-LICENCE');
    const fields = guide.json.form.fields as { key: string; type: string }[];
    const idField = fields.find((f) => f.type === 'idNumber')!;
    const usccField = fields.find((f) => f.type === 'uscc')!;
    const res = await call(cloud.baseUrl, 'POST', '/matters/FOOD-BUSINESS-LICENCE/form-check', {
      body: { form: { [idField.key]: '110105194912310021', [usccField.key]: '91350100M000100Y44' } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: `form.${idField.key}`, rule: 'checksum' }),
        expect.objectContaining({ path: `form.${usccField.key}`, rule: 'checksum' }),
      ]),
    );
  });

  it('counts working days on the official calendar: 20 from 2025-09-26 is 2025-10-30', async () => {
    const res = await call(cloud.baseUrl, 'GET', '/calendar/add-working-days?from=2025-09-26&days=20');
    expect(res.json).toEqual({ from: '2025-09-26', days: 20, due: '2025-10-30', provisional: false });
    // A year whose notice is not loaded is counted Monday to Friday, and the answer says so (Thu 2 Jan 2031 + 3).
    expect((await call(cloud.baseUrl, 'GET', '/calendar/add-working-days?from=2031-01-02&days=3')).json).toEqual({
      from: '2031-01-02',
      days: 3,
      due: '2031-01-07',
      provisional: true,
    });
  });
});

describe('catalogue administration', () => {
  it('refuses non-admin roles with 403 on every admin route, and a missing token with 401', async () => {
    const others = [
      applicant,
      window,
      await cloud.issueToken({ sub: 'd-1', role: 'department', department: 'SAMR' }),
      await cloud.issueToken({ sub: 's-1', role: 'supervisor' }),
    ];
    for (const route of ADMIN_CATALOGUE_ROUTES) {
      const path = route.path
        .replace('{code}', 'FOOD-BUSINESS-LICENCE')
        .replace('{version}', '1')
        .replace('{action}', 'publish')
        .replace('{year}', '2027');
      for (const token of others) {
        expect([
          route.method,
          path,
          (await call(cloud.baseUrl, route.method, path, { token, body: route.body ? {} : undefined })).status,
        ]).toEqual([route.method, path, 403]);
      }
      expect((await call(cloud.baseUrl, route.method, path)).status).toBe(401);
    }
  });

  it('will not publish a draft missing an element, and names it', async () => {
    const { legalBasis: _missing, ...content } = food().content as Record<string, unknown>;
    const draft = await call(cloud.baseUrl, 'POST', '/admin/matters', {
      token: admin,
      body: { code: 'FOOD-LICENCE-DISTRICT', content },
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ version: 1, status: 'draft' });
    await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-LICENCE-DISTRICT/versions/1/submit', {
      token: admin,
      body: {},
    });
    const publish = await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-LICENCE-DISTRICT/versions/1/publish', {
      token: admin,
      body: {},
    });
    expect(publish.status).toBe(422);
    expect(publish.json.error.details).toContainEqual(
      expect.objectContaining({
        path: 'content.legalBasis',
        rule: 'required',
        messageZh: expect.stringContaining('设定依据'),
      }),
    );
  });

  it('names every problem at once: promised over legal, unknown department and licence type', async () => {
    const content = { ...(food().content as Record<string, unknown>), promisedLimitDays: 99, legalLimitDays: 20 };
    await call(cloud.baseUrl, 'POST', '/admin/matters', { token: admin, body: { code: 'BROKEN-1', content } });
    await call(cloud.baseUrl, 'POST', '/admin/matters/BROKEN-1/versions/1/submit', { token: admin, body: {} });
    const publish = await call(cloud.baseUrl, 'POST', '/admin/matters/BROKEN-1/versions/1/publish', {
      token: admin,
      body: {},
    });
    expect(publish.status).toBe(422);
    expect(publish.json.error.details).toContainEqual(expect.objectContaining({ path: 'content.promisedLimitDays' }));

    const unknown = {
      ...(food().content as Record<string, unknown>),
      department: 'NOSUCH',
      yieldsLicenceType: 'NO_SUCH_TYPE',
    };
    await call(cloud.baseUrl, 'POST', '/admin/matters', { token: admin, body: { code: 'BROKEN-2', content: unknown } });
    await call(cloud.baseUrl, 'POST', '/admin/matters/BROKEN-2/versions/1/submit', { token: admin, body: {} });
    const again = await call(cloud.baseUrl, 'POST', '/admin/matters/BROKEN-2/versions/1/publish', {
      token: admin,
      body: {},
    });
    const paths = again.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['content.department', 'content.yieldsLicenceType']));
  });

  it('publishes a new version that retires the old one; the published version never changes and stays readable by number', async () => {
    const original = food().content as { synonyms: string[] };
    const edited = { ...(food().content as Record<string, unknown>), synonyms: [...original.synonyms, '小餐饮许可'] };
    const v2 = await call(cloud.baseUrl, 'POST', '/admin/matters', {
      token: admin,
      body: { code: 'FOOD-BUSINESS-LICENCE', content: edited },
    });
    expect(v2.json).toMatchObject({ version: 2, status: 'draft' });
    // One open draft at a time.
    expect(
      (
        await call(cloud.baseUrl, 'POST', '/admin/matters', {
          token: admin,
          body: { code: 'FOOD-BUSINESS-LICENCE', content: edited },
        })
      ).status,
    ).toBe(409);
    // The published version 1 cannot be edited.
    const change = await call(cloud.baseUrl, 'PUT', '/admin/matters/FOOD-BUSINESS-LICENCE/versions/1', {
      token: admin,
      body: { content: edited },
    });
    expect(change.status).toBe(409);
    expect(change.json.error.message).toMatch(/never changes/);

    await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-BUSINESS-LICENCE/versions/2/submit', {
      token: admin,
      body: {},
    });
    const published = await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-BUSINESS-LICENCE/versions/2/publish', {
      token: admin,
      body: {},
    });
    expect(published.json).toMatchObject({ version: 2, status: 'published' });

    const current = await call(cloud.baseUrl, 'GET', '/matters/FOOD-BUSINESS-LICENCE');
    expect(current.json.version).toBe(2);
    expect(current.json.synonyms).toContain('小餐饮许可');
    expect(
      (await call(cloud.baseUrl, 'GET', `/matters?q=${encodeURIComponent('小餐饮许可')}`)).json.items[0].code,
    ).toBe('FOOD-BUSINESS-LICENCE');
    const pinned = await call(cloud.baseUrl, 'GET', '/matters/FOOD-BUSINESS-LICENCE?version=1');
    expect(pinned.json.version).toBe(1);
    expect(pinned.json.synonyms).not.toContain('小餐饮许可');
    const versions = await call(cloud.baseUrl, 'GET', '/admin/matters/FOOD-BUSINESS-LICENCE/versions', {
      token: admin,
    });
    expect(versions.json.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'retired'],
      [2, 'published'],
    ]);
  });

  it('audits every change with who and when', async () => {
    const res = await call(
      cloud.baseUrl,
      'GET',
      `/admin/audit?entity=${encodeURIComponent('matter:FOOD-BUSINESS-LICENCE')}`,
      { token: admin },
    );
    const actions = res.json.items.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'draft.create:admin-1',
        'version.submit:admin-1',
        'version.publish:admin-1',
        'version.publish:system:seed',
      ]),
    );
  });

  it('manages departments and calendars, refusing a body that does not match the path', async () => {
    const dept = { code: 'EDU', name: '教育局', regionCode: '350100', integration: { mode: 'todo' } };
    expect((await call(cloud.baseUrl, 'PUT', '/admin/departments/EDU', { token: admin, body: dept })).status).toBe(200);
    expect((await call(cloud.baseUrl, 'PUT', '/admin/departments/OTHER', { token: admin, body: dept })).status).toBe(
      400,
    );
    expect(
      (await call(cloud.baseUrl, 'GET', '/departments')).json.items.map((d: { code: string }) => d.code),
    ).toContain('EDU');

    const calendar2031 = { year: 2031, holidays: [{ date: '2031-01-01', name: '元旦' }], workdays: [] };
    expect(
      (await call(cloud.baseUrl, 'PUT', '/admin/calendars/2031', { token: admin, body: calendar2031 })).status,
    ).toBe(200);
    expect((await call(cloud.baseUrl, 'GET', '/calendar/add-working-days?from=2031-01-02&days=3')).json.due).toBe(
      '2031-01-07',
    );
    const bad = await call(cloud.baseUrl, 'PUT', '/admin/calendars/2032', {
      token: admin,
      body: { year: 2032, holidays: [{ date: '2031-05-01', name: 'x' }], workdays: [] },
    });
    expect(bad.status).toBe(400);
  });
});
