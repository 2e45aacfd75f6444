import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { localLicenceSigner } from '../../shared/adapters/licence-signers';
import { ConflictError } from '../../shared/domain/errors';
import type { FormField } from '../../shared/domain/catalogue/form';
import { matterContentSchema } from '../../shared/domain/catalogue/model';
import { contentChoices, contentInWords, licenceContent } from '../../shared/domain/licences/content';
import { caseFormOf } from '../../shared/domain/licences/issuance';
import { type ContentValue, licenceCredentialSchema } from '../../shared/domain/licences/credential';
import {
  choicesOf,
  documentLink,
  issueLicence,
  type LicenceDeps,
  type LicenceRecord,
  type LicenceStore,
  reissue,
  verify,
} from '../../shared/domain/licences/register';
import { loadLicenceFont } from '../../shared/adapters/document-font';
import { renderLicenceRecord } from '../../shared/domain/licences/render-pdf';
import { StatusBitstring, type StatusPurpose } from '../../shared/domain/licences/status-list';
import { extractText } from '../support/pdf';

/**
 * Licences in words (issue 19, part 5): a choice reads as its labels (餐饮服务经营者, 热食类食品制售), Chinese first with
 * English, in the credential beside its code, on the PDF, in the wallet and on the verification page; a licence issued
 * with codes gets its labels when rendered, from the form its case was decided on.
 */

