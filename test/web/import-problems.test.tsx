/** @jest-environment jsdom */
import '../support/jsdom-text-encoding';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { importLicences } from '../../shared/domain/licences/import';
import { I18nProvider } from '../../web/src/i18n/i18n';
import { useProblemText } from '../../web/src/workbench/admin/licence-import';

/**
 * The import page says a row's problems in Chinese: the problems here are the API's own, from its row checks
 * (shared/domain/licences/import.ts) on rows that fail them before anything is looked up or signed.
 */
const GOOD = {
  type: 'RESIDENT_ID',
  holderType: 'citizen',
  holderId: '350102199003071234',
  holderName: '张三',
  validFrom: '2022-01-01',
};
const ROWS = [
  { ...GOOD, content: '常住' },
  { ...GOOD, content: { married: true } },
  { ...GOOD, validUntil: 20301231 },
  { ...GOOD, holderName: '' },
  { ...GOOD, holderName: '名'.repeat(101) },
  { ...GOOD, holderType: 'company' },
  { ...GOOD, validFrom: '2022-13-01' },
];

/** Deps that fail the test if the import reaches them: every row here is refused by its checks first. */
const untouched = new Proxy(
  {},
  {
    get: (_target, name) => {
      throw new Error(`the row checks reached deps.${String(name)}`);
    },
  },
) as never;

async function problemsOf(data: string): Promise<string[]> {
  const result = await importLicences({ format: 'jsonl', data }, untouched);
  return result.failed.flatMap((f) => f.problems);
}

afterEach(() => localStorage.removeItem('one-stop.lang'));

const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider>{children}</I18nProvider>;

describe('the import page words the API’s row problems in Chinese', () => {
  it('says each problem of the row checks in its own words, naming the column', async () => {
    const problems = await problemsOf([...ROWS.map((r) => JSON.stringify(r)), '"只是一个字符串"'].join('\n'));
    expect(problems).toHaveLength(ROWS.length + 1);
    const { result } = renderHook(() => useProblemText(), { wrapper });
    const said = problems.map((p) => result.current(p));
    expect(said).toEqual([
      '证照内容：应为一组字段（JSON 对象）',
      '证照内容 married：应为文字或数字',
      '有效期至：应为文字',
      '持证人名称：必填',
      '持证人名称：太长，最多 100 个字',
      '持证人类型：应为 enterprise 或 citizen',
      '生效日期：应为 YYYY-MM-DD 格式的日期',
      '整行：应为一组字段（JSON 对象）',
    ]);
    // No English of the API's left in any of them.
    const codes = /YYYY|enterprise|citizen|JSON|married/g;
    for (const text of said) expect(text.replace(codes, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('keeps the API’s words in English', async () => {
    localStorage.setItem('one-stop.lang', 'en');
    const [problem] = await problemsOf(JSON.stringify(ROWS[1]));
    const { result } = renderHook(() => useProblemText(), { wrapper });
    expect(result.current(problem!)).toBe(problem);
  });
});
