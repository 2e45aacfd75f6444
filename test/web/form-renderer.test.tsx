/** @jest-environment jsdom */
import { formDefinitionSchema, type FormDefinitionInput } from '@shared/domain/catalogue/form';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { ErrorSummary } from '../../web/src/components/common';
import { AnswerList } from '../../web/src/form/answers';
import { FormFields } from '../../web/src/form/form-fields';
import { useFieldLabel } from '../../web/src/form/labels';
import type { FormValue } from '../../web/src/form/paths';
import { type FieldProblem, type FormController, useForm } from '../../web/src/form/use-form';
import { I18nProvider } from '../../web/src/i18n/i18n';
import { savable } from '../../web/src/pages/apply/local-copy';
import { compileForm } from '@shared/domain/catalogue/form-compile';

/**
 * The form renderer against the shared form engine: every field type, problems from the engine's own rules shown
 * next to their fields (after the first blur, then on every change), repeating groups, and the API's error details
 * (`form.x.y`) landing on the right field.
 */
const L = (zh: string, en: string) => ({ zh, en });
const DEFINITION: FormDefinitionInput = {
  fields: [
    {
      type: 'text',
      key: 'companyName',
      label: L('企业名称', 'Company name'),
      minLength: 2,
      maxLength: 20,
      pattern: '[A-Z\\u4e00-\\u9fa5].*',
      patternMessage: L('以汉字或大写字母开头', 'Starts with a Chinese character or a capital'),
    },
    {
      type: 'text',
      key: 'scope',
      label: L('经营范围', 'Business scope'),
      maxLength: 2000,
      required: false,
      help: L('按规范表述填写', 'Use the standard wording'),
    },
    { type: 'number', key: 'staffCount', label: L('从业人数', 'Staff'), min: 1, max: 500, integer: true },
    { type: 'date', key: 'openingDate', label: L('开业日期', 'Opening date'), min: 'today' },
    {
      type: 'enum',
      key: 'mainBusiness',
      label: L('主体业态', 'Main business'),
      options: [
        { value: 'catering', label: L('餐饮服务', 'Catering') },
        { value: 'retail', label: L('食品销售', 'Retail') },
      ],
    },
    {
      type: 'enum',
      key: 'items',
      label: L('经营项目', 'Items'),
      multiple: true,
      options: [
        { value: 'hot', label: L('热食', 'Hot food') },
        { value: 'cold', label: L('冷食', 'Cold food') },
        { value: 'drinks', label: L('饮品', 'Drinks') },
      ],
    },
    {
      type: 'enum',
      key: 'district',
      label: L('所在区', 'District'),
      options: ['gulou', 'taijiang', 'cangshan', 'jinan', 'mawei', 'changle', 'minhou'].map((v) => ({
        value: v,
        label: L(`区${v}`, `District ${v}`),
      })),
    },
    { type: 'boolean', key: 'onlineSales', label: L('网络经营', 'Sells online'), required: false },
    { type: 'idNumber', key: 'legalRepIdNumber', label: L('法定代表人身份证号码', 'Legal representative ID number') },
    { type: 'uscc', key: 'uscc', label: L('统一社会信用代码', 'Unified social credit code') },
    { type: 'mobile', key: 'contactMobile', label: L('联系电话', 'Contact mobile') },
    { type: 'address', key: 'premises', label: L('经营场所', 'Premises') },
    {
      type: 'group',
      key: 'shareholders',
      label: L('股东', 'Shareholder'),
      minItems: 1,
      maxItems: 2,
      fields: [
        { type: 'text', key: 'name', label: L('股东名称', 'Shareholder name'), maxLength: 50 },
        { type: 'uscc', key: 'uscc', label: L('股东信用代码', 'Shareholder code'), required: false },
      ],
    },
  ],
};
const definition = formDefinitionSchema.parse(DEFINITION);
const TODAY = '2026-03-02';

let controller: FormController;