const FOOD_TYPE = DEMO_CATALOGUE.licenceTypes.find((t) => t.code === 'FOOD_BUSINESS_LICENCE')!;
const FOOD_MATTER = matterContentSchema.parse(
  DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content,
);
const FOOD_FORM: readonly FormField[] = FOOD_MATTER.form.fields;
const USCC = '91350100M000100Y43';
const ANSWERS = {
  operatorName: '福州市鼓楼区榕城小吃店',
  uscc: USCC,
  legalRepName: '林晓明',
  premisesAddress: { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号一层' },
  mainBusiness: 'catering',
  businessItems: ['hot-food', 'drinks'],
};

describe('the choices behind a licence’s content', () => {
  it('names each choice of the demo food licence by code and both labels', () => {
    const content = licenceContent(FOOD_TYPE.contentFields, { form: ANSWERS }, FOOD_FORM);
    expect(content).toMatchObject({ mainBusiness: '餐饮服务经营者', businessItems: '热食类食品制售、自制饮品制售' });
    expect(contentChoices(FOOD_TYPE.contentFields, content, FOOD_FORM)).toEqual({
      mainBusiness: [{ code: 'catering', label: { zh: '餐饮服务经营者', en: 'Catering service' } }],
      businessItems: [
        { code: 'hot-food', label: { zh: '热食类食品制售', en: 'Hot food' } },
        { code: 'drinks', label: { zh: '自制饮品制售', en: 'Home-made drinks' } },
      ],
    });
  });

  it('reads content issued as codes, and an officer’s labels with other separators, the same way', () => {
    const legacy = contentChoices(
      FOOD_TYPE.contentFields,
      { mainBusiness: 'catering', businessItems: 'hot-food、drinks' },
      FOOD_FORM,
    );
    const typed = contentChoices(
      FOOD_TYPE.contentFields,
      { mainBusiness: '餐饮服务经营者', businessItems: '热食类食品制售；自制饮品制售' },
      FOOD_FORM,
    );
    expect(legacy).toEqual(typed);
    expect(legacy.businessItems!.map((c) => c.code)).toEqual(['hot-food', 'drinks']);
  });

  it('leaves an officer’s own words as written: no choice is made up', () => {
    const choices = contentChoices(
      FOOD_TYPE.contentFields,
      { mainBusiness: '餐饮服务经营者（小型餐馆）', businessItems: '热食类食品制售、外卖', operatorName: 'catering' },
      FOOD_FORM,
    );
    expect(choices).toEqual({});
    // A single choice takes one option, not two.
    expect(contentChoices(FOOD_TYPE.contentFields, { mainBusiness: 'catering、canteen' }, FOOD_FORM)).toEqual({});
  });

  it('takes a label that holds a separator as one choice', () => {
    const form = [
      {
        type: 'enum',
        key: 'scope',
        label: { zh: '范围', en: 'Scope' },
        required: true,
        multiple: true,
        options: [
          { value: 'a', label: { zh: '甲，含乙', en: 'A, with B' } },
          { value: 'c', label: { zh: '丙', en: 'C' } },
        ],
      },
    ] as unknown as FormField[];
    expect(contentChoices([{ key: 'scope' }], { scope: '甲，含乙、丙' }, form).scope!.map((c) => c.code)).toEqual([
      'a',
      'c',
    ]);
  });

  it('writes a value in words, Chinese and English, or as it is without choices', () => {
    const choices = contentChoices(FOOD_TYPE.contentFields, { businessItems: 'hot-food、drinks' }, FOOD_FORM);
    expect(contentInWords('hot-food、drinks', choices.businessItems)).toEqual({
      zh: '热食类食品制售、自制饮品制售',
      en: 'Hot food; Home-made drinks',
    });
    expect(contentInWords('五四路88号', undefined)).toEqual({ zh: '五四路88号' });
    expect(contentInWords('x', [{ code: 'x', label: { zh: '某' } }])).toEqual({ zh: '某' });
  });
});

// A register in memory: enough of the store for issuing, verifying, reissuing and documents.
function memoryStore(): LicenceStore & { documents: Map<string, Uint8Array> } {
  const records = new Map<string, LicenceRecord>();
  const lists: Record<StatusPurpose, { list: StatusBitstring; revision: number }> = {
    revocation: { list: StatusBitstring.create(), revision: 0 },
    suspension: { list: StatusBitstring.create(), revision: 0 },
  };
  const taken = new Set<number>();
  const documents = new Map<string, Uint8Array>();
  return {
    documents,
    get: async (no) => records.get(no),
    save: async ({ before, after }) => {
      if (!before && records.has(after.licenceNo)) throw new ConflictError('exists');
      records.set(after.licenceNo, after);
    },
    listByHolder: async (key) => ({ items: [...records.values()].filter((r) => r.holderKey === key) }),
    reserveStatusIndex: async (i) => !taken.has(i) && Boolean(taken.add(i)),
    readStatusList: async (purpose) => ({
      list: StatusBitstring.decode(lists[purpose].list.encode()),
      revision: lists[purpose].revision,
    }),
    writeStatusList: async (purpose, list, revision) => {
      lists[purpose] = { list, revision: revision + 1 };
    },
    putDocument: async (key, pdf) => void documents.set(key, pdf),
    presignDocument: async (key) => ({ url: `https://files.example.cn/${key}`, expiresAt: '2026-03-02T10:05:00Z' }),
  };
}

describe('issued with choices, and issued with codes before', () => {
  let dir: string;
  let deps: LicenceDeps & { store: ReturnType<typeof memoryStore> };
  const formOf = jest.fn(async ({ caseId }: { caseId?: string }) => (caseId === 'case-1' ? FOOD_FORM : undefined));
  const CODES = {
    operatorName: '福州市鼓楼区榕城小吃店',
    uscc: USCC,
    legalRepresentative: '林晓明',
    premisesAddress: '福建省福州市鼓楼区五四路88号一层',
    mainBusiness: 'catering',
    businessItems: 'hot-food、drinks',
  };
  const issue = (content: Record<string, ContentValue>, extra: Partial<Parameters<typeof issueLicence>[0]> = {}) =>
    issueLicence(
      {
        type: FOOD_TYPE.code,
        holderKey: `E#${USCC}`,
        holderName: '福州市鼓楼区榕城小吃店',
        content,
        regionCode: '350102',
        ...extra,
      },
      deps,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'licence-labels-'));
    deps = {
      store: memoryStore(),
      signer: await localLicenceSigner(dir),
      holderIdKey: new Uint8Array(32).fill(7),
      publicApiUrl: 'https://api.gov.example.cn',
      publicWebUrl: 'https://gov.example.cn',
      licenceTypes: async () => FOOD_TYPE,
      departmentName: async () => '福州市市场监督管理局',
      departmentRegion: async () => '350100',
      now: () => new Date('2026-03-02T02:00:00Z'),
      formOf,
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const payload = (jws: string) =>
    licenceCredentialSchema.parse(JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')));

  it('the demo food licence: its credential keeps code and label, and its PDF reads 餐饮服务经营者 with English', async () => {
    const content = licenceContent(FOOD_TYPE.contentFields, { form: ANSWERS }, FOOD_FORM);
    const record = await issue(content, {
      contentChoices: contentChoices(FOOD_TYPE.contentFields, content, FOOD_FORM),
      caseId: 'case-2',
    });
    const subject = payload(record.credential).credentialSubject;
    expect(subject.content).toMatchObject({
      mainBusiness: '餐饮服务经营者',
      businessItems: '热食类食品制售、自制饮品制售',
    });
    expect(subject.contentChoices!.mainBusiness).toEqual([
      { code: 'catering', label: { zh: '餐饮服务经营者', en: 'Catering service' } },
    ]);
    expect(subject.contentChoices!.businessItems!.map((c) => c.code)).toEqual(['hot-food', 'drinks']);

    const text = extractText((await renderLicenceRecord(record, deps, loadLicenceFont())).pdf);
    for (const words of [
      '主体业态',
      '餐饮服务经营者',
      'Catering service',
      '经营项目',
      '热食类食品制售、自制饮品制售',
      'Hot food; Home-made drinks',
    ])
      expect([words, text.includes(words)]).toEqual([words, true]);
    // The codes (lower case) are the machine's, not the page's.
    expect(text).not.toMatch(/\bcatering\b|hot-food/);
  });

  it('a licence issued with codes reads in words in the PDF, the wallet and verification, from its case’s form', async () => {
    const record = await issue(CODES, { caseId: 'case-1' });
    expect(record.contentChoices).toBeUndefined();
    expect(payload(record.credential).credentialSubject.content).toMatchObject({
      mainBusiness: 'catering',
      businessItems: 'hot-food、drinks',
    });

    const text = extractText((await renderLicenceRecord(record, deps, loadLicenceFont())).pdf);
    expect(text).toContain('餐饮服务经营者');
    expect(text).toContain('热食类食品制售、自制饮品制售');
    expect(text).toContain('Catering service');
    expect(text).not.toContain('hot-food');
    expect(formOf).toHaveBeenCalledWith(expect.objectContaining({ caseId: 'case-1' }));

    const wallet = await choicesOf(record, deps);
    expect(contentInWords(record.content.mainBusiness!, wallet.mainBusiness)).toEqual({
      zh: '餐饮服务经营者',
      en: 'Catering service',
    });

    const checked = await verify({ licenceNo: record.licenceNo }, deps);
    expect(checked.status).toBe('valid');
    expect(checked.content).toMatchObject({ mainBusiness: 'catering' });
    expect(checked.contentChoices!.businessItems!.map((c) => c.label.zh)).toEqual(['热食类食品制售', '自制饮品制售']);
  });

  it('without a form to read (an import), codes stay codes rather than fail', async () => {
    const record = await issue(CODES, { licenceNo: 'JY3501020000099', imported: true });
    expect(await choicesOf(record, deps)).toEqual({});
    expect(extractText((await renderLicenceRecord(record, deps, loadLicenceFont())).pdf)).toContain('hot-food、drinks');
  });

  it('a change reads its choices again: an older licence gets its codes into the new credential', async () => {
    const record = await issue(
      { ...CODES, operatorName: '榕城小吃（变更前）' },
      { caseId: 'case-1', licenceNo: 'JY3501020000100' },
    );
    const changed = await reissue(
      record.licenceNo,
      'change',
      { content: { businessItems: 'hot-food、cold-food' } },
      deps,
    );
    const choices = payload(changed.credential).credentialSubject.contentChoices!;
    expect(choices.businessItems!.map((c) => c.code)).toEqual(['hot-food', 'cold-food']);
    expect(choices.mainBusiness![0]!.label.zh).toBe('餐饮服务经营者');
  });

  it('a document stored before choices were printed in words is rendered again', async () => {
    const record = await issue(CODES, { caseId: 'case-1', licenceNo: 'JY3501020000101' });
    const old = { ...record, documentKey: `documents/${record.licenceNo}/v1.pdf`, revision: record.revision + 1 };
    await deps.store.save({ before: record, after: old, events: [] });
    const rendered: string[] = [];
    const render = async (r: LicenceRecord) => {
      rendered.push(r.licenceNo);
      return (await renderLicenceRecord(r, deps, loadLicenceFont())).pdf;
    };
    const withRender = { ...deps, render };
    const link = await documentLink(old, withRender);
    expect(rendered).toEqual([record.licenceNo]);
    expect(link.url).not.toContain('/v1.pdf');
    expect(extractText(deps.store.documents.get(link.url.replace('https://files.example.cn/', ''))!)).toContain(
      '餐饮服务经营者',
    );
    // Once stored under the new key, it is not rendered again.
    await documentLink((await deps.store.get(record.licenceNo))!, withRender);
    expect(rendered).toHaveLength(1);
  });

  it('verification by number shows a citizen’s particulars to no one; a presented credential shows them', async () => {
    const record = await issueLicence(
      {
        type: FOOD_TYPE.code,
        holderKey: 'P#11010519491231002X',
        holderName: '林晓明',
        content: CODES,
        regionCode: '350102',
        caseId: 'case-1',
        licenceNo: 'JY3501020000102',
      },
      deps,
    );
    const byNumber = await verify({ licenceNo: record.licenceNo }, deps);
    expect(byNumber.signatureValid).toBe(true);
    expect(byNumber.content).toBeUndefined();
    expect(byNumber.contentChoices).toBeUndefined();
    const presented = await verify({ credential: record.credential }, deps);
    expect(presented.contentChoices!.mainBusiness![0]!.code).toBe('catering');
  });
});

describe('the form a licence’s case was decided on', () => {
  it('is the case’s pinned matter version, read once per version; none without a case', async () => {
    const cases = {
      get: jest.fn(async (id: string) =>
        id.startsWith('case-') ? ({ matterCode: 'FOOD-BUSINESS-LICENCE', matterVersion: 3 } as never) : undefined,
      ),
    };
    const matter = jest.fn(
      async (_code: string, version?: number) =>
        ({ version: version!, content: FOOD_MATTER, validate: () => ({}) }) as never,
    );
    const formOf = caseFormOf({ cases, matters: { matter, bundle: jest.fn() } });
    expect(await formOf({ caseId: 'case-1' })).toBe(FOOD_FORM);
    expect(await formOf({ caseId: 'case-2' })).toBe(FOOD_FORM);
    expect(matter.mock.calls).toEqual([['FOOD-BUSINESS-LICENCE', 3]]);
    expect(await formOf({})).toBeUndefined();
    expect(await formOf({ caseId: 'gone' })).toBeUndefined();
  });
});
