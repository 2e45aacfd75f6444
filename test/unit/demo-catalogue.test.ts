import { DEMO_CATALOGUE, DEPARTMENT_USCC } from '../../infra/seed/demo-catalogue';
import { type FormField, formDefinitionSchema } from '../../shared/domain/catalogue/form';
import { compileForm } from '../../shared/domain/catalogue/form-compile';
import { idNumberCheckChar, usccCheckChar, usccProblem } from '../../shared/domain/catalogue/identifiers';
import {
  bundleContentSchema,
  bundleOrder,
  departmentSchema,
  licenceTypeSchema,
  type MatterContent,
  matterContentSchema,
} from '../../shared/domain/catalogue/model';
import type { CatalogueLookups } from '../../shared/domain/catalogue/ports';
import { publishProblems } from '../../shared/domain/catalogue/publish';
import { bundleLimitProblems, limitAlongWaves } from '../../shared/domain/catalogue/bundle-limit';

const { departments, licenceTypes, matters, bundles } = DEMO_CATALOGUE;

/** The catalogue as the publish check sees it once the seed has loaded departments, licence types and matters. */
const lookups: CatalogueLookups = {
  department: async (code) => departments.find((d) => d.code === code),
  licenceType: async (code) => licenceTypes.find((t) => t.code === code),
  publishedMatter: async (code) => {
    const entry = matters.find((m) => m.code === code);
    return entry ? matterContentSchema.parse(entry.content) : undefined;
  },
};

const parsedMatters: { code: string; content: MatterContent }[] = matters.map((m) => ({
  code: m.code,
  content: matterContentSchema.parse(m.content),
}));
const matter = (code: string): MatterContent => {
  const found = parsedMatters.find((m) => m.code === code);
  if (!found) throw new Error(`no matter ${code}`);
  return found.content;
};

/** Every field of a form, nested ones included, with its path. */
function allFields(fields: readonly FormField[], prefix = ''): { path: string; field: FormField }[] {
  return fields.flatMap((f) => {
    const path = `${prefix}${f.key}`;
    return [{ path, field: f }, ...(f.type === 'group' ? allFields(f.fields, `${path}.`) : [])];
  });
}

const show = (problems: unknown) => JSON.stringify(problems, null, 2);

