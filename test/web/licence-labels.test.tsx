/** @jest-environment jsdom */
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../../web/src/i18n/i18n';
import { type Licence, LicenceCard } from '../../web/src/pages/licences/licence-card';
import { type Verification, VerificationResult } from '../../web/src/pages/licences/verification-result';

/**
 * Licences in words on the pages (issue 19, part 5): the wallet and the verification page show a choice as its labels,
 * Chinese first and English under it, never its code; other particulars as signed, as text.
 */
const CHOICES = {
  mainBusiness: [{ code: 'catering', label: { zh: '餐饮服务经营者', en: 'Catering service' } }],
  businessItems: [
    { code: 'hot-food', label: { zh: '热食类食品制售', en: 'Hot food' } },
    { code: 'drinks', label: { zh: '自制饮品制售', en: 'Home-made drinks' } },
  ],
};
// Issued with codes, before labels were kept: the API resolved the choices from the case's form.
const CONTENT = {
  operatorName: '福州市鼓楼区榕城小吃店',
  uscc: '91350100M000100Y43',
  premisesAddress: '<b>五四路88号</b>',
  mainBusiness: 'catering',
  businessItems: 'hot-food、drinks',
};

// The catalogue's names come from the public API (fetch, which jsdom lacks): the food licence type's field labels here.
jest.mock('../../web/src/pages/licences/catalogue-names', () => {
  const { DEMO_CATALOGUE: catalogue } = jest.requireActual('../../infra/seed/demo-catalogue');
  const type = catalogue.licenceTypes.find((t: { code: string }) => t.code === 'FOOD_BUSINESS_LICENCE');
  return {
    useCatalogueNames: () => ({
      licenceType: (_code: string, fallback: string) => fallback,
      department: (code: string, fallback = code) => fallback,
      departmentByUrl: (_url: string, fallback: string) => fallback,
      contentLabel: (_type: string, key: string) =>
        type.contentFields.find((f: { key: string }) => f.key === key)?.label.zh,
    }),
  };
});
afterEach(cleanup);

/** The value beside a particular's label (the catalogue's label, once its names arrive). */
function row(label: string) {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('the verification page', () => {
  const result: Verification = {
    status: 'valid',
    signatureValid: true,
    problems: [],
    checkedAt: '2026-03-02T02:00:00Z',
    licenceNumber: 'JY3501020000001',
    type: { code: 'FOOD_BUSINESS_LICENCE', name: '食品经营许可证' },
    holder: { type: 'enterprise', name: '福州市鼓楼区榕城小吃店', uscc: '91350100M000100Y43' },
    issuer: { id: 'https://api.gov.example.cn/departments/SAMR', name: '福州市市场监督管理局' },
    validFrom: '2026-03-02T10:00:00+08:00',
    content: CONTENT,
    contentChoices: CHOICES,
  };

  it('shows 主体业态 and 经营项目 in words, Chinese then English, and no code', async () => {
    render(
      <I18nProvider>
        <VerificationResult result={result} byNumber />
      </I18nProvider>,
    );
    expect(row('主体业态').textContent).toBe('餐饮服务经营者Catering service');
    expect(within(row('主体业态')).getByText('Catering service').getAttribute('lang')).toBe('en');
    expect(row('经营项目').textContent).toBe('热食类食品制售、自制饮品制售Hot food; Home-made drinks');
    expect(document.body.textContent).not.toMatch(/\bcatering\b|hot-food/);
    // User content is text, never markup; the holder's name and code are not repeated as particulars.
    expect(row('经营场所').textContent).toBe('<b>五四路88号</b>');
    expect(document.querySelector('dd b')).toBeNull();
    expect(screen.getAllByText('福州市鼓楼区榕城小吃店')).toHaveLength(1);
  });

  it('shows no particulars when the API gives none (a citizen’s licence by number)', async () => {
    render(
      <I18nProvider>
        <VerificationResult result={{ ...result, content: undefined, contentChoices: undefined }} byNumber />
      </I18nProvider>,
    );
    expect(screen.queryByText('主体业态')).toBeNull();
  });
});

describe('the wallet', () => {
  it('shows a licence’s choices in words, and a value without choices as it is', async () => {
    const licence: Licence = {
      licenceNo: 'JY3501020000001',
      version: 1,
      type: 'FOOD_BUSINESS_LICENCE',
      typeName: '食品经营许可证',
      issuingDepartment: 'SAMR',
      holderName: '福州市鼓楼区榕城小吃店',
      content: { ...CONTENT, businessItems: '热食类食品制售、外卖' },
      contentChoices: { mainBusiness: CHOICES.mainBusiness },
      validFrom: '2026-03-02T02:00:00Z',
      state: 'valid',
      expired: false,
      issuedAt: '2026-03-02T02:00:00Z',
      credential: 'eyJhbGciOiJFUzI1NiJ9.e30.sig',
      verificationUrl: 'https://gov.example.cn/verify/JY3501020000001',
    };
    render(
      <I18nProvider>
        <LicenceCard licence={licence} />
      </I18nProvider>,
    );
    expect(row('主体业态').textContent).toBe('餐饮服务经营者Catering service');
    expect(row('经营项目').textContent).toBe('热食类食品制售、外卖');
  });
});
