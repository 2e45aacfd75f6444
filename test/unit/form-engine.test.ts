import * as z from 'zod';
import {
  type FormDefinitionInput,
  formDefinitionSchema,
  type FormFieldInput,
} from '../../shared/domain/catalogue/form';
import { FormDefinitionError, formProblems } from '../../shared/domain/catalogue/form-checks';
import { compileForm, compileFormSchema, hiddenFields } from '../../shared/domain/catalogue/form-compile';
import { FORM_RULES, type FormError, toFormErrors } from '../../shared/domain/catalogue/form-errors';

const TODAY = '2025-06-30';
const label = (zh: string, en: string) => ({ zh, en });

/** 食品经营许可 (food business licence): the form as an admin writes it. */
const FOOD_LICENCE_FORM = {
  fields: [
    { type: 'text', key: 'operatorName', label: label('经营者名称', 'Operator name'), maxLength: 100 },
    {
      type: 'uscc',
      key: 'uscc',
      label: label('统一社会信用代码', 'Unified social credit code'),
      prefill: 'profile.uscc',
    },
    {
      type: 'text',
      key: 'legalRepresentative',
      label: label('法定代表人', 'Legal representative'),
      minLength: 2,
      maxLength: 50,
    },
    { type: 'idNumber', key: 'idNumber', label: label('法定代表人身份证号', "Legal representative's ID number") },
    { type: 'mobile', key: 'mobile', label: label('联系电话', 'Contact mobile'), prefill: 'profile.mobile' },
    { type: 'address', key: 'premises', label: label('经营场所', 'Business premises') },
    {
      type: 'enum',
      key: 'businessItems',
      label: label('经营项目', 'Business items'),
      multiple: true,
      options: [
        { value: 'prepackaged', label: label('预包装食品销售', 'Sale of pre-packaged food') },
        { value: 'bulk', label: label('散装食品销售', 'Sale of bulk food') },
        { value: 'hotFood', label: label('热食类食品制售', 'Hot food') },
        { value: 'coldFood', label: label('冷食类食品制售', 'Cold food') },
        { value: 'drinks', label: label('自制饮品制售', 'Home-made drinks') },
      ],
    },
    {
      type: 'group',
      key: 'staff',
      label: label('从业人员', 'Food handlers'),
      maxItems: 20,
      fields: [
        { type: 'text', key: 'name', label: label('姓名', 'Name'), maxLength: 50 },
        { type: 'idNumber', key: 'idNumber', label: label('身份证号', 'ID number') },
        {
          type: 'text',
          key: 'healthCertificateNo',
          label: label('健康证明编号', 'Health certificate number'),
          pattern: '[A-Z0-9]{6,20}',
          patternMessage: label(
            '健康证明编号为6至20位大写字母或数字',
            'A health certificate number is 6 to 20 capital letters or digits',
          ),
        },
      ],
    },
    { type: 'number', key: 'area', label: label('经营面积（平方米）', 'Floor area (m²)'), min: 1 },
    { type: 'date', key: 'openingDate', label: label('开业日期', 'Opening date'), min: 'today', required: false },
  ],
} satisfies FormDefinitionInput;

