import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { call } from '../support/http';

/**
 * A stage whose compression rule is a refusal, stricter than the default (COMPRESSION_RULE_MODE=refuse,
 * COMPRESSION_RULE_MAX_PERCENT=40, as infra sets them from the stage's `compressionRule`): a matter that breaks it is
 * not published even with the acknowledgement, and the statistics judge by the same share.
 */
let cloud: LocalCloud;
let admin: string;
const saved = { mode: process.env.COMPRESSION_RULE_MODE, max: process.env.COMPRESSION_RULE_MAX_PERCENT };

beforeAll(async () => {
  // Before the functions' cold start: they read the rule once.
  process.env.COMPRESSION_RULE_MODE = 'refuse';
  process.env.COMPRESSION_RULE_MAX_PERCENT = '40';
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
});
afterAll(async () => {
  await cloud?.stop();
  for (const [name, value] of [
    ['COMPRESSION_RULE_MODE', saved.mode],
    ['COMPRESSION_RULE_MAX_PERCENT', saved.max],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const api = (method: string, path: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: admin, ...(body !== undefined ? { body } : {}) });

it('refuses to publish a matter above the share, acknowledged or not, naming the rule', async () => {
  const food = DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content as Record<
    string,
    unknown
  >;
  // 5 of 10 days meets the default 50 % but not this stage's 40 %.
  const created = await api('POST', '/admin/matters', { code: 'FOOD-BUSINESS-LICENCE', content: food });
  expect(created.status).toBe(201);
  const base = `/admin/matters/FOOD-BUSINESS-LICENCE/versions/${created.json.version}`;
  expect((await api('POST', `${base}/submit`, {})).status).toBe(200);
  for (const body of [{}, { acknowledgeCompression: true }]) {
    const refused = await api('POST', `${base}/publish`, body);
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'compression',
        message: expect.stringContaining('at most 40 % of the legal limit (10 working days → at most 4), it is 5'),
        messageZh: expect.stringContaining('压缩60%以上'),
      }),
    ]);
  }
  expect((await api('GET', base)).json.status).toBe('in_review');
  expect((await api('GET', '/matters/FOOD-BUSINESS-LICENCE')).json.version).toBe(1);

  // Within the share it publishes (its stages need 5 days, so the legal limit is the one to change: 5 of 15).
  expect((await api('POST', `${base}/return`, {})).status).toBe(200);
  expect((await api('PUT', base, { content: { ...food, legalLimitDays: 15 } })).status).toBe(200);
  expect((await api('POST', `${base}/submit`, {})).status).toBe(200);
  expect((await api('POST', `${base}/publish`, {})).status).toBe(200);

  const stats = await api('GET', '/stats/compression?department=SAMR');
  expect(stats.json.rule).toEqual({ mode: 'refuse', maxPromisedPercent: 40 });
  expect(stats.json.matters.find((m: { code: string }) => m.code === 'FOOD-BUSINESS-LICENCE')).toMatchObject({
    legalLimitDays: 15,
    promisedLimitDays: 5,
    ratio: 0.3333,
    meetsRule: true,
  });
  // COMPANY-REGISTRATION promises 1 of 3 (33 %) and meets 40 % too; the food licence's old 50 % would not.
  expect(stats.json.departments).toEqual([
    expect.objectContaining({
      department: 'SAMR',
      matters: stats.json.matters.length,
      meetingRule: stats.json.matters.length,
    }),
  ]);
});