function Harness({ initial = {}, server = [] }: { initial?: FormValue; server?: FieldProblem[] }) {
  const form = useForm(definition, initial, { today: TODAY });
  controller = form;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server's problems are set once, on mount
  useEffect(() => {
    if (server.length > 0) form.setServerProblems(server);
  }, []);
  return (
    <I18nProvider>
      <ErrorSummary errors={form.shown.map((p) => ({ path: p.path, message: p.messageZh ?? p.message }))} />
      <FormFields form={form} />
    </I18nProvider>
  );
}

const textbox = (name: string) => screen.getByRole('textbox', { name });
/** The text of the element(s) describing a control: its hint and its problems. */
const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('the form renderer', () => {
  it('renders every field type as a labelled control, with help and the optional mark', () => {
    render(<Harness />);
    expect(textbox('企业名称')).toHaveProperty('tagName', 'INPUT');
    expect(textbox('经营范围（选填）')).toHaveProperty('tagName', 'TEXTAREA');
    expect(description(textbox('经营范围（选填）'))).toContain('按规范表述填写');
    expect(textbox('从业人数').getAttribute('inputmode')).toEqual('numeric');
    expect(screen.getByLabelText('开业日期').getAttribute('type')).toEqual('date');
    expect(screen.getByLabelText('开业日期').getAttribute('min')).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(within(screen.getByRole('group', { name: '主体业态' })).getAllByRole('radio')).toHaveLength(2);
    expect(within(screen.getByRole('group', { name: '经营项目' })).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('combobox', { name: '所在区' })).toBeTruthy();
    expect(
      within(screen.getByRole('group', { name: '网络经营（选填）' }))
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['true', 'false']);
    expect(textbox('法定代表人身份证号码')).toBeTruthy();
    expect(textbox('统一社会信用代码')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '联系电话' }).getAttribute('type')).toEqual('tel');
    const premises = screen.getByRole('group', { name: '经营场所' });
    for (const part of ['省（自治区、直辖市）', '市（地区、州）', '区（县）', '详细地址'])
      expect(within(premises).getByRole('textbox', { name: part })).toBeTruthy();
    expect(screen.getByRole('group', { name: '股东' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '添加股东' })).toBeTruthy();
    // Required fields say so to assistive technology; nothing is invalid before anyone typed.
    expect(textbox('企业名称').getAttribute('aria-required')).toEqual('true');
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });

  it('flags a wrong ID number check digit with the engine’s message after the first blur, then on every change', () => {
    render(<Harness />);
    const id = textbox('法定代表人身份证号码');
    type(id, '110105194912310021');
    // While typing the first time: no error yet.
    expect(id.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(id);
    expect(id.getAttribute('aria-invalid')).toEqual('true');
    expect(description(id)).toContain('校验位不正确');
    expect(screen.getByRole('alert').textContent).toContain('校验位不正确');
    // After the blur, each change is checked at once.
    type(id, '11010519491231002X');
    expect(id.getAttribute('aria-invalid')).toBeNull();
    expect(description(id)).not.toContain('校验位不正确');
    type(id, '11010519491231002x');
    expect(description(id)).toContain('身份证号码末位的X应大写');
  });

  it('flags a wrong USCC check character with the engine’s message', () => {
    render(<Harness />);
    const code = textbox('统一社会信用代码');
    type(code, '91350100M000100Y44');
    fireEvent.blur(code);
    expect(code.getAttribute('aria-invalid')).toEqual('true');
    expect(description(code)).toContain('校验位不正确');
    type(code, '91350100M000100Y43');
    expect(code.getAttribute('aria-invalid')).toBeNull();
  });

  it('applies text length and pattern rules with the definition’s own pattern message', () => {
    render(<Harness />);
    const name = textbox('企业名称');
    type(name, 'a');
    fireEvent.blur(name);
    expect(description(name)).toContain('至少2个字');
    expect(description(name)).toContain('以汉字或大写字母开头');
    type(name, '榕城小吃');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    type(name, '');
    expect(description(name)).toContain('请填写此项');
  });

  it('answers numbers as numbers and keeps other typing for the engine to call out', () => {
    render(<Harness />);
    const count = textbox('从业人数');
    type(count, '12');
    expect(controller.value.staffCount).toBe(12);
    fireEvent.blur(count);
    type(count, '1.5');
    expect(description(count)).toContain('应填写整数');
    type(count, '12人');
    expect(count as HTMLInputElement).toHaveProperty('value', '12人');
    expect(description(count)).toContain('应填写数字');
    type(count, '501');
    expect(description(count)).toContain('不能大于500');
  });

  it('checks dates against today', () => {
    render(<Harness />);
    const date = screen.getByLabelText('开业日期');
    type(date, '2026-03-01');
    fireEvent.blur(date);
    expect(description(date)).toContain('不能早于今天');
    type(date, '2026-03-02');
    expect(date.getAttribute('aria-invalid')).toBeNull();
    expect(controller.value.openingDate).toBe('2026-03-02');
  });

  it('answers single and multiple choices, selects and yes/no', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('radio', { name: '食品销售' }));
    expect(controller.value.mainBusiness).toBe('retail');
    fireEvent.click(screen.getByRole('checkbox', { name: '饮品' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '热食' }));
    // In the options' order, whatever order they were ticked in.
    expect(controller.value.items).toEqual(['hot', 'drinks']);
    fireEvent.click(screen.getByRole('checkbox', { name: '热食' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '饮品' }));
    expect(controller.value.items).toBeUndefined();
    fireEvent.change(screen.getByRole('combobox', { name: '所在区' }), { target: { value: 'mawei' } });
    expect(controller.value.district).toBe('mawei');
    fireEvent.click(screen.getByRole('radio', { name: '否' }));
    expect(controller.value.onlineSales).toBe(false);
    fireEvent.click(screen.getByRole('radio', { name: '是' }));
    expect(controller.value.onlineSales).toBe(true);
  });

  it('checks mobile numbers', () => {
    render(<Harness />);
    const mobile = textbox('联系电话');
    type(mobile, '1234');
    fireEvent.blur(mobile);
    expect(description(mobile)).toContain('手机号码应为11位数字，以13至19开头');
    type(mobile, '13812345678');
    expect(mobile.getAttribute('aria-invalid')).toBeNull();
  });

  it('takes an address in its four parts, each with its own problems', () => {
    render(<Harness />);
    const premises = screen.getByRole('group', { name: '经营场所' });
    const province = within(premises).getByRole('textbox', { name: '省（自治区、直辖市）' });
    const detail = within(premises).getByRole('textbox', { name: '详细地址' });
    type(province, '福建省');
    fireEvent.blur(province);
    // Leaving the province says nothing yet about the parts ahead.
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    type(detail, '五');
    fireEvent.blur(detail);
    expect(detail.getAttribute('aria-invalid')).toEqual('true');
    expect(description(detail)).toContain('至少2个字');
    expect(controller.value.premises).toEqual({ province: '福建省', detail: '五' });
    type(province, '');
    type(detail, '');
    expect(controller.value.premises).toBeUndefined();
    // All blank: the address itself is required (shown on its fieldset).
    expect(description(premises)).toContain('请填写此项');
  });

  it('adds and removes the items of a repeating group within its limits, and moves focus to the new item', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: '添加股东' }));
    const first = screen.getByRole('group', { name: '股东：第 1 项' });
    expect(document.activeElement).toBe(within(first).getByRole('textbox', { name: '股东名称' }));
    // At the minimum (1): no remove button.
    expect(within(first).queryByRole('button')).toBeNull();
    type(within(first).getByRole('textbox', { name: '股东名称' }), '甲公司');
    fireEvent.click(screen.getByRole('button', { name: '再添加一项股东' }));
    const second = screen.getByRole('group', { name: '股东：第 2 项' });
    type(within(second).getByRole('textbox', { name: '股东名称' }), '乙公司');
    expect(controller.value.shareholders).toEqual([{ name: '甲公司' }, { name: '乙公司' }]);
    // At the maximum (2): no add button.
    expect(screen.queryByRole('button', { name: /添加/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '删除股东第 1 项' }));
    expect(controller.value.shareholders).toEqual([{ name: '乙公司' }]);
    expect(screen.queryByRole('group', { name: '股东：第 2 项' })).toBeNull();
    expect(
      within(screen.getByRole('group', { name: '股东：第 1 项' })).getByRole('textbox', {
        name: '股东名称',
      }) as HTMLInputElement,
    ).toHaveProperty('value', '乙公司');
    expect(document.activeElement).toBe(screen.getByRole('group', { name: '股东' }));
  });

  it('checks the fields inside a group item with the item’s own path', () => {
    render(<Harness initial={{ shareholders: [{ name: '甲' }, { name: '乙' }] }} />);
    const second = screen.getByRole('group', { name: '股东：第 2 项' });
    const code = within(second).getByRole('textbox', { name: '股东信用代码（选填）' });
    expect(code.id).toBe('field-form-shareholders-1-uscc');
    type(code, '91350100M000100Y44');
    fireEvent.blur(code);
    expect(description(code)).toContain('校验位不正确');
    expect(
      within(screen.getByRole('group', { name: '股东：第 1 项' }))
        .getByRole('textbox', { name: '股东信用代码（选填）' })
        .getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('puts the API’s error details on the field each path names, and in the error summary linking to it', () => {
    const server: FieldProblem[] = [
      {
        path: 'form.shareholders.1.uscc',
        rule: 'checksum',
        message: 'The check digit is wrong',
        messageZh: '股东代码校验位不正确（服务器）',
      },
      { path: 'form.items.1', rule: 'enum', message: 'Not one of the options', messageZh: '不是可选的选项（服务器）' },
      {
        path: 'form.premises.city',
        rule: 'required',
        message: 'This field is required',
        messageZh: '请填写城市（服务器）',
      },
    ];
    render(
      <Harness initial={{ shareholders: [{ name: '甲' }, { name: '乙' }], items: ['hot', 'cold'] }} server={server} />,
    );
    const code = within(screen.getByRole('group', { name: '股东：第 2 项' })).getByRole('textbox', {
      name: '股东信用代码（选填）',
    });
    expect(code.getAttribute('aria-invalid')).toEqual('true');
    expect(description(code)).toContain('股东代码校验位不正确（服务器）');
    // A deeper path (the second choice) belongs to its choice group.
    expect(description(screen.getByRole('group', { name: '经营项目' }))).toContain('不是可选的选项（服务器）');
    expect(description(screen.getByRole('textbox', { name: '市（地区、州）' }))).toContain('请填写城市（服务器）');
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: '股东代码校验位不正确（服务器）' }).getAttribute('href')).toEqual(
      '#field-form-shareholders-1-uscc',
    );
    expect(within(summary).getByRole('link', { name: '不是可选的选项（服务器）' }).getAttribute('href')).toEqual(
      '#field-form-items',
    );
    // Changing the answer clears the server's word on it.
    type(code, '91350100M000100Y43');
    expect(description(code)).not.toContain('服务器');
  });

  it('shows every problem at once when asked (before continuing), in the order of the form', () => {
    render(<Harness />);
    act(() => controller.touchAll());
    const paths = controller.shown.map((p) => p.path);
    expect(paths.slice(0, 3)).toEqual(['form.companyName', 'form.staffCount', 'form.openingDate']);
    expect(paths).toContain('form.shareholders');
    expect(textbox('法定代表人身份证号码').getAttribute('aria-invalid')).toEqual('true');
  });

  it('speaks English when the reader chose it: labels from the definition and the engine’s English messages', () => {
    localStorage.setItem('one-stop.lang', 'en');
    render(<Harness />);
    const id = screen.getByRole('textbox', { name: 'Legal representative ID number' });
    type(id, '110105194912310021');
    fireEvent.blur(id);
    expect(description(id)).toContain('The check digit is wrong');
    expect(screen.getByRole('textbox', { name: 'Business scope (optional)' })).toBeTruthy();
  });

  it('lists the answers for the review, with option labels and a change link per field', () => {
    render(
      <I18nProvider>
        <AnswerList
          fields={definition.fields}
          value={{
            mainBusiness: 'catering',
            items: ['hot', 'drinks'],
            onlineSales: false,
            premises: { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号' },
            shareholders: [{ name: '甲公司' }],
          }}
          changeHref={(path) => `/edit#${path}`}
        />
      </I18nProvider>,
    );
    expect(screen.getByText('餐饮服务')).toBeTruthy();
    expect(screen.getByText('热食、饮品')).toBeTruthy();
    expect(screen.getByText('否')).toBeTruthy();
    expect(screen.getByText('福建省 福州市 鼓楼区 五四路88号')).toBeTruthy();
    expect(screen.getByText('甲公司')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^修改\s*股东名称$/ }).getAttribute('href')).toEqual(
      '/edit#form.shareholders.0.name',
    );
  });
});