/** A complete, correct application (fictitious people and enterprise, valid check digits). */
function validSubmission(): Record<string, unknown> {
  return {
    operatorName: '上海小笼包餐饮有限公司',
    uscc: '91350100M000100Y43',
    legalRepresentative: '张三',
    idNumber: '11010519491231002X',
    mobile: '13812345678',
    premises: { province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道100号1层' },
    businessItems: ['prepackaged', 'hotFood'],
    staff: [
      { name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'JK2025000123' },
      { name: '王五', idNumber: '440304200002290030', healthCertificateNo: 'JK2025000124' },
    ],
    area: 85.5,
    openingDate: '2025-07-15',
  };
}

const validate = compileForm(FOOD_LICENCE_FORM, { today: TODAY });

function errorsOf(value: unknown, validator = validate): FormError[] {
  const result = validator(value);
  if (result.ok) throw new Error('expected the submission to be refused');
  return result.errors;
}
const pathsAndRules = (errors: FormError[]) => errors.map((e) => [e.path, e.rule]);

describe('a form definition', () => {
  it('accepts the 食品经营许可 form as sound and fills in the defaults', () => {
    expect(formProblems(FOOD_LICENCE_FORM)).toEqual([]);
    const parsed = formDefinitionSchema.parse(FOOD_LICENCE_FORM);
    expect(parsed.fields.every((f) => f.required === (f.key !== 'openingDate'))).toBe(true);
    const staff = parsed.fields.find((f) => f.key === 'staff');
    expect(staff).toMatchObject({
      type: 'group',
      maxItems: 20,
      fields: [{ key: 'name', maxLength: 50 }, { key: 'idNumber' }, { key: 'healthCertificateNo', maxLength: 500 }],
    });
  });

  it('survives the trip to JSON and back unchanged, as the public guide returns it', () => {
    const parsed = formDefinitionSchema.parse(FOOD_LICENCE_FORM);
    expect(formDefinitionSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('names a key used twice among siblings, but allows the same key at another level', () => {
    const problems = formProblems({
      fields: [
        { type: 'text', key: 'name', label: label('名称', 'Name') },
        { type: 'mobile', key: 'mobile', label: label('电话', 'Mobile') },
        { type: 'text', key: 'name', label: label('名称', 'Name') },
        {
          type: 'group',
          key: 'staff',
          label: label('人员', 'Staff'),
          fields: [{ type: 'text', key: 'name', label: label('姓名', 'Name') }],
        },
      ],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('fields.2.key');
    expect(problems[0]?.message).toMatch(/name is already used by fields\.0/);
  });

  it('names a key used twice inside a group by its path', () => {
    const problems = formProblems({
      fields: [
        {
          type: 'group',
          key: 'shareholders',
          label: label('股东', 'Shareholders'),
          fields: [
            { type: 'uscc', key: 'uscc', label: label('代码', 'Code') },
            { type: 'uscc', key: 'uscc', label: label('代码', 'Code') },
          ],
        },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual(['fields.0.fields.1.key']);
  });

  it('names a pattern that is not a regular expression', () => {
    const problems = formProblems({
      fields: [{ type: 'text', key: 'code', label: label('编号', 'Code'), pattern: '[A-Z' }],
    });
    expect(problems.map((p) => p.path)).toEqual(['fields.0.pattern']);
    expect(problems[0]?.message).toMatch(/not a valid regular expression/);
  });

  it('names every minimum greater than its maximum', () => {
    const problems = formProblems({
      fields: [
        { type: 'number', key: 'area', label: label('面积', 'Area'), min: 100, max: 10 },
        { type: 'text', key: 'name', label: label('名称', 'Name'), minLength: 20, maxLength: 10 },
        { type: 'date', key: 'from', label: label('日期', 'Date'), min: '2025-12-31', max: '2025-01-01' },
        {
          type: 'group',
          key: 'staff',
          label: label('人员', 'Staff'),
          minItems: 5,
          maxItems: 2,
          fields: [{ type: 'text', key: 'name', label: label('姓名', 'Name') }],
        },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.0.min',
      'fields.1.minLength',
      'fields.2.min',
      'fields.3.minItems',
    ]);
    expect(problems[0]?.message).toMatch(/min \(100\) is greater than max \(10\)/);
  });

  it('names an enum without options and an option value given twice', () => {
    const problems = formProblems({
      fields: [
        { type: 'enum', key: 'kind', label: label('类别', 'Kind'), options: [] },
        {
          type: 'enum',
          key: 'items',
          label: label('项目', 'Items'),
          options: [
            { value: 'a', label: label('甲', 'A') },
            { value: 'a', label: label('乙', 'B') },
          ],
        },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual(['fields.0.options', 'fields.1.options.1.value']);
  });

  it('allows three levels of fields and refuses a fourth', () => {
    const leaf = { type: 'text', key: 'name', label: label('姓名', 'Name') } as const;
    const group = (fields: FormFieldInput[]): FormFieldInput => ({
      type: 'group',
      key: 'items',
      label: label('明细', 'Items'),
      fields,
    });
    expect(formProblems({ fields: [group([group([leaf])])] })).toEqual([]);
    const problems = formProblems({ fields: [group([group([group([leaf])])])] });
    expect(problems.map((p) => p.path)).toEqual(['fields.0.fields.0.fields.0.fields']);
    expect(problems[0]?.message).toMatch(/at most 3 levels/);
  });

  it('names shape problems: an unknown type, a misspelt property, a missing label, a bad key or pre-fill', () => {
    const problems = formProblems({
      fields: [
        { type: 'textarea', key: 'note', label: label('备注', 'Note') },
        { type: 'text', key: 'name', label: label('名称', 'Name'), maxlength: 10 },
        { type: 'text', key: 'title', label: { zh: '标题' } },
        { type: 'text', key: 'Name2', label: label('名称', 'Name') },
        { type: 'text', key: 'holder', label: label('持证人', 'Holder'), prefill: 'profile.nickname' },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.0.type',
      'fields.1.maxlength',
      'fields.2.label.en',
      'fields.3.key',
      'fields.4.prefill',
    ]);
    expect(problems[2]?.message).toMatch(/required/);
  });

  it('refuses a key that every JavaScript object already has', () => {
    expect(
      formProblems({ fields: [{ type: 'text', key: 'constructor', label: label('名称', 'Name') }] }).map((p) => p.path),
    ).toEqual(['fields.0.key']);
  });

  it('accepts pre-fill from a licence, and refuses a profile pre-fill into a field of another type', () => {
    expect(
      formProblems({
        fields: [
          {
            type: 'text',
            key: 'licenceNo',
            label: label('许可证号', 'Licence no.'),
            prefill: 'licence:FOOD-BUSINESS.number',
          },
        ],
      }),
    ).toEqual([]);
    const problems = formProblems({
      fields: [{ type: 'text', key: 'idNo', label: label('身份证号', 'ID'), prefill: 'profile.idNumber' }],
    });
    expect(problems).toEqual([
      { path: 'fields.0.prefill', message: 'profile.idNumber fills a field of type idNumber, not text' },
    ]);
  });

  it('cannot be compiled while it has problems, and the error lists them', () => {
    const unsound = {
      fields: [{ type: 'number', key: 'area', label: label('面积', 'Area'), min: 10, max: 1 }],
    } satisfies FormDefinitionInput;
    expect(() => compileForm(unsound)).toThrow(FormDefinitionError);
    expect(() => compileForm(unsound)).toThrow(/fields\.0\.min/);
  });
});

describe('a compiled form', () => {
  it('accepts a correct 食品经营许可 application and returns it', () => {
    expect(validate(validSubmission())).toEqual({ ok: true, value: validSubmission() });
  });

  it('trims spaces around what the applicant typed', () => {
    const result = validate({
      ...validSubmission(),
      operatorName: '  上海小笼包餐饮有限公司 ',
      uscc: ' 91350100M000100Y43',
    });
    expect(result.ok && result.value.operatorName).toBe('上海小笼包餐饮有限公司');
    expect(result.ok && result.value.uscc).toBe('91350100M000100Y43');
  });

  it.each([
    {
      what: 'a 统一社会信用代码 with a wrong check character',
      key: 'uscc',
      bad: '91350100M000100Y44',
      path: 'form.uscc',
      rule: 'checksum',
    },
    {
      what: 'a 统一社会信用代码 with the letter O',
      key: 'uscc',
      bad: '91350100M00010OY43',
      path: 'form.uscc',
      rule: 'format',
    },
    {
      what: 'an ID number with a wrong check digit',
      key: 'idNumber',
      bad: '110105194912310021',
      path: 'form.idNumber',
      rule: 'checksum',
    },
    {
      what: 'an ID number ending in a lower-case x',
      key: 'idNumber',
      bad: '11010519491231002x',
      path: 'form.idNumber',
      rule: 'format',
    },
    {
      what: 'an ID number born on 1900-02-29',
      key: 'idNumber',
      bad: '110105190002290017',
      path: 'form.idNumber',
      rule: 'format',
    },
    {
      what: 'an ID number of 16 characters',
      key: 'idNumber',
      bad: '1101051949123100',
      path: 'form.idNumber',
      rule: 'format',
    },
    { what: 'a mobile number of 10 digits', key: 'mobile', bad: '1381234567', path: 'form.mobile', rule: 'format' },
    {
      what: 'an operator name of 101 characters',
      key: 'operatorName',
      bad: '名'.repeat(101),
      path: 'form.operatorName',
      rule: 'maxLength',
    },
    {
      what: 'a legal representative of 1 character',
      key: 'legalRepresentative',
      bad: '张',
      path: 'form.legalRepresentative',
      rule: 'minLength',
    },
    {
      what: 'a business item that is not an option',
      key: 'businessItems',
      bad: ['prepackaged', 'wine'],
      path: 'form.businessItems.1',
      rule: 'enum',
    },
    {
      what: 'business items given as one string',
      key: 'businessItems',
      bad: 'prepackaged',
      path: 'form.businessItems',
      rule: 'type',
    },
    { what: 'a floor area below 1', key: 'area', bad: 0.5, path: 'form.area', rule: 'min' },
    { what: 'a floor area written as text', key: 'area', bad: '85.5', path: 'form.area', rule: 'type' },
    {
      what: 'an opening date that does not exist',
      key: 'openingDate',
      bad: '2025-02-30',
      path: 'form.openingDate',
      rule: 'format',
    },
    {
      what: 'an opening date written with slashes',
      key: 'openingDate',
      bad: '2025/07/15',
      path: 'form.openingDate',
      rule: 'format',
    },
    {
      what: 'an opening date before today',
      key: 'openingDate',
      bad: '2025-06-29',
      path: 'form.openingDate',
      rule: 'min',
    },
    {
      what: 'an operator name given as a number',
      key: 'operatorName',
      bad: 12345,
      path: 'form.operatorName',
      rule: 'type',
    },
    {
      what: 'premises given as one string',
      key: 'premises',
      bad: '上海市浦东新区世纪大道100号',
      path: 'form.premises',
      rule: 'type',
    },
  ])('refuses $what at $path with rule $rule', ({ key, bad, path, rule }) => {
    expect(pathsAndRules(errorsOf({ ...validSubmission(), [key]: bad }))).toEqual([[path, rule]]);
  });

  it('names a problem inside the address by its part', () => {
    const premises = { province: '上海市', city: '上海市', district: '', detail: '1' };
    expect(pathsAndRules(errorsOf({ ...validSubmission(), premises }))).toEqual([
      ['form.premises.district', 'required'],
      ['form.premises.detail', 'minLength'],
    ]);
    const long = { province: '上海市', city: '上海市', district: '浦东新区', detail: '号'.repeat(201) };
    expect(pathsAndRules(errorsOf({ ...validSubmission(), premises: long }))).toEqual([
      ['form.premises.detail', 'maxLength'],
    ]);
  });

  it('names problems inside a group by the item index', () => {
    const staff = [
      { name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'JK2025000123' },
      { name: '王五', idNumber: '440304200002290031', healthCertificateNo: 'jk-01' },
      { idNumber: '320102197805231071', healthCertificateNo: 'JK2025000125' },
    ];
    expect(pathsAndRules(errorsOf({ ...validSubmission(), staff }))).toEqual([
      ['form.staff.1.idNumber', 'checksum'],
      ['form.staff.1.healthCertificateNo', 'pattern'],
      ['form.staff.2.name', 'required'],
    ]);
  });

  it("uses the admin's own message for a pattern, in both languages", () => {
    const staff = [{ name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'jk-01' }];
    expect(errorsOf({ ...validSubmission(), staff })).toEqual([
      {
        path: 'form.staff.0.healthCertificateNo',
        rule: 'pattern',
        message: 'A health certificate number is 6 to 20 capital letters or digits',
        messageZh: '健康证明编号为6至20位大写字母或数字',
      },
    ]);
  });

  it('matches a pattern against the whole value, not a part of it', () => {
    const staff = [{ name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'JK2025000123 补' }];
    expect(pathsAndRules(errorsOf({ ...validSubmission(), staff }))).toEqual([
      ['form.staff.0.healthCertificateNo', 'pattern'],
    ]);
  });

  it('reports every problem of a submission at once (一次性告知), in the order of the form', () => {
    const submission = {
      ...validSubmission(),
      operatorName: '',
      uscc: '91350100M000100Y44',
      idNumber: '11010519491231002x',
      mobile: '02112345678',
      businessItems: [],
      staff: [{ name: '李四', idNumber: '310115198806154024', healthCertificateNo: 'JK2025000123' }],
      area: 0,
    };
    expect(pathsAndRules(errorsOf(submission))).toEqual([
      ['form.operatorName', 'required'],
      ['form.uscc', 'checksum'],
      ['form.idNumber', 'format'],
      ['form.mobile', 'format'],
      ['form.businessItems', 'required'],
      ['form.staff.0.idNumber', 'checksum'],
      ['form.area', 'min'],
    ]);
  });

  it('asks for every required field of an empty submission, and not for the optional one', () => {
    const errors = errorsOf({});
    expect(errors.map((e) => e.path)).toEqual([
      'form.operatorName',
      'form.uscc',
      'form.legalRepresentative',
      'form.idNumber',
      'form.mobile',
      'form.premises',
      'form.businessItems',
      'form.staff',
      'form.area',
    ]);
    expect(new Set(errors.map((e) => e.rule))).toEqual(new Set(['required']));
  });

  it('treats null and blank text in a required field as missing', () => {
    expect(pathsAndRules(errorsOf({ ...validSubmission(), operatorName: null, mobile: '   ' }))).toEqual([
      ['form.operatorName', 'required'],
      ['form.mobile', 'required'],
    ]);
  });

  it('lets an optional field be absent, null or blank, keeping a blank answer as null', () => {
    const { openingDate: _, ...withoutDate } = validSubmission();
    expect(validate(withoutDate)).toEqual({ ok: true, value: withoutDate });
    expect(validate({ ...validSubmission(), openingDate: null })).toEqual({
      ok: true,
      value: { ...validSubmission(), openingDate: null },
    });
    expect(validate({ ...validSubmission(), openingDate: '' })).toEqual({
      ok: true,
      value: { ...validSubmission(), openingDate: null },
    });
  });

  it('refuses keys the form does not define, at the top, in a group item and in an address', () => {
    const submission = {
      ...validSubmission(),
      remarks: '请尽快办理',
      premises: {
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        detail: '世纪大道100号',
        postcode: '200120',
      },
      staff: [{ name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'JK2025000123', age: 30 }],
    };
    expect(pathsAndRules(errorsOf(submission))).toEqual([
      ['form.premises.postcode', 'unknown'],
      ['form.staff.0.age', 'unknown'],
      ['form.remarks', 'unknown'],
    ]);
  });

  it('refuses a submission that is not an object, or is missing', () => {
    expect(pathsAndRules(errorsOf([validSubmission()]))).toEqual([['form', 'type']]);
    expect(pathsAndRules(errorsOf('operatorName=x'))).toEqual([['form', 'type']]);
    expect(pathsAndRules(errorsOf(null))).toEqual([['form', 'required']]);
  });

  it('needs at least one item in a required group and no more than its maxItems', () => {
    expect(pathsAndRules(errorsOf({ ...validSubmission(), staff: [] }))).toEqual([['form.staff', 'minItems']]);
    const person = { name: '李四', idNumber: '310115198806154025', healthCertificateNo: 'JK2025000123' };
    expect(validate({ ...validSubmission(), staff: Array.from({ length: 20 }, () => person) }).ok).toBe(true);
    expect(pathsAndRules(errorsOf({ ...validSubmission(), staff: Array.from({ length: 21 }, () => person) }))).toEqual([
      ['form.staff', 'maxItems'],
    ]);
    expect(pathsAndRules(errorsOf({ ...validSubmission(), staff: [person, null] }))).toEqual([
      ['form.staff.1', 'type'],
    ]);
  });

  it('refuses the same option chosen twice', () => {
    expect(pathsAndRules(errorsOf({ ...validSubmission(), businessItems: ['bulk', 'drinks', 'bulk'] }))).toEqual([
      ['form.businessItems.2', 'enum'],
    ]);
  });

  it("refuses a birth date in an ID number after the form's today", () => {
    expect(pathsAndRules(errorsOf({ ...validSubmission(), idNumber: '110105202507010012' }))).toEqual([
      ['form.idNumber', 'format'],
    ]);
    expect(validate({ ...validSubmission(), idNumber: '110105202506300018' }).ok).toBe(true);
  });

  it('gives every error a message in English and in Chinese', () => {
    const errors = errorsOf({
      ...validSubmission(),
      operatorName: '',
      uscc: 'x',
      idNumber: '110105194912310021',
      area: -1,
      extra: 1,
      staff: [],
    });
    expect(errors).toHaveLength(6);
    for (const error of errors) {
      expect(FORM_RULES).toContain(error.rule);
      expect(error.message).toMatch(/^[A-Z][\x20-\x7E]+$/);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(errors[0]).toEqual({
      path: 'form.operatorName',
      rule: 'required',
      message: 'This field is required',
      messageZh: '请填写此项',
    });
    expect(errors[2]).toEqual({
      path: 'form.idNumber',
      rule: 'checksum',
      message: 'The check digit is wrong',
      messageZh: '校验位不正确',
    });
  });

  it('never repeats the applicant’s input in an error', () => {
    const errors = errorsOf({ ...validSubmission(), idNumber: '110105194912310021', mobile: '2381234567' });
    expect(JSON.stringify(errors)).not.toMatch(/110105194912310021|2381234567/);
  });
});

describe('field types beyond the food licence form', () => {
  const form = {
    fields: [
      { type: 'boolean', key: 'agreed', label: label('同意承诺', 'Agree') },
      { type: 'number', key: 'employees', label: label('员工人数', 'Employees'), integer: true, min: 0, max: 10000 },
      { type: 'text', key: 'name', label: label('姓名', 'Name'), maxLength: 4, required: false },
      {
        type: 'enum',
        key: 'kind',
        label: label('类型', 'Kind'),
        options: [{ value: 'new', label: label('新办', 'New') }],
        required: false,
      },
      {
        type: 'date',
        key: 'birthDate',
        label: label('出生日期', 'Birth date'),
        min: '1900-01-01',
        max: 'today',
        required: false,
      },
    ],
  } satisfies FormDefinitionInput;
  const check = compileForm(form, { today: TODAY });

  it('accepts false as an answer to a required yes/no question, and refuses a string', () => {
    expect(check({ agreed: false, employees: 3 })).toEqual({ ok: true, value: { agreed: false, employees: 3 } });
    expect(pathsAndRules(errorsOf({ agreed: 'true', employees: 3 }, check))).toEqual([['form.agreed', 'type']]);
  });

  it('refuses a fraction where a whole number is asked for, and a number above the maximum', () => {
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 2.5 }, check))).toEqual([['form.employees', 'integer']]);
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 10001 }, check))).toEqual([['form.employees', 'max']]);
  });

  it('counts a 生僻字 outside the basic plane as one character', () => {
    expect(check({ agreed: true, employees: 1, name: '𠮷𡈽𪚥龘' }).ok).toBe(true);
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 1, name: '𠮷𡈽𪚥龘龘' }, check))).toEqual([
      ['form.name', 'maxLength'],
    ]);
  });

  it('refuses a single choice that is not an option', () => {
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 1, kind: 'renew' }, check))).toEqual([
      ['form.kind', 'enum'],
    ]);
  });

  it('checks date bounds, absolute and today', () => {
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 1, birthDate: '1899-12-31' }, check))).toEqual([
      ['form.birthDate', 'min'],
    ]);
    expect(pathsAndRules(errorsOf({ agreed: true, employees: 1, birthDate: '2025-07-01' }, check))).toEqual([
      ['form.birthDate', 'max'],
    ]);
    expect(check({ agreed: true, employees: 1, birthDate: TODAY }).ok).toBe(true);
    expect(check({ agreed: true, employees: 1, birthDate: '1900-01-01' }).ok).toBe(true);
  });

  it('counts today itself as on or after today', () => {
    expect(validate({ ...validSubmission(), openingDate: TODAY }).ok).toBe(true);
  });

  it('reads today per submission, so a validator compiled once stays right after midnight', () => {
    let today = '2025-06-30';
    const live = compileForm(form, { today: () => today });
    expect(live({ agreed: true, employees: 1, birthDate: '2025-07-01' }).ok).toBe(false);
    today = '2025-07-01';
    expect(live({ agreed: true, employees: 1, birthDate: '2025-07-01' }).ok).toBe(true);
  });
});

