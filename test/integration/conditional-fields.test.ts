import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { importDemoLicences } from '../support/licences';
import { FOOD_FORM, PDF, USCC } from '../support/food-case';
import { uploadMaterial } from '../support/cases';
import { call } from '../support/http';

/**
 * Conditional fields over HTTP (食品经营许可 asks 网络经营平台名称 only of those who sell online): the server applies
 * the same compiled rules as the hall. A question not asked is not required, and its answer is ignored: kept in the
 * draft as typed (so switching back loses nothing), left out of the submitted case. A condition that names an unknown
 * or later field, or a value the field cannot have, keeps a matter from being published.
 */
let cloud: LocalCloud;
let enterprise: string;
let admin: string;
const MATTER = 'FOOD-BUSINESS-LICENCE';

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  await importDemoLicences(cloud);
  enterprise = await cloud.issueToken({ sub: 'ent-cond', role: 'applicant', uscc: USCC });
  admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
});
afterAll(() => cloud?.stop());

async function draftWithMaterials(form: Record<string, unknown>): Promise<string> {
  const draft = await call(cloud.baseUrl, 'POST', '/applications', {
    token: enterprise,
    body: { matterCode: MATTER, form },
  });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const [material, licenceNo] of [
    ['businessLicence', USCC],
    ['legalRepIdCard', 'RID-350100-0001'],
  ]) {
    expect(
      (
        await call(cloud.baseUrl, 'POST', `/applications/${id}/licence-references`, {
          token: enterprise,
          body: { material, licenceNo },
        })
      ).status,
    ).toBe(200);
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules']) {
    expect(
      (await uploadMaterial(cloud.baseUrl, enterprise, id, material, { bytes: PDF, fileName: `${material}.pdf` }))
        .status,
    ).toBe(200);
  }
  return id;
}
const submit = (id: string, body: Record<string, unknown> = {}) =>
  call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, { token: enterprise, body });

describe('a conditional question', () => {
  it('is published in the guide with its condition', async () => {
    const guide = await call(cloud.baseUrl, 'GET', `/matters/${MATTER}`);
    const field = (guide.json.form.fields as { key: string; visibleWhen?: unknown }[]).find(
      (f) => f.key === 'onlinePlatform',
    );
    expect(field?.visibleWhen).toEqual({ field: 'onlineSales', in: [true] });
  });

  it('is required once its condition holds: the submission is refused at that field, and accepted with an answer', async () => {
    const id = await draftWithMaterials({ ...FOOD_FORM, onlineSales: true });
    const refused = await submit(id);
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toEqual([
      expect.objectContaining({ path: 'form.onlinePlatform', rule: 'required', messageZh: '请填写此项' }),
    ]);
    const saved = await call(cloud.baseUrl, 'PATCH', `/applications/${id}`, {
      token: enterprise,
      body: { form: { ...FOOD_FORM, onlineSales: true, onlinePlatform: ' 美团外卖 ' } },
    });
    expect(saved.status).toBe(200);
    const submitted = await submit(id);
    expect(submitted.status).toBe(200);
    expect(submitted.json.form).toMatchObject({ onlineSales: true, onlinePlatform: '美团外卖' });
  });

  it('is not required while hidden, and its answer is kept in the draft but left out of the submitted case, unchecked', async () => {
    // The applicant typed a (too long) platform name, then answered 否: the draft keeps it, nothing refuses it.
    const typed = 'x'.repeat(150);
    const id = await draftWithMaterials({ ...FOOD_FORM, onlineSales: false, onlinePlatform: typed });
    const draft = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: enterprise });
    expect(draft.json.form.onlinePlatform).toBe(typed);
    const submitted = await submit(id);
    expect(submitted.status).toBe(200);
    expect(submitted.json.status).toBe('SUBMITTED');
    expect(submitted.json.form.onlineSales).toBe(false);
    expect(submitted.json.form).not.toHaveProperty('onlinePlatform');
    const read = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: enterprise });
    expect(read.json.form).not.toHaveProperty('onlinePlatform');
  });

  it('counts its controlling question unanswered as not holding (the question is optional)', async () => {
    const id = await draftWithMaterials({ ...FOOD_FORM });
    const submitted = await submit(id);
    expect(submitted.status).toBe(200);
    expect(submitted.json.form).not.toHaveProperty('onlinePlatform');
  });
});

describe('publishing a form with conditions', () => {
  it('refuses a condition on an unknown or later field, or on a value the field does not have, naming each', async () => {
    const content = structuredClone(DEMO_CATALOGUE.matters.find((m) => m.code === MATTER)!.content) as {
      form: { fields: { key: string; visibleWhen?: unknown }[] };
    };
    const fields = content.form.fields;
    const at = (key: string) => fields.findIndex((f) => f.key === key);
    fields[at('onlinePlatform')]!.visibleWhen = { field: 'onlineSales', in: ['yes'] };
    fields[at('premisesArea')]!.visibleWhen = { field: 'contactMobile', in: ['x'] };
    fields[at('foodSafetyManager')]!.visibleWhen = { field: 'onlineShop', in: [true] };
    const created = await call(cloud.baseUrl, 'POST', '/admin/matters', {
      token: admin,
      body: { code: 'FOOD-COND-BROKEN', content },
    });
    expect(created.status).toBe(201);
    await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-COND-BROKEN/versions/1/submit', { token: admin, body: {} });
    const publish = await call(cloud.baseUrl, 'POST', '/admin/matters/FOOD-COND-BROKEN/versions/1/publish', {
      token: admin,
      body: {},
    });
    expect(publish.status).toBe(422);
    const details = publish.json.error.details as { path: string; message: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `content.form.fields.${at('onlinePlatform')}.visibleWhen.in.0`,
          message: expect.stringContaining('true and false'),
        }),
        expect.objectContaining({
          path: `content.form.fields.${at('premisesArea')}.visibleWhen.field`,
          message: expect.stringContaining('does not come before this field'),
        }),
        expect.objectContaining({
          path: `content.form.fields.${at('foodSafetyManager')}.visibleWhen.field`,
          message: expect.stringContaining('not a field at this level'),
        }),
      ]),
    );
  });
});