function Labels({ paths }: { paths: string[] }) {
  const label = useFieldLabel(definition.fields);
  return (
    <ul>
      {paths.map((p) => (
        <li key={p}>{label(p) ?? '(none)'}</li>
      ))}
    </ul>
  );
}

describe('naming the field a problem is about', () => {
  it('names fields, group items and address parts, and nothing for a path the form lacks', () => {
    render(
      <I18nProvider>
        <Labels
          paths={['form.uscc', 'form.shareholders.1.uscc', 'form.premises.city', 'form.legacy', 'materials.floorPlan']}
        />
      </I18nProvider>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '统一社会信用代码',
      '股东：第 2 项 股东信用代码',
      '经营场所 市（地区、州）',
      '(none)',
      '(none)',
    ]);
  });
});

describe('saving a draft that holds a refused answer', () => {
  it('leaves out only the answers the engine refuses (a draft may miss answers, not hold wrong ones)', () => {
    const validate = compileForm(definition, { today: TODAY });
    const form = {
      companyName: '榕城小吃',
      legalRepIdNumber: '110105194912310021',
      items: ['hot', 'nope'],
      shareholders: [{ name: '甲', uscc: '91350100M000100Y44' }],
    };
    expect(savable(form, validate)).toEqual({
      companyName: '榕城小吃',
      items: ['hot'],
      shareholders: [{ name: '甲' }],
    });
  });
});

