import { LocalCloud } from '../../infra/local/cloud';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { issueLicence } from '../../shared/domain/licences/register';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';
import { extractText } from '../support/pdf';

/**
 * Licences in words (issue 19, part 5) against a local cloud: the demo's 食品经营许可, applied for with the codes the
 * form sends (catering, hot-food, drinks), is issued reading 餐饮服务经营者 and 热食类食品制售、自制饮品制售 in its
 * credential (beside the codes), in the wallet, on the verification page and in its PDF; one issued with codes before
 * this change reads the same.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  for (const dept of ['SAMR', 'HEALTH'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
});
afterAll(() => cloud?.stop());

async function approve(dept: string, caseId: string, stageIndex: number) {
  const task = await eventually(`${dept}'s task at stage ${stageIndex}`, async () =>
    ((await api('GET', '/tasks', dept)).json.items as any[]).find(
      (t) => t.caseId === caseId && t.stageIndex === stageIndex,
    ),
  );
  expect(
    (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, dept, { decision: 'approve' })).status,
  ).toBe(200);
  await cloud.idle();
}

const payload = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));

async function pdfText(licenceNo: string) {
  const link = await api('GET', `/licences/${licenceNo}/document`, 'applicant');
  expect(link.status).toBe(200);
  return extractText(Buffer.from(await (await fetch(link.json.url)).arrayBuffer()));
}

let caseId: string;

describe('the demo food licence', () => {
  let licenceNo: string;

  it('is issued with the labels of the form’s choices, and the credential keeps their codes', async () => {
    caseId = await acceptedFoodCase(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    await approve('SAMR', caseId, 0);
    await approve('HEALTH', caseId, 0);
    await approve('SAMR', caseId, 1);
    await approve('SAMR', caseId, 2);
    const issued = await eventually('the licence', async () => {
      await cloud.idle();
      const c = (await api('GET', `/applications/${caseId}`, 'applicant')).json;
      return c.status === 'ISSUED' ? c : undefined;
    });
    licenceNo = issued.licenceNo;
    const licence = (await api('GET', `/licences/${licenceNo}`, 'applicant')).json;
    expect(licence.content).toMatchObject({
      mainBusiness: '餐饮服务经营者',
      businessItems: '热食类食品制售、自制饮品制售',
    });
    expect(licence.contentChoices.mainBusiness).toEqual([
      { code: 'catering', label: { zh: '餐饮服务经营者', en: 'Catering service' } },
    ]);
    const subject = payload(licence.credential).credentialSubject;
    expect(subject.contentChoices.businessItems.map((c: any) => `${c.code}=${c.label.zh}`)).toEqual([
      'hot-food=热食类食品制售',
      'drinks=自制饮品制售',
    ]);
  });

  it('reads in words on the verification page, which anyone may open', async () => {
    const verified = (await api('GET', `/verify/${licenceNo}`)).json;
    expect(verified).toMatchObject({ status: 'valid', content: { mainBusiness: '餐饮服务经营者' } });
    expect(verified.contentChoices.businessItems.map((c: any) => c.label.en)).toEqual(['Hot food', 'Home-made drinks']);
  });

  it('prints 餐饮服务经营者 and 热食类食品制售、自制饮品制售 on its PDF, English under them, and no code', async () => {
    const text = await pdfText(licenceNo);
    for (const words of [
      '主体业态',
      '餐饮服务经营者',
      'Catering service',
      '经营项目',
      '热食类食品制售、自制饮品制售',
      'Hot food; Home-made drinks',
    ])
      expect([words, text.includes(words)]).toEqual([words, true]);
    expect(text).not.toMatch(/\bcatering\b|hot-food/);
  });
});

describe('a food licence issued with codes, before labels were kept', () => {
  let licenceNo: string;

  it('gets its labels from its case’s pinned form: wallet, verification and PDF', async () => {
    // Issued as the platform did before: content in codes, no choices in the credential.
    const deps = await licenceDeps();
    const content = {
      operatorName: '福州市鼓楼区榕城小吃店',
      uscc: USCC,
      legalRepresentative: '林晓明',
      premisesAddress: '福建省福州市鼓楼区五四路88号一层',
      mainBusiness: 'catering',
      businessItems: 'hot-food、drinks',
    };
    const record = await issueLicence(
      {
        type: 'FOOD_BUSINESS_LICENCE',
        holderKey: `E#${USCC}`,
        holderName: '福州市鼓楼区榕城小吃店',
        content,
        regionCode: '350102',
        caseId,
        licenceNo: 'JY3501020009001',
      },
      deps,
    );
    licenceNo = record.licenceNo;
    expect(payload(record.credential).credentialSubject.contentChoices).toBeUndefined();

    const wallet = (await api('GET', '/me/licences', 'applicant')).json.items.find(
      (l: any) => l.licenceNo === licenceNo,
    );
    expect(wallet.content.mainBusiness).toBe('catering');
    expect(wallet.contentChoices.mainBusiness[0].label.zh).toBe('餐饮服务经营者');

    const verified = (await api('GET', `/verify/${licenceNo}`)).json;
    expect(verified.contentChoices.businessItems.map((c: any) => c.label.zh)).toEqual([
      '热食类食品制售',
      '自制饮品制售',
    ]);

    const text = await pdfText(licenceNo);
    expect(text).toContain('餐饮服务经营者');
    expect(text).toContain('热食类食品制售、自制饮品制售');
    expect(text).not.toContain('hot-food');
  });
});
