import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { call } from '../support/http';

/**
 * Compressed limits (压缩办理时限, seed 001: 承诺办理时限较法定办理时限压缩50%以上) in the local cloud, whose stage
 * setting is the default: a warning at 50 %. Publishing a matter that breaks it is refused with the rule named until
 * the publisher acknowledges it; the acknowledgement is kept in the version and the audit; /stats/compression reports
 * the figures per matter and per department.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.gulou = await cloud.issueToken({ sub: 'sup-gl', role: 'supervisor', region: '350102' });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const food = () =>
  structuredClone(DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content) as Record<
    string,
    unknown
  >;
const CODE = 'SLOW-FOOD-LICENCE';

describe('publishing a matter that breaks the compression rule (warning)', () => {
  it('names promisedLimitDays and the rule, changes nothing, and publishes once acknowledged', async () => {
    // Legal 10, promised 8: 80 % of the legal limit, more than the 50 % the rule allows.
    const created = await api('POST', '/admin/matters', 'admin', {
      code: CODE,
      content: { ...food(), name: '慢速食品经营许可', promisedLimitDays: 8 },
    });
    expect(created.status).toBe(201);
    const base = `/admin/matters/${CODE}/versions/1`;
    expect((await api('POST', `${base}/submit`, 'admin', {})).status).toBe(200);
    // The acknowledgement belongs to publishing only.
    const early = await api('POST', `${base}/return`, 'admin', { acknowledgeCompression: true });
    expect(early.status).toBe(400);
    expect(early.json.error.details).toContainEqual(
      expect.objectContaining({ path: 'body.acknowledgeCompression', rule: 'publish-only' }),
    );

    const refused = await api('POST', `${base}/publish`, 'admin', {});
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'compression-warning',
        message: expect.stringContaining(
          'at most 50 % of the legal limit (10 working days → at most 5), it is 8 (80 %)',
        ),
        messageZh: expect.stringContaining('压缩50%以上'),
      }),
    ]);
    const unchanged = await api('GET', base, 'admin');
    expect(unchanged.json.status).toBe('in_review');
    expect((await api('GET', `/matters/${CODE}`, 'admin')).status).toBe(404);

    const published = await api('POST', `${base}/publish`, 'admin', { acknowledgeCompression: true });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({
      status: 'published',
      publishedBy: 'admin-1',
      compressionAcknowledgement: {
        rule: 'compression-warning',
        maxPromisedPercent: 50,
        legalLimitDays: 10,
        promisedLimitDays: 8,
        ratio: 0.8,
        by: 'admin-1',
      },
    });
    expect((await api('GET', base, 'admin')).json.compressionAcknowledgement).toMatchObject({
      promisedLimitDays: 8,
      by: 'admin-1',
    });
    const audit = await api('GET', `/admin/audit?entity=matter:${CODE}`, 'admin');
    const publish = audit.json.items.find((i: { action: string }) => i.action === 'version.publish');
    expect(publish.detail).toMatchObject({
      version: 1,
      compressionAcknowledged: { rule: 'compression-warning', ratio: 0.8, by: 'admin-1' },
    });
  });

  it('records no acknowledgement for a matter that meets the rule', async () => {
    const created = await api('POST', '/admin/matters', 'admin', { code: 'FOOD-BUSINESS-LICENCE', content: food() });
    expect(created.status).toBe(201);
    const base = `/admin/matters/FOOD-BUSINESS-LICENCE/versions/${created.json.version}`;
    expect((await api('POST', `${base}/submit`, 'admin', {})).status).toBe(200);
    const published = await api('POST', `${base}/publish`, 'admin', { acknowledgeCompression: true });
    expect(published.status).toBe(200);
    expect(published.json).not.toHaveProperty('compressionAcknowledgement');
  });
});

describe('GET /stats/compression', () => {
  /** The department's figures worked out here from the demo catalogue, plus the slow matter published above. */
  function expectedSamr() {
    const limits = [
      ...DEMO_CATALOGUE.matters.map(
        (m) => m.content as { department: string; legalLimitDays: number; promisedLimitDays: number },
      ),
      { department: 'SAMR', legalLimitDays: 10, promisedLimitDays: 8 },
    ].filter((m) => m.department === 'SAMR');
    const measured = limits.filter((m) => m.legalLimitDays > 0);
    return {
      matters: limits.length,
      meetingRule: limits.filter((m) => m.legalLimitDays === 0 || m.promisedLimitDays / m.legalLimitDays <= 0.5).length,
      average: measured.reduce((sum, m) => sum + (1 - m.promisedLimitDays / m.legalLimitDays), 0) / measured.length,
    };
  }

  it('reports each published matter and each department against the rule', async () => {
    const res = await api('GET', '/stats/compression', 'supervisor');
    expect(res.status).toBe(200);
    expect(res.json.rule).toEqual({ mode: 'warn', maxPromisedPercent: 50 });
    const byCode = new Map(res.json.matters.map((m: { code: string }) => [m.code, m]));
    expect(byCode.size).toBe(DEMO_CATALOGUE.matters.length + 1);
    expect(byCode.get('FOOD-BUSINESS-LICENCE')).toMatchObject({
      department: 'SAMR',
      departmentName: '市场监督管理局',
      legalLimitDays: 10,
      promisedLimitDays: 5,
      ratio: 0.5,
      compression: 0.5,
      meetsRule: true,
    });
    expect(byCode.get(CODE)).toMatchObject({ legalLimitDays: 10, promisedLimitDays: 8, ratio: 0.8, meetsRule: false });
    expect(byCode.get('COMPANY-REGISTRATION')).toMatchObject({
      legalLimitDays: 3,
      promisedLimitDays: 1,
      ratio: 0.3333,
      meetsRule: true,
    });

    const samr = res.json.departments.find((d: { department: string }) => d.department === 'SAMR');
    const expected = expectedSamr();
    expect(samr).toMatchObject({
      departmentName: '市场监督管理局',
      matters: expected.matters,
      meetingRule: expected.meetingRule,
    });
    expect(samr.meetingRule).toBe(samr.matters - 1);
    expect(samr.averageCompression).toBeCloseTo(expected.average, 4);
    expect(res.json.total).toMatchObject({
      matters: DEMO_CATALOGUE.matters.length + 1,
      meetingRule: DEMO_CATALOGUE.matters.length,
    });
  });

  it('narrows by department, and a regional supervisor sees their region only', async () => {
    const urban = await api('GET', '/stats/compression?department=URBAN', 'admin');
    expect(urban.status).toBe(200);
    expect(urban.json.matters.every((m: { department: string }) => m.department === 'URBAN')).toBe(true);
    expect(urban.json.matters.length).toBeGreaterThan(0);

    const gulou = await api('GET', '/stats/compression', 'gulou');
    expect(gulou.status).toBe(200);
    expect(gulou.json.region).toBe('350102');
    expect(gulou.json.matters.length).toBeGreaterThan(0);
    expect(gulou.json.matters.every((m: { regionCode: string }) => m.regionCode === '350102')).toBe(true);
    const outside = await api('GET', '/stats/compression?region=350100', 'gulou');
    expect(outside.status).toBe(403);
    expect(outside.json.error.details).toContainEqual(
      expect.objectContaining({ path: 'query.region', rule: 'region' }),
    );
  });

  it('refuses other roles and malformed filters', async () => {
    expect((await api('GET', '/stats/compression', 'window')).status).toBe(403);
    const bad = await api('GET', '/stats/compression?region=35', 'admin');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toContainEqual(expect.objectContaining({ path: 'query.region' }));
  });
});