const conditional = formDefinitionSchema.parse({
  fields: [
    { type: 'text', key: 'operatorName', label: L('经营者名称', 'Operator'), maxLength: 50 },
    { type: 'boolean', key: 'onlineSales', label: L('是否通过网络经营', 'Sells online'), required: false },
    {
      type: 'text',
      key: 'onlinePlatform',
      label: L('网络经营平台名称', 'Online platform'),
      maxLength: 20,
      visibleWhen: { field: 'onlineSales', in: [true] },
    },
    {
      type: 'group',
      key: 'staff',
      label: L('从业人员', 'Staff'),
      required: false,
      fields: [
        { type: 'text', key: 'name', label: L('姓名', 'Name') },
        {
          type: 'enum',
          key: 'position',
          label: L('岗位', 'Position'),
          options: [
            { value: 'chef', label: L('厨师', 'Chef') },
            { value: 'waiter', label: L('服务员', 'Waiter') },
          ],
        },
        {
          type: 'text',
          key: 'healthCert',
          label: L('健康证明编号', 'Health certificate'),
          visibleWhen: { field: 'position', in: ['chef'] },
        },
      ],
    },
  ],
} satisfies FormDefinitionInput);

function Conditional({ initial = {} }: { initial?: FormValue }) {
  const form = useForm(conditional, initial, { today: TODAY });
  controller = form;
  return (
    <I18nProvider>
      <ErrorSummary errors={form.shown.map((p) => ({ path: p.path, message: p.messageZh ?? p.message }))} />
      <FormFields form={form} />
      <AnswerList fields={conditional.fields} value={form.value} />
    </I18nProvider>
  );
}

