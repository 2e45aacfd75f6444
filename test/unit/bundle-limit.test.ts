import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import type { CaseRecord } from '../../shared/domain/applications/model';
import { bundleLimitProblems, bundlePromisedLimit, limitAlongWaves } from '../../shared/domain/catalogue/bundle-limit';
import {
  bundleContentSchema,
  draftSchemas,
  type MatterContent,
  matterContentSchema,
} from '../../shared/domain/catalogue/model';
import type { CatalogueLookups } from '../../shared/domain/catalogue/ports';
import { publishProblems } from '../../shared/domain/catalogue/publish';
import { bundleResultsOut, memberResultOut } from '../../shared/domain/supervision/bundle-deadline';

/** 一件事承诺时限: the bundle's own limit, its publish rule, and when its one deadline is met. */

const { departments, licenceTypes, matters, bundles } = DEMO_CATALOGUE;
const parsed = new Map(matters.map((m) => [m.code, matterContentSchema.parse(m.content)] as const));
const lookups: CatalogueLookups = {
  department: async (code) => departments.find((d) => d.code === code),
  licenceType: async (code) => licenceTypes.find((t) => t.code === code),
  publishedMatter: async (code) => parsed.get(code),
};
const company = bundles.find((b) => b.code === 'OPEN-COMPANY')!.content;
const companyMembers = bundleContentSchema.parse(company).members;
const memberMap = new Map<string, MatterContent>(companyMembers.map((m) => [m.matterCode, parsed.get(m.matterCode)!]));

describe('the bundle’s own promised limit', () => {
  it('adds up the longest limit of each wave: 企业开办 promises 1 + max(0, 1, 1), its legal limits 3 + max(1, 5, 15)', () => {
    expect(limitAlongWaves(companyMembers, (c) => memberMap.get(c)?.promisedLimitDays)).toBe(2);
    expect(limitAlongWaves(companyMembers, (c) => memberMap.get(c)?.legalLimitDays)).toBe(18);
    expect(limitAlongWaves(companyMembers, (c) => (c === 'SEAL-FILING' ? undefined : 1))).toBeUndefined();
  });

  it('is the version’s own promise; a version published before bundles had one gets its members’ promises along the waves', () => {
    const members = new Map([...memberMap].map(([code, content]) => [code, { content }] as const));
    expect(bundlePromisedLimit({ members: companyMembers, promisedLimitDays: 3 }, members)).toBe(3);
    expect(bundlePromisedLimit({ members: companyMembers }, members)).toBe(2);
  });

  it('is required to publish a new version, and a draft may leave it out', async () => {
    const { promisedLimitDays: _gone, ...without } = company;
    expect(draftSchemas.bundle.safeParse(without).success).toBe(true);
    expect(bundleContentSchema.safeParse(without).success).toBe(false);
    const problems = await publishProblems('bundle', without, lookups);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'required',
        messageZh: '缺少必要要素：承诺办结时限',
      }),
    ]);
    expect(bundleContentSchema.safeParse({ ...company, promisedLimitDays: -1 }).success).toBe(false);
    expect(bundleContentSchema.safeParse({ ...company, promisedLimitDays: 1.5 }).success).toBe(false);
  });

  it('is refused when longer than the members’ legal limits allow along the waves, naming the field and the rule', () => {
    expect(bundleLimitProblems({ members: companyMembers, promisedLimitDays: 18 }, memberMap)).toEqual([]);
    const [problem, ...rest] = bundleLimitProblems({ members: companyMembers, promisedLimitDays: 19 }, memberMap);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: 'content.promisedLimitDays', rule: 'withinMembersLegalLimits' });
    expect(problem!.message).toContain('(18)');
    expect(problem!.messageZh).toContain('承诺办结时限');
    // A member without a published version is reported by the publish check; this rule then says nothing.
    expect(
      bundleLimitProblems({ members: companyMembers, promisedLimitDays: 99 }, new Map([...memberMap].slice(1))),
    ).toEqual([]);
  });
});

describe('when the bundle’s one deadline is met: its last member’s result', () => {
  type Child = Pick<CaseRecord, 'status' | 'licenceNo' | 'matterCode' | 'matterVersion'>;
  const children: Record<string, Child> = {
    reg: { status: 'ISSUED', licenceNo: 'YYZZ1', matterCode: 'COMPANY-REGISTRATION', matterVersion: 1 },
    seal: { status: 'APPROVED', matterCode: 'SEAL-FILING', matterVersion: 1 },
    invoice: { status: 'APPROVED', matterCode: 'INVOICE-APPLICATION', matterVersion: 1 },
  };
  const bundle = (status: CaseRecord['status'] = 'APPROVED'): Pick<CaseRecord, 'kind' | 'status' | 'members'> => ({
    kind: 'bundle',
    status,
    members: [
      { matterCode: 'COMPANY-REGISTRATION', wave: 0, status: 'APPROVED', caseId: 'reg' },
      { matterCode: 'SEAL-FILING', wave: 1, status: 'APPROVED', caseId: 'seal' },
      { matterCode: 'INVOICE-APPLICATION', wave: 1, status: 'APPROVED', caseId: 'invoice' },
    ],
  });
  const yieldsLicence = async (code: string) => Boolean(parsed.get(code)?.yieldsLicenceType);
  const getCase = async (id: string) => children[id];

  it('a member approved waits for its licence; one whose matter yields none is done at its approval', async () => {
    expect(await memberResultOut(children.seal!, { yieldsLicence })).toBe(false);
    expect(await memberResultOut(children.invoice!, { yieldsLicence })).toBe(true);
    expect(await memberResultOut({ ...children.invoice!, status: 'IN_REVIEW' }, { yieldsLicence })).toBe(false);
    // Without the catalogue, an approval without a licence is not taken as the end: the clock keeps running.
    expect(await memberResultOut(children.invoice!, {})).toBe(false);
  });

  it('is met when every member’s result is out, the one whose Licence.Issued is handled counting as out', async () => {
    expect(await bundleResultsOut(bundle(), { getCase, yieldsLicence })).toBe(false);
    expect(await bundleResultsOut(bundle(), { getCase, yieldsLicence }, 'seal')).toBe(true);
    expect(await bundleResultsOut(bundle('IN_REVIEW'), { getCase, yieldsLicence }, 'seal')).toBe(false);
    const rejected = bundle('REJECTED');
    expect(await bundleResultsOut(rejected, { getCase, yieldsLicence }, 'seal')).toBe(false);
    expect(await bundleResultsOut({ ...bundle(), kind: 'matter' }, { getCase, yieldsLicence }, 'seal')).toBe(false);
  });
});