describe('conditional fields (visibleWhen)', () => {
  const yes = label('是', 'Yes');
  const form = {
    fields: [
      { type: 'text', key: 'operatorName', label: label('经营者名称', 'Operator name'), maxLength: 100 },
      { type: 'boolean', key: 'onlineSales', label: label('是否网络经营', 'Sells online'), required: false },
      {
        type: 'text',
        key: 'platform',
        label: label('网络经营平台', 'Platform'),
        maxLength: 20,
        visibleWhen: { field: 'onlineSales', in: [true] },
      },
      {
        type: 'enum',
        key: 'kind',
        label: label('经营类型', 'Kind'),
        multiple: true,
        options: [
          { value: 'shop', label: label('门店', 'Shop') },
          { value: 'canteen', label: label('单位食堂', 'Canteen') },
        ],
      },
      {
        type: 'group',
        key: 'diners',
        label: label('就餐单位', 'Served units'),
        visibleWhen: { field: 'kind', in: ['canteen'] },
        fields: [
          { type: 'text', key: 'unit', label: label('单位名称', 'Unit') },
          { type: 'boolean', key: 'school', label: label('是否学校', 'School'), required: false },
          { type: 'text', key: 'grade', label: label('学段', 'Grade'), visibleWhen: { field: 'school', in: [true] } },
        ],
      },
      { type: 'mobile', key: 'mobile', label: label('联系电话', 'Mobile') },
    ],
  } satisfies FormDefinitionInput;
  const check = compileForm(form, { today: TODAY });
  const base = { operatorName: '榕城小吃店', kind: ['shop'], mobile: '13812345678' };

  it('is a sound definition', () => {
    expect(formProblems(form)).toEqual([]);
    expect(formDefinitionSchema.parse(form).fields[2]?.visibleWhen).toEqual({ field: 'onlineSales', in: [true] });
  });

  it('does not ask a hidden required field, and leaves its answer out of the result unchecked', () => {
    expect(check(base)).toEqual({ ok: true, value: base });
    // An answer kept from before the applicant changed their mind: not an error (they cannot see the field), not kept.
    const answered = { ...base, onlineSales: false, platform: 'x'.repeat(99), diners: 'not a list' };
    expect(check(answered)).toEqual({ ok: true, value: { ...base, onlineSales: false } });
  });

  it('asks a field once its condition holds: required, with its own rules, trimmed like any other', () => {
    expect(pathsAndRules(errorsOf({ ...base, onlineSales: true }, check))).toEqual([['form.platform', 'required']]);
    expect(pathsAndRules(errorsOf({ ...base, onlineSales: true, platform: 'x'.repeat(21) }, check))).toEqual([
      ['form.platform', 'maxLength'],
    ]);
    expect(check({ ...base, onlineSales: true, platform: ' 美团外卖 ' })).toEqual({
      ok: true,
      value: { ...base, onlineSales: true, platform: '美团外卖' },
    });
  });

  it('shows a field for a multiple choice when one of the values is chosen', () => {
    expect(pathsAndRules(errorsOf({ ...base, kind: ['shop', 'canteen'] }, check))).toEqual([
      ['form.diners', 'required'],
    ]);
    expect(hiddenFields(form.fields as never, { kind: ['canteen'] })).toEqual(new Set(['platform']));
    expect(hiddenFields(form.fields as never, {})).toEqual(new Set(['platform', 'diners']));
  });

  it('applies conditions inside each item of a group, against that item’s answers', () => {
    const value = {
      ...base,
      kind: ['canteen'],
      diners: [
        { unit: '福州一中', school: true, grade: '高中' },
        { unit: '鼓楼区政府', school: false, grade: '' },
        { unit: '某小学', school: true },
      ],
    };
    expect(pathsAndRules(errorsOf(value, check))).toEqual([['form.diners.2.grade', 'required']]);
    const fixed = {
      ...value,
      diners: [value.diners[0], value.diners[1], { unit: '某小学', school: true, grade: '小学' }],
    };
    const result = check(fixed);
    expect(result.ok && result.value.diners).toEqual([
      { unit: '福州一中', school: true, grade: '高中' },
      { unit: '鼓楼区政府', school: false },
      { unit: '某小学', school: true, grade: '小学' },
    ]);
  });

  it('reports the problems of conditional fields among the others, in the order of the form', () => {
    const errors = errorsOf({ onlineSales: true, kind: ['canteen'], diners: [], mobile: '123', extra: 1 }, check);
    expect(pathsAndRules(errors)).toEqual([
      ['form.operatorName', 'required'],
      ['form.platform', 'required'],
      ['form.diners', 'minItems'],
      ['form.mobile', 'format'],
      ['form.extra', 'unknown'],
    ]);
    expect(errors[1]?.messageZh).toBe('请填写此项');
  });

  it('hides a field whose controlling field is itself hidden, whatever that hidden answer says', () => {
    const chained = {
      fields: [
        { type: 'boolean', key: 'hasBranch', label: yes },
        { type: 'boolean', key: 'branchOnline', label: yes, visibleWhen: { field: 'hasBranch', in: [true] } },
        { type: 'text', key: 'branchPlatform', label: yes, visibleWhen: { field: 'branchOnline', in: [true] } },
      ],
    } satisfies FormDefinitionInput;
    const run = compileForm(chained);
    expect(run({ hasBranch: false, branchOnline: true })).toEqual({ ok: true, value: { hasBranch: false } });
    expect(pathsAndRules(errorsOf({ hasBranch: true, branchOnline: true }, run))).toEqual([
      ['form.branchPlatform', 'required'],
    ]);
  });

  it('still merges with another form for a bundle', () => {
    const merged = compileFormSchema(form).extend(
      compileFormSchema({ fields: [{ type: 'text', key: 'signText', label: yes }] }).shape,
    );
    expect(
      toFormErrors(merged.safeParse({ ...base, onlineSales: true, signText: '小吃' }).error?.issues ?? []).map(
        (e) => e.path,
      ),
    ).toEqual(['form.platform']);
  });

  it('names a condition on an unknown or later field, on a field that is not a choice, and a value the field cannot have', () => {
    const bad = {
      fields: [
        { type: 'text', key: 'early', label: yes, visibleWhen: { field: 'online', in: [true] } },
        { type: 'boolean', key: 'online', label: yes },
        { type: 'text', key: 'name', label: yes, visibleWhen: { field: 'nmae', in: [true] } },
        { type: 'text', key: 'platform', label: yes, visibleWhen: { field: 'online', in: ['yes'] } },
        { type: 'enum', key: 'kind', label: yes, options: [{ value: 'shop', label: yes }] },
        { type: 'text', key: 'canteen', label: yes, visibleWhen: { field: 'kind', in: ['shop', 'canteen'] } },
        { type: 'text', key: 'byName', label: yes, visibleWhen: { field: 'name', in: ['x'] } },
        { type: 'text', key: 'self', label: yes, visibleWhen: { field: 'self', in: [true] } },
        {
          type: 'group',
          key: 'staff',
          label: yes,
          fields: [{ type: 'text', key: 'cert', label: yes, visibleWhen: { field: 'online', in: [true] } }],
        },
      ],
    } satisfies FormDefinitionInput;
    expect(formProblems(bad)).toEqual([
      { path: 'fields.0.visibleWhen.field', message: expect.stringContaining('does not come before this field') },
      {
        path: 'fields.2.visibleWhen.field',
        message: expect.stringContaining('nmae, which is not a field at this level'),
      },
      { path: 'fields.3.visibleWhen.in.0', message: expect.stringContaining('true and false, not "yes"') },
      { path: 'fields.5.visibleWhen.in.1', message: '"canteen" is not an option of kind (shop)' },
      {
        path: 'fields.6.visibleWhen.field',
        message: expect.stringContaining('a field of type text; a condition names an enum or a boolean field'),
      },
      { path: 'fields.7.visibleWhen.field', message: expect.stringContaining('does not come before this field') },
      // A group item's fields see only their siblings in the item.
      { path: 'fields.8.fields.0.visibleWhen.field', message: expect.stringContaining('not a field at this level') },
    ]);
    expect(() => compileForm(bad)).toThrow(FormDefinitionError);
    expect(
      formProblems({
        fields: [
          { type: 'boolean', key: 'a', label: yes },
          { type: 'text', key: 'b', label: yes, visibleWhen: { field: 'a', in: [] } },
        ],
      }),
    ).toEqual([{ path: 'fields.1.visibleWhen.in', message: expect.stringContaining('>=1') }]);
  });
});