describe('demo catalogue: publishable', () => {
  it.each(matters.map((m) => [m.code, m.content] as const))(
    'matter %s has no publish problems',
    async (_code, content) => {
      const problems = await publishProblems('matter', content, lookups);
      expect(show(problems)).toBe(show([]));
    },
  );

  it.each(bundles.map((b) => [b.code, b.content] as const))(
    'bundle %s has no publish problems',
    async (_code, content) => {
      const problems = await publishProblems('bundle', content, lookups);
      expect(show(problems)).toBe(show([]));
    },
  );

  it('departments and licence types satisfy their schemas, with unique codes', () => {
    for (const d of departments) expect(departmentSchema.safeParse(d).error?.issues ?? []).toEqual([]);
    for (const t of licenceTypes) expect(licenceTypeSchema.safeParse(t).error?.issues ?? []).toEqual([]);
    for (const codes of [
      departments.map((d) => d.code),
      licenceTypes.map((t) => t.code),
      matters.map((m) => m.code),
      bundles.map((b) => b.code),
    ]) {
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});

describe('demo catalogue: contents', () => {
  it('has the eight departments of DOMAIN.md §9, with mixed integration modes', () => {
    expect(departments.length).toBeGreaterThanOrEqual(8);
    expect(departments.map((d) => d.code)).toEqual(
      expect.arrayContaining(['SAMR', 'TAX', 'PSB', 'HRSS', 'HEALTH', 'URBAN', 'HOUSING', 'NATRES']),
    );
    expect(Object.fromEntries(departments.map((d) => [d.code, d.name]))).toMatchObject({
      SAMR: '市场监督管理局',
      TAX: '税务局',
      PSB: '公安局',
      HRSS: '人力资源和社会保障局',
      HEALTH: '卫生健康委员会',
      URBAN: '城市管理局',
      HOUSING: '住房和城乡建设局',
      NATRES: '自然资源局',
    });
    const mode = (code: string) => departments.find((d) => d.code === code)?.integration.mode;
    expect([mode('SAMR'), mode('HEALTH'), mode('URBAN')]).toEqual(['webhook', 'todo', 'exchange']);
    for (const d of departments) expect(d.regionCode).toMatch(/^3501\d\d$/);
  });

  it('has at least ten matters and exactly the two bundles', () => {
    expect(matters.length).toBeGreaterThanOrEqual(10);
    expect(bundles.map((b) => b.code).sort()).toEqual(['OPEN-COMPANY', 'OPEN-RESTAURANT']);
  });

  it('orders each bundle as registration first, then the other three in parallel', () => {
    const others: Record<string, string[]> = {
      'OPEN-COMPANY': ['INVOICE-APPLICATION', 'SEAL-FILING', 'SOCIAL-INSURANCE-REGISTRATION'],
      'OPEN-RESTAURANT': ['FOOD-BUSINESS-LICENCE', 'OUTDOOR-AD-PERMIT', 'PUBLIC-HYGIENE-LICENCE'],
    };
    for (const b of bundles) {
      const waves = bundleOrder(bundleContentSchema.parse(b.content).members);
      expect(waves?.map((w) => [...w].sort())).toEqual([['COMPANY-REGISTRATION'], others[b.code]]);
    }
  });

  it('issues every licence type from an existing department, and every referenced licence type exists', () => {
    const departmentCodes = new Set(departments.map((d) => d.code));
    const typeCodes = new Set(licenceTypes.map((t) => t.code));
    for (const t of licenceTypes) expect(departmentCodes).toContain(t.issuingDepartment);
    for (const { content: m } of parsedMatters) {
      if (m.yieldsLicenceType) expect(typeCodes).toContain(m.yieldsLicenceType);
      for (const mat of m.materials) if (mat.replaceableBy) expect(typeCodes).toContain(mat.replaceableBy);
    }
  });

  it('pre-fills from licences only with content fields the licence type has', () => {
    const forms = [
      ...parsedMatters.map((m) => m.content.form),
      ...bundles.map((b) => formDefinitionSchema.parse(b.content.form)),
    ];
    const prefills = forms
      .flatMap((f) => allFields(f.fields))
      .flatMap(({ field }) => (field.prefill?.startsWith('licence:') ? [field.prefill] : []));
    expect(prefills.length).toBeGreaterThan(0);
    for (const prefill of prefills) {
      const [typeCode, key] = prefill.slice('licence:'.length).split('.');
      const type = licenceTypes.find((t) => t.code === typeCode);
      expect(type?.contentFields.map((f) => f.key) ?? []).toContain(key);
    }
  });

  it('asks enterprises for their credit code and citizens for their ID number', () => {
    for (const { code, content: m } of parsedMatters) {
      const types = new Set(m.form.fields.map((f) => f.type));
      if (m.audience.includes('enterprise')) {
        // The registration that creates the enterprise cannot ask for its code: it asks for the legal representative's ID.
        if (m.yieldsLicenceType === 'BUSINESS_LICENCE') expect([code, types.has('idNumber')]).toEqual([code, true]);
        else expect([code, types.has('uscc')]).toEqual([code, true]);
      }
      if (m.audience.includes('citizen')) expect([code, types.has('idNumber')]).toEqual([code, true]);
      if (!m.audience.includes('enterprise')) {
        expect([code, types.has('uscc')]).toEqual([code, false]);
        expect([code, ['mobile', 'address'].every((t) => types.has(t as FormField['type']))]).toEqual([code, true]);
      }
    }
  });

  it('has a matter with tasks of two departments in one stage (并联审批)', () => {
    const parallel = parsedMatters.filter(({ content: m }) =>
      m.procedure.stages.some((s) => new Set(s.tasks.map((t) => t.department)).size >= 2),
    );
    expect(parallel.map((m) => m.code)).toContain('FOOD-BUSINESS-LICENCE');
    const food = matter('FOOD-BUSINESS-LICENCE');
    expect(food.procedure.stages[0]?.tasks.map((t) => t.department).sort()).toEqual(['HEALTH', 'SAMR']);
    expect(food.procedure.pausableFor).toContain('on-site-verification');
  });

  it('has tolerable (容缺) materials and materials an e-licence replaces (免证)', () => {
    const all = parsedMatters.flatMap((m) => m.content.materials);
    expect(all.some((m) => m.tolerable)).toBe(true);
    expect(all.some((m) => m.replaceableBy !== undefined)).toBe(true);
    const food = matter('FOOD-BUSINESS-LICENCE').materials;
    expect(food.find((m) => m.code === 'healthCertificates')?.tolerable).toBe(true);
    expect(food.find((m) => m.code === 'businessLicence')?.replaceableBy).toBe('BUSINESS_LICENCE');
    expect(food.find((m) => m.code === 'legalRepIdCard')?.replaceableBy).toBe('RESIDENT_ID');
  });

  it('keeps time limits realistic: promised at most legal, a stage sequence within the promised limit', () => {
    for (const { code, content: m } of parsedMatters) {
      expect([code, m.promisedLimitDays <= m.legalLimitDays]).toEqual([code, true]);
      if (m.flags.immediate) continue;
      const sequence = m.procedure.stages.reduce((sum, s) => sum + Math.max(...s.tasks.map((t) => t.timeLimitDays)), 0);
      expect([code, sequence <= m.promisedLimitDays]).toEqual([code, true]);
    }
    expect(matter('COMPANY-REGISTRATION').promisedLimitDays).toBe(1);
    expect(matter('SEAL-FILING').flags.immediate).toBe(true);
    expect(matter('REAL-ESTATE-REGISTRATION').promisedLimitDays).toBe(5);
  });

  it('charges only for real estate registration (80 yuan per residential case)', () => {
    const charged = parsedMatters.filter((m) => m.content.fees.charged).map((m) => m.code);
    expect(charged).toEqual(['REAL-ESTATE-REGISTRATION']);
    const fees = matter('REAL-ESTATE-REGISTRATION').fees;
    expect(fees.charged && fees.items[0]?.amountYuan).toBe(80);
  });

  it('builds each 实施编码 from the department’s valid credit code and the 基本编码', () => {
    for (const { code, content: m } of parsedMatters) {
      const departmentUscc = DEPARTMENT_USCC[m.department];
      expect([code, departmentUscc && usccProblem(departmentUscc)]).toEqual([code, undefined]);
      expect(m.implementationCode).toBe(`${departmentUscc}${m.basicCode}`);
      expect(m.basicCode).toMatch(/^\d{12}$/);
    }
  });

  it('shares the legal representative’s ID card across several members', () => {
    for (const b of bundles) {
      const content = bundleContentSchema.parse(b.content);
      const idCard = content.sharedMaterials.find((s) => s.code === 'legalRepIdCard');
      expect(idCard?.satisfies.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('demo catalogue: each bundle’s own limit (一件事承诺时限)', () => {
  const content = (code: string) => bundleContentSchema.parse(bundles.find((b) => b.code === code)!.content);
  const along = (code: string, limit: 'promisedLimitDays' | 'legalLimitDays') =>
    limitAlongWaves(content(code).members, (m) => matter(m)[limit]);

  it('企业开办 is promised within 3 working days (seed 001), each member within 1 (seed 000)', () => {
    expect(content('OPEN-COMPANY').promisedLimitDays).toBe(3);
    for (const m of content('OPEN-COMPANY').members)
      expect([m.matterCode, matter(m.matterCode).promisedLimitDays <= 1]).toEqual([m.matterCode, true]);
  });

  it.each(bundles.map((b) => [b.code] as const))(
    '%s promises no less than its members’ promises and no more than their legal limits allow',
    (code) => {
      const b = content(code);
      expect(b.promisedLimitDays).toBeGreaterThanOrEqual(along(code, 'promisedLimitDays')!);
      expect(b.promisedLimitDays).toBeLessThanOrEqual(along(code, 'legalLimitDays')!);
      expect(bundleLimitProblems(b, new Map(b.members.map((m) => [m.matterCode, matter(m.matterCode)])))).toEqual([]);
    },
  );

  it('开餐馆 promises the 8 working days its members’ promises add up to along the waves (1 + max(5, 5, 7))', () => {
    expect(content('OPEN-RESTAURANT').promisedLimitDays).toBe(8);
    expect(along('OPEN-RESTAURANT', 'promisedLimitDays')).toBe(8);
  });
});

describe('demo catalogue: 一表申请 end to end', () => {
  const TODAY = '2025-03-03';
  const id = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
  /** The credit code the business licence of the new company will carry (the first wave's result). */
  const newUscc = `91350102MAC1B2C3D${usccCheckChar('91350102MAC1B2C3D')}`;
  const address = { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路128号1层' };
  /** What a founder types into either merged form (each bundle takes the keys its form has). */
  const answers: Record<string, unknown> = {
    companyName: '福州市闽江餐饮管理有限公司',
    enterpriseType: 'llc',
    registeredCapital: 50,
    address,
    businessScope: '许可项目：餐饮服务。一般项目：餐饮管理；外卖递送服务。',
    legalRepName: '林晓华',
    legalRepIdNumber: id('35010219880312002'),
    contactMobile: '13905910123',
    shareholders: [
      {
        holderType: 'natural',
        name: '林晓华',
        idNumber: id('35010219880312002'),
        subscribedCapital: 30,
        contributionMethod: ['cash'],
        contributionDeadline: '2029-12-31',
      },
      {
        holderType: 'natural',
        name: '陈明',
        idNumber: id('35012119900705153'),
        subscribedCapital: 20,
        contributionMethod: ['cash'],
        contributionDeadline: '2029-12-31',
      },
    ],
    sealTypes: ['official', 'finance', 'invoice'],
    engraver: '福州市鼓楼区诚信刻章有限公司',
    electronicSeal: true,
    taxpayerKind: 'small-scale',
    invoiceTypes: ['digital-ordinary'],
    monthlyLimitYuan: 100000,
    handlerName: '陈明',
    handlerIdNumber: id('35012119900705153'),
    handlerMobile: '13600591234',
    insuranceTypes: ['pension', 'unemployment', 'injury'],
    bankName: '中国工商银行福州五四支行',
    bankAccount: '1402021109000123456',
    contactName: '陈明',
    insuredCount: 6,
    premisesAddress: address,
    premisesArea: 120,
    mainBusiness: 'catering',
    businessItems: ['hot-food', 'cold-food', 'drinks'],
    foodSafetyManager: '林晓华',
    onlineSales: true,
    onlinePlatform: '美团外卖、饿了么',
    staff: [
      {
        name: '王强',
        idNumber: id('35010419850101101'),
        position: 'chef',
        healthCertNumber: 'FZ2025-000123',
        healthCertValidUntil: '2026-02-28',
      },
      { name: '李娜', idNumber: id('35010519950606202'), position: 'waiter' },
    ],
    venueType: 'restaurant',
    employeeCount: 6,
    adLocation: address,
    adForm: 'shop-sign',
    widthM: 6,
    heightM: 1.2,
    adContent: '闽江小馆',
    periodMonths: 24,
    illuminated: false,
  };

  it.each(bundles.map((b) => [b.code, b.content] as const))(
    '%s: the merged form accepts a founder’s answers and fills valid member forms',
    (_code, content) => {
      const bundle = bundleContentSchema.parse(content);
      const merged = Object.fromEntries(bundle.form.fields.map((f) => [f.key, answers[f.key]]));
      const checked = compileForm(bundle.form, { today: TODAY })(merged);
      expect(checked.ok ? [] : checked.errors).toEqual([]);

      for (const member of bundle.members) {
        const values: Record<string, unknown> = {};
        for (const mapping of bundle.fieldMap) {
          for (const target of mapping.targets)
            if (target.matterCode === member.matterCode) values[target.field] = merged[mapping.field];
        }
        // The later waves get the enterprise's code from the business licence the first wave issued.
        if (member.dependsOn.includes('COMPANY-REGISTRATION') && 'uscc' in values) values.uscc = newUscc;
        const result = compileForm(matter(member.matterCode).form, { today: TODAY })(values);
        expect([member.matterCode, result.ok ? [] : result.errors]).toEqual([member.matterCode, []]);
      }
    },
  );

  it('compiles every matter form', () => {
    for (const { content: m } of parsedMatters) expect(() => compileForm(m.form)).not.toThrow();
  });
});
