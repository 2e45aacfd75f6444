import { bundleOrder } from '../../shared/domain/catalogue/model';
import { type EntrySummary, searchCatalogue } from '../../shared/domain/catalogue/search';

const entry = (code: string, name: string, extra: Partial<EntrySummary> = {}): EntrySummary => ({
  kind: 'matter',
  code,
  version: 1,
  name,
  department: 'SAMR',
  departmentName: '市场监督管理局',
  regionCode: '350100',
  audience: ['enterprise'],
  themes: [],
  synonyms: [],
  ...extra,
});

const entries = [
  entry('FOOD-BUSINESS-LICENCE', '食品经营许可', { synonyms: ['开饭店', '食品许可'], themes: ['餐饮'] }),
  entry('FOOD-PRODUCTION-LICENCE', '食品生产许可'),
  entry('OUTDOOR-AD-PERMIT', '户外广告设置许可', {
    department: 'URBAN',
    departmentName: '城市管理局',
    themes: ['餐饮'],
  }),
  entry('RESIDENCE-PERMIT', '居住证办理', {
    department: 'PSB',
    departmentName: '公安局',
    audience: ['citizen'],
    regionCode: '350102',
  }),
  entry('RESTAURANT-SIGN', '招牌设置备案', { synonyms: ['开饭店招牌'] }),
];

describe('catalogue search', () => {
  it('finds entries by a Chinese keyword in the name, ranking names above synonyms', () => {
    const result = searchCatalogue(entries, { q: '食品', limit: 10 });
    expect(result.items.map((e) => e.code)).toEqual(['FOOD-BUSINESS-LICENCE', 'FOOD-PRODUCTION-LICENCE']);
  });

  it('matches synonyms, and ranks a name match above a synonym match', () => {
    const result = searchCatalogue(entries, { q: '开饭店', limit: 10 });
    expect(result.items.map((e) => e.code).sort()).toEqual(['FOOD-BUSINESS-LICENCE', 'RESTAURANT-SIGN']);
    expect(searchCatalogue(entries, { q: '招牌', limit: 10 }).items[0]!.code).toBe('RESTAURANT-SIGN');
  });

  it('needs every term to match somewhere, including the department’s name', () => {
    expect(searchCatalogue(entries, { q: '许可 城市管理局', limit: 10 }).items.map((e) => e.code)).toEqual([
      'OUTDOOR-AD-PERMIT',
    ]);
    expect(searchCatalogue(entries, { q: '食品 公安局', limit: 10 }).items).toEqual([]);
  });

  it('filters by department, theme, audience and region prefix', () => {
    expect(searchCatalogue(entries, { department: 'PSB', limit: 10 }).items.map((e) => e.code)).toEqual([
      'RESIDENCE-PERMIT',
    ]);
    expect(
      searchCatalogue(entries, { theme: '餐饮', limit: 10 })
        .items.map((e) => e.code)
        .sort(),
    ).toEqual(['FOOD-BUSINESS-LICENCE', 'OUTDOOR-AD-PERMIT']);
    expect(searchCatalogue(entries, { audience: 'citizen', limit: 10 }).total).toBe(1);
    expect(searchCatalogue(entries, { region: '350102', limit: 10 }).total).toBe(1);
    expect(searchCatalogue(entries, { region: '3501', limit: 10 }).total).toBe(5);
  });

  it('pages with an opaque cursor until the last page, which has none', () => {
    const first = searchCatalogue(entries, { limit: 2 });
    const second = searchCatalogue(entries, { limit: 2, cursor: first.nextCursor });
    const third = searchCatalogue(entries, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.code)).toEqual(
      entries.map((e) => e.code).sort(),
    );
    expect(third.nextCursor).toBeUndefined();
    expect(first.total).toBe(5);
  });

  it('refuses a cursor it did not give out', () => {
    expect(() => searchCatalogue(entries, { limit: 2, cursor: 'not-a-cursor' })).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
  });
});

describe('bundle order', () => {
  it('puts registration first and the members that depend only on it in one parallel wave', () => {
    expect(
      bundleOrder([
        { matterCode: 'SEAL', dependsOn: ['REG'] },
        { matterCode: 'REG' },
        { matterCode: 'TAX', dependsOn: ['REG'] },
        { matterCode: 'HR', dependsOn: ['REG'] },
      ]),
    ).toEqual([['REG'], ['SEAL', 'TAX', 'HR']]);
  });

  it('orders chains and reports a cycle as undefined', () => {
    expect(
      bundleOrder([{ matterCode: 'C', dependsOn: ['B'] }, { matterCode: 'B', dependsOn: ['A'] }, { matterCode: 'A' }]),
    ).toEqual([['A'], ['B'], ['C']]);
    expect(
      bundleOrder([
        { matterCode: 'A', dependsOn: ['B'] },
        { matterCode: 'B', dependsOn: ['A'] },
      ]),
    ).toBeUndefined();
  });
});