describe('compiling', () => {
  it('does the definition work once: validating submissions never re-reads the definition', () => {
    const definition = structuredClone(FOOD_LICENCE_FORM);
    const compiled = compileForm(definition, { today: TODAY });
    const parse = jest.spyOn(formDefinitionSchema, 'safeParse');
    const parseStrict = jest.spyOn(formDefinitionSchema, 'parse');
    try {
      definition.fields.splice(0, definition.fields.length);
      expect(compiled(validSubmission()).ok).toBe(true);
      expect(compiled({}).ok).toBe(false);
      expect(parse).not.toHaveBeenCalled();
      expect(parseStrict).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
      parseStrict.mockRestore();
    }
  });

  it('returns the zod schema itself, which merges with another form for a 一件事 bundle', () => {
    const food = compileFormSchema(FOOD_LICENCE_FORM, { today: TODAY });
    const signage = compileFormSchema({
      fields: [{ type: 'text', key: 'signText', label: label('招牌内容', 'Sign text'), maxLength: 20 }],
    });
    const merged = food.extend(signage.shape);
    expect(merged.safeParse({ ...validSubmission(), signText: '小笼包' }).success).toBe(true);
    const result = merged.safeParse({ ...validSubmission(), signText: '', uscc: '91350100M000100Y44' });
    expect(result.success).toBe(false);
    expect(pathsAndRules(toFormErrors(result.error?.issues ?? []))).toEqual([
      ['form.uscc', 'checksum'],
      ['form.signText', 'required'],
    ]);
  });

  it('is a zod schema applicants can also be checked against field by field', () => {
    const schema = compileFormSchema(FOOD_LICENCE_FORM);
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys(schema.shape)).toEqual(FOOD_LICENCE_FORM.fields.map((f) => f.key));
    expect(schema.shape.mobile?.safeParse('13812345678').success).toBe(true);
    expect(schema.shape.mobile?.safeParse('12812345678').success).toBe(false);
  });
});