describe('conditional fields', () => {
  const online = () => within(screen.getByRole('group', { name: '是否通过网络经营（选填）' }));
  const status = () =>
    screen
      .getAllByRole('status')
      .map((s) => s.textContent)
      .join(' ');

  it('shows the platform question only after 是, announces it, and points the yes/no question at it', () => {
    render(<Conditional />);
    expect(screen.queryByRole('textbox', { name: '网络经营平台名称' })).toBeNull();
    const box = document.getElementById(
      online().getByRole('radio', { name: '是' }).getAttribute('aria-controls') ?? 'none',
    );
    expect(box?.hidden).toBe(true);
    fireEvent.click(online().getByRole('radio', { name: '是' }));
    expect(box?.hidden).toBe(false);
    expect(within(box!).getByRole('textbox', { name: '网络经营平台名称' }).getAttribute('aria-required')).toEqual(
      'true',
    );
    expect(status()).toContain('已显示新问题：网络经营平台名称');
    fireEvent.click(online().getByRole('radio', { name: '否' }));
    expect(screen.queryByRole('textbox', { name: '网络经营平台名称' })).toBeNull();
    expect(status()).toContain('已隐藏问题：网络经营平台名称');
  });

  it('keeps what was typed in a hidden field for when the applicant switches back, and neither checks nor lists it', () => {
    render(<Conditional initial={{ operatorName: '榕城小吃店' }} />);
    fireEvent.click(online().getByRole('radio', { name: '是' }));
    type(textbox('网络经营平台名称'), 'x'.repeat(25));
    fireEvent.blur(textbox('网络经营平台名称'));
    expect(description(textbox('网络经营平台名称'))).toContain('最多20个字');
    fireEvent.click(online().getByRole('radio', { name: '否' }));
    // Kept in the answers (the draft), but the engine neither refuses it nor returns it for submission.
    expect(controller.value.onlinePlatform).toEqual('x'.repeat(25));
    expect(controller.result).toEqual({ ok: true, value: { operatorName: '榕城小吃店', onlineSales: false } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('网络经营平台名称')).toBeNull();
    fireEvent.click(online().getByRole('radio', { name: '是' }));
    expect((textbox('网络经营平台名称') as HTMLInputElement).value).toEqual('x'.repeat(25));
  });

  it('does not let a hidden required field block continuing, and asks for it once shown', () => {
    render(<Conditional initial={{ operatorName: '榕城小吃店' }} />);
    act(() => controller.touchAll());
    expect(controller.all).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(online().getByRole('radio', { name: '是' }));
    expect(controller.all.map((p) => [p.path, p.rule])).toEqual([['form.onlinePlatform', 'required']]);
    expect(within(screen.getByRole('alert')).getByRole('link', { name: '请填写此项' }).getAttribute('href')).toEqual(
      `#${textbox('网络经营平台名称').id}`,
    );
    expect(textbox('网络经营平台名称').getAttribute('aria-invalid')).toEqual('true');
    type(textbox('网络经营平台名称'), '美团外卖');
    expect(controller.result.ok).toBe(true);
    expect(screen.getByText('美团外卖')).toBeTruthy();
  });

  it('applies a condition inside each item of a group to that item alone', () => {
    render(
      <Conditional
        initial={{
          operatorName: '榕城小吃店',
          staff: [
            { name: '王强', position: 'chef' },
            { name: '李娜', position: 'waiter' },
          ],
        }}
      />,
    );
    expect(screen.getAllByRole('textbox', { name: '健康证明编号' })).toHaveLength(1);
    act(() => controller.touchAll());
    expect(controller.all.map((p) => p.path)).toEqual(['form.staff.0.healthCert']);
    const second = within(screen.getByRole('group', { name: '从业人员：第 2 项' }));
    fireEvent.click(within(second.getByRole('group', { name: '岗位' })).getByRole('radio', { name: '厨师' }));
    expect(screen.getAllByRole('textbox', { name: '健康证明编号' })).toHaveLength(2);
    expect(controller.all.map((p) => p.path)).toEqual(['form.staff.0.healthCert', 'form.staff.1.healthCert']);
    expect(status()).toContain('已显示新问题：健康证明编号');
  });
});
