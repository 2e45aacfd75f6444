import type { FormField } from '../../shared/domain/catalogue/form';
import { licenceContent } from '../../shared/domain/licences/content';

const FORM_FIELDS = [
  { type: 'text', key: 'operatorName', label: { zh: '经营者名称', en: 'Operator' }, required: true },
  {
    type: 'enum',
    key: 'businessItems',
    label: { zh: '经营项目', en: 'Business items' },
    required: true,
    multiple: true,
    options: [
      { value: 'hot-food', label: { zh: '热食类食品制售', en: 'Hot food' } },
      { value: 'drinks', label: { zh: '自制饮品制售', en: 'Drinks' } },
    ],
  },
  {
    type: 'enum',
    key: 'mainType',
    label: { zh: '主体业态', en: 'Type' },
    required: true,
    multiple: false,
    options: [{ value: 'catering', label: { zh: '餐饮服务经营者', en: 'Catering' } }],
  },
] as unknown as FormField[];

const LICENCE_FIELDS = [{ key: 'name' }, { key: 'businessItems' }, { key: 'mainType' }, { key: 'validUntil' }];

describe('a licence’s content from a case', () => {
  const form = { operatorName: '福州市鼓楼区榕城小吃店', businessItems: ['hot-food', 'drinks'], mainType: 'catering' };

  it('reads choices as the form’s Chinese labels, many joined with 、', () => {
    expect(licenceContent(LICENCE_FIELDS, { form }, FORM_FIELDS)).toEqual({
      name: '福州市鼓楼区榕城小吃店',
      businessItems: '热食类食品制售、自制饮品制售',
      mainType: '餐饮服务经营者',
    });
  });

  it('keeps the raw value without the form, and for a value the form does not offer', () => {
    expect(licenceContent(LICENCE_FIELDS, { form })).toMatchObject({
      businessItems: 'hot-food、drinks',
      mainType: 'catering',
    });
    expect(licenceContent(LICENCE_FIELDS, { form: { ...form, mainType: 'retail' } }, FORM_FIELDS).mainType).toBe(
      'retail',
    );
  });

  it('prefers the decision’s result over the form, as the officer wrote it', () => {
    const content = licenceContent(
      LICENCE_FIELDS,
      { form, outcome: { result: { mainType: '单位食堂', validUntil: '2031-12-04' } } },
      FORM_FIELDS,
    );
    expect(content).toMatchObject({
      mainType: '单位食堂',
      validUntil: '2031-12-04',
      businessItems: '热食类食品制售、自制饮品制售',
    });
  });
});
