import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { bundleContentSchema, matterContentSchema, type MatterContent } from '../../shared/domain/catalogue/model';
import { memberCaseId, memberForm } from '../../shared/domain/workflow/bundles';

const restaurant = bundleContentSchema.parse(DEMO_CATALOGUE.bundles.find((b) => b.code === 'OPEN-RESTAURANT')!.content);
const matters = new Map<string, { content: MatterContent }>(
  DEMO_CATALOGUE.matters.map((m) => [m.code, { content: matterContentSchema.parse(m.content) }]),
);
const merged = {
  companyName: '福州榕城餐饮有限公司',
  legalRepName: '林晓明',
  premisesAddress: { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号' },
};

describe('a bundle member’s form', () => {
  it('takes the merged fields mapped to the member, under the member’s own keys', () => {
    const form = memberForm(restaurant, merged, 'OUTDOOR-AD-PERMIT', [], matters);
    expect(form.applicantName).toBe('福州榕城餐饮有限公司');
    expect(form).not.toHaveProperty('companyName');
    expect(memberForm(restaurant, merged, 'FOOD-BUSINESS-LICENCE', [], matters).operatorName).toBe(
      '福州榕城餐饮有限公司',
    );
  });

  it('fills a licence-prefilled field from the approved result of the member that yields that licence, and only then', () => {
    const registered = [
      {
        matterCode: 'COMPANY-REGISTRATION',
        wave: 0,
        status: 'APPROVED' as const,
        result: { uscc: '91350100M000100Y43' },
      },
    ];
    expect(memberForm(restaurant, merged, 'FOOD-BUSINESS-LICENCE', registered, matters).uscc).toBe(
      '91350100M000100Y43',
    );
    expect(
      memberForm(restaurant, merged, 'FOOD-BUSINESS-LICENCE', [{ ...registered[0]!, status: 'REJECTED' }], matters),
    ).not.toHaveProperty('uscc');
    // What the applicant typed wins over a result.
    expect(
      memberForm(
        restaurant,
        { ...merged, uscc: '91350100M000100Y43' },
        'FOOD-BUSINESS-LICENCE',
        [{ ...registered[0]!, result: { uscc: 'OTHER' } }],
        matters,
      ).uscc,
    ).toBe('91350100M000100Y43');
  });
});

describe('a member case id', () => {
  it('is a stable UUID per bundle case and matter, so a retried start finds the same case', () => {
    const id = memberCaseId('3f9a2c4e-8b1d-4e6f-9a7c-2d5b8e1f4a60', 'FOOD-BUSINESS-LICENCE');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(memberCaseId('3f9a2c4e-8b1d-4e6f-9a7c-2d5b8e1f4a60', 'FOOD-BUSINESS-LICENCE')).toBe(id);
    expect(memberCaseId('3f9a2c4e-8b1d-4e6f-9a7c-2d5b8e1f4a60', 'OUTDOOR-AD-PERMIT')).not.toBe(id);
  });
});
