import type { z } from 'zod';
import type { FormFieldInput, Localised } from '../../shared/domain/catalogue/form';
import type {
  bundleContentSchema,
  Department,
  LicenceType,
  matterContentSchema,
} from '../../shared/domain/catalogue/model';

/**
 * The demo service catalogue (事项库) that the local cloud loads on first start: the eight departments of a city
 * (福州市, 350100), the licence types they issue, ten matters with their 办事指南 and forms, and the two 一件事 bundles
 * of DOMAIN.md §9 (企业开办, 开餐馆). Everything goes through the normal draft → review → publish path (seed.ts),
 * so every entry here passes publishProblems (test/unit/demo-catalogue.test.ts).
 *
 * Codes: 基本编码 are 12 digits, `00` + 事项类型 (01 行政许可, 07 行政确认, 10 其他行政权力, 20 公共服务) + department
 * + matter + 子项; 实施编码 are the implementing department's 统一社会信用代码 (valid check character) + the 基本编码.
 * The departments' codes and phone numbers are fictitious demo data; the laws and their articles are real.
 */

export type MatterContentInput = z.input<typeof matterContentSchema>;
export type BundleContentInput = z.input<typeof bundleContentSchema>;

export interface DemoCatalogue {
  readonly departments: Department[];
  readonly licenceTypes: LicenceType[];
  readonly matters: { code: string; content: MatterContentInput }[];
  readonly bundles: { code: string; content: BundleContentInput }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const L = (zh: string, en: string): Localised => ({ zh, en });

type FieldType = FormFieldInput['type'];
type FieldOf<T extends FieldType> = Extract<FormFieldInput, { type: T }>;
type Extra<T extends FieldType> = Omit<FieldOf<T>, 'type' | 'key' | 'label'>;

function field<T extends FieldType>(type: T, key: string, zh: string, en: string, extra?: Extra<T>): FieldOf<T> {
  return { type, key, label: L(zh, en), ...extra } as FieldOf<T>;
}
const option = (value: string, zh: string, en: string) => ({ value, label: L(zh, en) });

type Material = MatterContentInput['materials'][number];
const SCAN = ['pdf', 'jpg', 'png', 'ofd'] as Material['fileTypes'];
const DOCUMENT = ['pdf', 'ofd'] as Material['fileTypes'];
const PHOTO = ['jpg', 'png'] as Material['fileTypes'];

/** A required electronic material of up to 10 MB, one file, unless told otherwise. */
function material(code: string, name: string, extra: Partial<Material> = {}): Material {
  return { code, name, required: true, fileTypes: SCAN, maxSizeMb: 10, maxCount: 1, form: 'electronic', ...extra };
}

/** One mapping of a merged-form field to the member forms: [matter code, field key] pairs. */
function maps(fieldKey: string, ...targets: [matterCode: string, field: string][]) {
  return { field: fieldKey, targets: targets.map(([matterCode, f]) => ({ matterCode, field: f })) };
}
function shares(code: string, name: string, ...satisfies: [matterCode: string, material: string][]) {
  return { code, name, satisfies: satisfies.map(([matterCode, m]) => ({ matterCode, material: m })) };
}

const FUZHOU = '350100';
const GULOU = '350102';
const HOURS = '工作日 上午9:00-12:00，下午14:00-17:00（法定节假日除外）';
const CENTRE = '福州市行政服务中心';

/** The implementing departments' 统一社会信用代码 (fictitious, with valid check characters): the 实施编码 prefix. */
export const DEPARTMENT_USCC: Record<string, string> = {
  SAMR: '11350100MB0101235N',
  TAX: '11350100MB0102146C',
  PSB: '11350100MB01030572',
  HRSS: '11350100MB0104112B',
  HEALTH: '11350100MB0105198D',
  URBAN: '11350102MB01060235',
  HOUSING: '11350100MB0107084Q',
  NATRES: '11350100MB0108161A',
};
const codes = (department: string, basicCode: string) => ({
  basicCode,
  implementationCode: `${DEPARTMENT_USCC[department]}${basicCode}`,
});

// ---------------------------------------------------------------------------------------------------------------
// Departments (委办局): named as in DOMAIN.md §9; the region code says which city (350100 福州市) or district (350102 鼓楼区)

const departments: Department[] = [
  {
    code: 'SAMR',
    name: '市场监督管理局',
    nameEn: 'Administration for Market Regulation',
    regionCode: FUZHOU,
    integration: { mode: 'webhook' },
    phone: '12315',
  },
  {
    code: 'TAX',
    name: '税务局',
    nameEn: 'Tax Service',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12366',
  },
  {
    code: 'PSB',
    name: '公安局',
    nameEn: 'Public Security Bureau',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12345',
  },
  {
    code: 'HRSS',
    name: '人力资源和社会保障局',
    nameEn: 'Human Resources and Social Security Bureau',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12333',
  },
  {
    code: 'HEALTH',
    name: '卫生健康委员会',
    nameEn: 'Health Commission',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12320',
  },
  {
    code: 'URBAN',
    name: '城市管理局',
    nameEn: 'Urban Management Bureau',
    regionCode: GULOU,
    integration: { mode: 'exchange' },
    phone: '12319',
  },
  {
    code: 'HOUSING',
    name: '住房和城乡建设局',
    nameEn: 'Housing and Urban-Rural Development Bureau',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12345',
  },
  {
    code: 'NATRES',
    name: '自然资源局',
    nameEn: 'Natural Resources Bureau',
    regionCode: FUZHOU,
    integration: { mode: 'todo' },
    phone: '12336',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Licence types (电子证照类型)

const cf = (key: string, zh: string, en: string, type: 'text' | 'date' | 'number' = 'text') => ({
  key,
  label: L(zh, en),
  type,
});

const licenceTypes: LicenceType[] = [
  {
    code: 'BUSINESS_LICENCE',
    name: '营业执照',
    nameEn: 'Business licence',
    issuingDepartment: 'SAMR',
    holder: 'enterprise',
    contentFields: [
      cf('uscc', '统一社会信用代码', 'Unified social credit code'),
      cf('name', '名称', 'Name'),
      cf('enterpriseType', '类型', 'Type of enterprise'),
      cf('legalRepresentative', '法定代表人', 'Legal representative'),
      cf('registeredCapital', '注册资本（万元）', 'Registered capital (10,000 yuan)', 'number'),
      cf('establishedOn', '成立日期', 'Date of establishment', 'date'),
      cf('address', '住所', 'Domicile'),
      cf('businessScope', '经营范围', 'Business scope'),
    ],
    validity: { kind: 'indefinite' },
    numberFormat: '{region}{yyyy}{seq:8}',
  },
  {
    code: 'FOOD_BUSINESS_LICENCE',
    name: '食品经营许可证',
    nameEn: 'Food business licence',
    issuingDepartment: 'SAMR',
    holder: 'enterprise',
    contentFields: [
      cf('operatorName', '经营者名称', 'Operator'),
      cf('uscc', '社会信用代码', 'Unified social credit code'),
      cf('legalRepresentative', '法定代表人（负责人）', 'Legal representative'),
      cf('premisesAddress', '经营场所', 'Business premises'),
      cf('mainBusiness', '主体业态', 'Main type of business'),
      cf('businessItems', '经营项目', 'Business items'),
    ],
    validity: { kind: 'years', years: 5 },
    numberFormat: 'JY{region}{seq:7}',
  },
  {
    code: 'PUBLIC_HYGIENE_LICENCE',
    name: '公共场所卫生许可证',
    nameEn: 'Public place hygiene licence',
    issuingDepartment: 'HEALTH',
    holder: 'enterprise',
    contentFields: [
      cf('unitName', '单位名称', 'Operator'),
      cf('legalRepresentative', '法定代表人（负责人）', 'Legal representative'),
      cf('venueAddress', '地址', 'Address'),
      cf('venueType', '许可项目', 'Licensed type of venue'),
      cf('venueArea', '经营面积（平方米）', 'Floor area (m²)', 'number'),
    ],
    validity: { kind: 'years', years: 4 },
    numberFormat: 'WS{region}{yyyy}{seq:6}',
  },
  {
    code: 'OUTDOOR_AD_PERMIT',
    name: '户外广告设置许可',
    nameEn: 'Outdoor advertising permit',
    issuingDepartment: 'URBAN',
    holder: 'any',
    contentFields: [
      cf('applicantName', '设置人', 'Permit holder'),
      cf('adLocation', '设置地点', 'Location'),
      cf('adForm', '广告形式', 'Form of advertisement'),
      cf('specification', '规格（宽×高，米）', 'Size (width × height, m)'),
      cf('validUntil', '设置期限至', 'Permitted until', 'date'),
    ],
    validity: { kind: 'years', years: 2 },
    numberFormat: 'GG{region}{yyyy}{seq:5}',
  },
  {
    code: 'CONSTRUCTION_PERMIT',
    name: '建筑工程施工许可证',
    nameEn: 'Construction permit',
    issuingDepartment: 'HOUSING',
    holder: 'enterprise',
    contentFields: [
      cf('projectName', '工程名称', 'Project'),
      cf('constructionUnit', '建设单位', 'Client (developer)'),
      cf('projectAddress', '建设地址', 'Site'),
      cf('buildingArea', '建设规模（平方米）', 'Floor area (m²)', 'number'),
      cf('contractPrice', '合同价格（万元）', 'Contract price (10,000 yuan)', 'number'),
      cf('contractorName', '施工单位', 'Contractor'),
      cf('plannedStart', '合同开工日期', 'Contracted start', 'date'),
      cf('plannedEnd', '合同竣工日期', 'Contracted completion', 'date'),
    ],
    validity: { kind: 'indefinite' },
    numberFormat: '{region}{yyyy}{seq:6}0101',
  },
  {
    code: 'REAL_ESTATE_CERTIFICATE',
    name: '不动产权证书',
    nameEn: 'Real estate title certificate',
    issuingDepartment: 'NATRES',
    holder: 'any',
    contentFields: [
      cf('holderName', '权利人', 'Right holder'),
      cf('coOwnership', '共有情况', 'Co-ownership'),
      cf('location', '坐落', 'Location'),
      cf('unitNumber', '不动产单元号', 'Real estate unit number'),
      cf('rightType', '权利类型', 'Type of right'),
      cf('usage', '用途', 'Use'),
      cf('area', '面积（平方米）', 'Area (m²)', 'number'),
      cf('landUseTerm', '使用期限', 'Term of land use'),
    ],
    validity: { kind: 'indefinite' },
    numberFormat: '{region}{yyyy}{seq:7}',
  },
  {
    code: 'SOCIAL_INSURANCE_REGISTRATION',
    name: '社会保险登记证明',
    nameEn: 'Social insurance registration certificate',
    issuingDepartment: 'HRSS',
    holder: 'enterprise',
    contentFields: [
      cf('unitName', '单位名称', 'Employer'),
      cf('uscc', '统一社会信用代码', 'Unified social credit code'),
      cf('insuranceTypes', '参保险种', 'Insurance schemes'),
      cf('registeredOn', '登记日期', 'Date of registration', 'date'),
    ],
    validity: { kind: 'indefinite' },
    numberFormat: 'SB{region}{seq:8}',
  },
  {
    code: 'SEAL_FILING',
    name: '印章备案证明',
    nameEn: 'Seal filing certificate',
    issuingDepartment: 'PSB',
    holder: 'enterprise',
    contentFields: [
      cf('unitName', '用章单位', 'Seal owner'),
      cf('uscc', '统一社会信用代码', 'Unified social credit code'),
      cf('sealTypes', '印章种类', 'Seals'),
      cf('engraver', '刻制企业', 'Engraver'),
      cf('filedOn', '备案日期', 'Date of filing', 'date'),
    ],
    validity: { kind: 'indefinite' },
    numberFormat: 'YZ{region}{yyyy}{seq:6}',
  },
  {
    code: 'RESIDENT_ID',
    name: '居民身份证',
    nameEn: 'Resident identity card',
    issuingDepartment: 'PSB',
    holder: 'citizen',
    contentFields: [
      cf('name', '姓名', 'Name'),
      cf('gender', '性别', 'Sex'),
      cf('ethnicity', '民族', 'Ethnic group'),
      cf('birthDate', '出生', 'Date of birth', 'date'),
      cf('address', '住址', 'Address'),
      cf('idNumber', '公民身份号码', 'ID number'),
    ],
    validity: { kind: 'years', years: 20 },
    numberFormat: '{region}{yyyy}{seq:8}',
  },
  {
    code: 'RESIDENCE_PERMIT',
    name: '居住证',
    nameEn: 'Residence permit',
    issuingDepartment: 'PSB',
    holder: 'citizen',
    contentFields: [
      cf('name', '姓名', 'Name'),
      cf('idNumber', '公民身份号码', 'ID number'),
      cf('residenceAddress', '居住地住址', 'Address of residence'),
      cf('issuedOn', '签发日期', 'Date of issue', 'date'),
    ],
    validity: { kind: 'years', years: 1 },
    numberFormat: 'JZ{region}{yyyy}{seq:7}',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Form fields shared by several forms (the same definition in a member form and in a bundle's merged form)

const uscc = field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', { prefill: 'profile.uscc' });
/** In a bundle the enterprise does not exist yet: its code comes from the business licence that the first wave issues. */
const usccFromRegistration = field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', {
  required: false,
  prefill: 'licence:BUSINESS_LICENCE.uscc',
  help: L(
    '无需填写：企业设立登记办结后，由营业执照自动回填到后续事项',
    'Leave blank: filled in from the business licence once the company is registered',
  ),
});
const contactMobile = field('mobile', 'contactMobile', '联系电话', 'Contact mobile number', {
  prefill: 'profile.mobile',
});
const legalRepIdNumber = field(
  'idNumber',
  'legalRepIdNumber',
  '法定代表人身份证号码',
  'ID number of the legal representative',
);
const legalRepFromLicence = field('text', 'legalRepName', '法定代表人姓名', 'Name of the legal representative', {
  maxLength: 50,
  prefill: 'licence:BUSINESS_LICENCE.legalRepresentative',
});

const enterpriseType = field('enum', 'enterpriseType', '企业类型', 'Type of enterprise', {
  options: [
    option('llc', '有限责任公司', 'Limited liability company'),
    option('llc-sole', '有限责任公司（自然人独资）', 'One-person limited liability company'),
    option('jsc', '股份有限公司', 'Company limited by shares'),
    option('sole-proprietorship', '个人独资企业', 'Sole proprietorship'),
    option('partnership', '合伙企业', 'Partnership'),
  ],
});
const registeredCapital = field('number', 'registeredCapital', '注册资本（万元）', 'Registered capital (10,000 yuan)', {
  min: 0.01,
  max: 10_000_000,
});
const companyAddress = field('address', 'address', '住所', 'Domicile (registered address)');
const businessScope = field('text', 'businessScope', '经营范围', 'Business scope', {
  maxLength: 2000,
  help: L(
    '按《经营范围登记规范表述目录》选择规范表述，涉及许可的项目另行申请许可',
    'Use the standard wording of the business scope catalogue; licensed activities need their licence as well',
  ),
});
const shareholders = field('group', 'shareholders', '股东（出资人）', 'Shareholders', {
  minItems: 1,
  maxItems: 50,
  fields: [
    field('enum', 'holderType', '股东类型', 'Type of shareholder', {
      options: [
        option('natural', '自然人', 'Natural person'),
        option('legal', '法人或其他组织', 'Legal person or other organisation'),
      ],
    }),
    field('text', 'name', '股东名称或姓名', 'Name', { maxLength: 100 }),
    field('idNumber', 'idNumber', '身份证号码', 'ID number', {
      required: false,
      help: L('自然人股东填写', 'For a natural person'),
    }),
    field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', {
      required: false,
      help: L('法人股东填写', 'For a legal person'),
    }),
    field('number', 'subscribedCapital', '认缴出资额（万元）', 'Subscribed capital (10,000 yuan)', { min: 0.01 }),
    field('enum', 'contributionMethod', '出资方式', 'Form of contribution', {
      multiple: true,
      options: [
        option('cash', '货币', 'Cash'),
        option('in-kind', '实物', 'In kind'),
        option('ip', '知识产权', 'Intellectual property'),
        option('land', '土地使用权', 'Land use right'),
        option('equity', '股权', 'Equity'),
      ],
    }),
    field('date', 'contributionDeadline', '认缴出资期限', 'Contribution due by', {
      min: 'today',
      help: L(
        '有限责任公司全体股东认缴的出资额应当自公司成立之日起五年内缴足',
        'A limited liability company’s subscribed capital is paid in full within five years of its establishment',
      ),
    }),
  ],
});

const foodMainBusiness = field('enum', 'mainBusiness', '主体业态', 'Main type of business', {
  options: [
    option('catering', '餐饮服务经营者', 'Catering service'),
    option('food-sales', '食品销售经营者', 'Food retail'),
    option('canteen', '单位食堂', 'Canteen'),
  ],
});
const foodBusinessItems = field('enum', 'businessItems', '经营项目', 'Business items', {
  multiple: true,
  options: [
    option('prepackaged', '预包装食品销售（含冷藏冷冻食品）', 'Pre-packaged food sales (incl. chilled and frozen)'),
    option('bulk', '散装食品销售', 'Bulk food sales'),
    option('hot-food', '热食类食品制售', 'Hot food'),
    option('cold-food', '冷食类食品制售', 'Cold food'),
    option('raw-food', '生食类食品制售', 'Raw food'),
    option('pastry', '糕点类食品制售', 'Pastries'),
    option('drinks', '自制饮品制售', 'Home-made drinks'),
  ],
});
const premisesArea = field('number', 'premisesArea', '经营场所面积（平方米）', 'Floor area of the premises (m²)', {
  min: 1,
  max: 100_000,
});
const foodSafetyManager = field('text', 'foodSafetyManager', '食品安全管理人员', 'Food safety manager', {
  maxLength: 50,
});
/** Asked only of those who sell online (网络食品经营 is registered with the platform named here). */
const onlinePlatform = field('text', 'onlinePlatform', '网络经营平台名称', 'Online platform', {
  maxLength: 100,
  help: L('如：美团外卖、饿了么；多个平台用顿号分隔', 'e.g. Meituan, Ele.me; separate several with commas'),
  visibleWhen: { field: 'onlineSales', in: [true] },
});
const staff = field('group', 'staff', '从业人员', 'Food handlers', {
  minItems: 1,
  maxItems: 200,
  fields: [
    field('text', 'name', '姓名', 'Name', { maxLength: 50 }),
    field('idNumber', 'idNumber', '身份证号码', 'ID number'),
    field('enum', 'position', '岗位', 'Position', {
      options: [
        option('chef', '厨师', 'Cook'),
        option('kitchen-hand', '帮厨', 'Kitchen hand'),
        option('waiter', '服务员', 'Waiter'),
        option('safety-officer', '食品安全员', 'Food safety officer'),
        option('other', '其他', 'Other'),
      ],
    }),
    field('text', 'healthCertNumber', '健康证明编号', 'Health certificate number', {
      required: false,
      maxLength: 50,
      help: L(
        '尚未取得健康证明的可暂不填写（容缺受理），现场核查前补交',
        'May be left blank for now (容缺) and handed in before the on-site check',
      ),
    }),
    field('date', 'healthCertValidUntil', '健康证明有效期至', 'Health certificate valid until', {
      required: false,
      min: 'today',
    }),
  ],
});
const venueType = field('enum', 'venueType', '公共场所类别', 'Type of public place', {
  options: [
    option('restaurant', '饭馆（餐厅）', 'Restaurant'),
    option('cafe-bar', '咖啡馆、酒吧、茶座', 'Café, bar or tea house'),
    option('hotel', '宾馆、旅店、招待所', 'Hotel or guest house'),
    option('bathhouse', '公共浴室（含足浴、桑拿）', 'Bathhouse (incl. foot spa, sauna)'),
    option('barber-beauty', '理发店、美容店', 'Barber or beauty salon'),
    option('entertainment', '影剧院、歌舞厅、游艺厅', 'Cinema, dance hall or games arcade'),
    option('swimming', '游泳场（馆）', 'Swimming pool'),
    option('store', '商场（店）、书店', 'Shop or bookshop'),
  ],
});
const employeeCount = field('number', 'employeeCount', '从业人员人数', 'Number of employees', {
  min: 1,
  max: 10_000,
  integer: true,
});
const adForm = field('enum', 'adForm', '广告形式', 'Form of advertisement', {
  options: [
    option('shop-sign', '门头招牌', 'Shop sign'),
    option('light-box', '灯箱', 'Light box'),
    option('wall', '墙体广告', 'Wall advertisement'),
    option('led-screen', '电子显示屏', 'LED screen'),
    option('free-standing', '落地式广告牌', 'Free-standing billboard'),
  ],
});
const adWidth = field('number', 'widthM', '宽度（米）', 'Width (m)', { min: 0.1, max: 100 });
const adHeight = field('number', 'heightM', '高度（米）', 'Height (m)', { min: 0.1, max: 50 });
const adContent = field('text', 'adContent', '广告内容', 'Text of the advertisement', { maxLength: 200 });
const adPeriod = field('number', 'periodMonths', '申请设置期限（月）', 'Requested period (months)', {
  min: 1,
  max: 24,
  integer: true,
});
const adLocation = field('address', 'adLocation', '设置地点', 'Location of the advertisement');

const sealTypes = field('enum', 'sealTypes', '刻制印章种类', 'Seals to engrave', {
  multiple: true,
  options: [
    option('official', '单位公章', 'Official seal'),
    option('finance', '财务专用章', 'Finance seal'),
    option('invoice', '发票专用章', 'Invoice seal'),
    option('contract', '合同专用章', 'Contract seal'),
    option('legal-rep', '法定代表人名章', 'Legal representative’s name seal'),
  ],
});
const engraver = field('text', 'engraver', '刻章企业', 'Seal engraving company', {
  maxLength: 100,
  help: L('可自主选择已在公安机关备案的任一刻章企业', 'Any engraver on the police register may be chosen'),
});
const electronicSeal = field('boolean', 'electronicSeal', '同步申领电子印章', 'Also issue electronic seals', {
  required: false,
});

const taxpayerKind = field('enum', 'taxpayerKind', '增值税纳税人类型', 'VAT taxpayer status', {
  options: [
    option('small-scale', '小规模纳税人', 'Small-scale taxpayer'),
    option('general', '一般纳税人', 'General taxpayer'),
  ],
});
const invoiceTypes = field('enum', 'invoiceTypes', '申领发票种类', 'Invoices applied for', {
  multiple: true,
  options: [
    option('digital-special', '数电发票（增值税专用发票）', 'Fully digital invoice (special VAT invoice)'),
    option('digital-ordinary', '数电发票（普通发票）', 'Fully digital invoice (ordinary invoice)'),
  ],
});
const monthlyInvoiceLimit = field(
  'number',
  'monthlyLimitYuan',
  '申请月开票额度（元）',
  'Requested monthly invoicing limit (yuan)',
  { min: 1, max: 100_000_000 },
);
const handlerName = field('text', 'handlerName', '办税人员姓名', 'Name of the tax handler', { maxLength: 50 });
const handlerIdNumber = field('idNumber', 'handlerIdNumber', '办税人员身份证号码', 'ID number of the tax handler');
const handlerMobile = field('mobile', 'handlerMobile', '办税人员手机号码', 'Mobile number of the tax handler', {
  help: L('用于实名办税身份验证', 'Used for real-name tax identity checks'),
});

const insuranceTypes = field('enum', 'insuranceTypes', '参保险种', 'Insurance schemes', {
  multiple: true,
  options: [
    option('pension', '企业职工基本养老保险', 'Basic pension insurance for employees'),
    option('unemployment', '失业保险', 'Unemployment insurance'),
    option('injury', '工伤保险', 'Work injury insurance'),
  ],
});
const bankName = field('text', 'bankName', '缴费开户银行', 'Bank of the contribution account', { maxLength: 100 });
const bankAccount = field('text', 'bankAccount', '缴费银行账号', 'Contribution account number', {
  maxLength: 30,
  pattern: '\\d{8,30}',
  patternMessage: L('银行账号为8至30位数字', 'An account number has 8 to 30 digits'),
});
const contactName = field('text', 'contactName', '社保经办人', 'Social insurance contact person', { maxLength: 50 });
const insuredCount = field('number', 'insuredCount', '首次参保人数', 'Employees enrolled at first', {
  required: false,
  min: 0,
  integer: true,
});

// ---------------------------------------------------------------------------------------------------------------
// Matters (事项)

const companyRegistration: MatterContentInput = {
  ...codes('SAMR', '000105002000'),
  name: '企业设立登记',
  nameEn: 'Registration of a new enterprise',
  subItems: [
    { code: '000105002001', name: '有限责任公司设立登记' },
    { code: '000105002002', name: '股份有限公司设立登记' },
    { code: '000105002003', name: '个人独资企业、合伙企业设立登记' },
  ],
  type: '行政许可',
  legalBasis: [
    { law: '《中华人民共和国市场主体登记管理条例》', article: '第三条、第十九条' },
    { law: '《中华人民共和国公司法》', article: '第二十九条' },
    { law: '《中华人民共和国市场主体登记管理条例实施细则》' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: [
    '企业名称符合《企业名称登记管理规定》，且未与同一登记机关已登记的名称相同',
    '住所真实、合法，可用于经营',
    '申请材料齐全、符合法定形式',
  ],
  legalLimitDays: 3,
  promisedLimitDays: 1,
  fees: { charged: false },
  yieldsLicenceType: 'BUSINESS_LICENCE',
  channels: ['online', 'mobile', 'window', 'self-service'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: true },
  department: 'SAMR',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['企业开办'],
  synonyms: ['营业执照办理', '注册公司', '开公司', '办执照', '工商注册'],
  materials: [
    material('articles', '公司章程', { fileTypes: DOCUMENT, description: '全体股东签署，可使用电子签名' }),
    material('legalRepIdCard', '法定代表人身份证件', {
      replaceableBy: 'RESIDENT_ID',
      maxCount: 2,
      form: 'copy',
      description: '已有居民身份证电子证照的免于提交',
    }),
    material('shareholderQualification', '股东主体资格证明', {
      maxCount: 10,
      form: 'copy',
      description: '自然人股东提交身份证件，法人股东提交营业执照',
    }),
    material('premisesProof', '住所使用证明', {
      replaceableBy: 'REAL_ESTATE_CERTIFICATE',
      maxCount: 5,
      form: 'copy',
      description: '自有房产可由不动产权证书电子证照免提交；租赁的提交租赁合同及出租方产权证明',
    }),
    material('appointmentDocs', '法定代表人、董事、监事和经理的任职文件', { fileTypes: DOCUMENT, maxCount: 5 }),
    material('agentAuthorisation', '指定代表或者共同委托代理人授权委托书', {
      required: false,
      form: 'copy',
      description: '委托他人代办的提交',
    }),
  ],
  form: {
    fields: [
      field('text', 'companyName', '企业名称', 'Name of the enterprise', {
        minLength: 4,
        maxLength: 100,
        help: L(
          '行政区划 + 字号 + 行业 + 组织形式，如：福州市闽江餐饮管理有限公司',
          'Region + trade name + industry + legal form',
        ),
      }),
      enterpriseType,
      registeredCapital,
      companyAddress,
      businessScope,
      field('text', 'legalRepName', '法定代表人姓名', 'Name of the legal representative', {
        maxLength: 50,
        prefill: 'profile.name',
      }),
      field('idNumber', 'legalRepIdNumber', '法定代表人身份证号码', 'ID number of the legal representative', {
        prefill: 'profile.idNumber',
      }),
      contactMobile,
      shareholders,
    ],
  },
  procedure: {
    acceptance: 'auto',
    stages: [{ name: '登记审查', tasks: [{ department: 'SAMR', name: '企业设立登记审查', timeLimitDays: 1 }] }],
  },
  guide: {
    location: `${CENTRE}市场监管窗口（企业开办专区）`,
    hours: HOURS,
    phone: '12345',
    notes: '全程网办：通过“e福州”或福建省网上办事大厅申请，营业执照可邮寄送达或自助打印。',
  },
};

const foodBusinessLicence: MatterContentInput = {
  ...codes('SAMR', '000105011000'),
  name: '食品经营许可',
  nameEn: 'Food business licence',
  subItems: [
    { code: '000105011001', name: '食品经营许可（新办）' },
    { code: '000105011002', name: '食品经营许可（变更）' },
    { code: '000105011003', name: '食品经营许可（延续）' },
  ],
  type: '行政许可',
  legalBasis: [
    { law: '《中华人民共和国食品安全法》', article: '第三十五条' },
    { law: '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）' },
    { law: '《中华人民共和国行政许可法》', article: '第四十二条' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: [
    '已取得营业执照等合法主体资格',
    '具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所',
    '具有与经营的食品品种、数量相适应的经营设备或者设施',
    '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度',
    '具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染',
  ],
  legalLimitDays: 10,
  promisedLimitDays: 5,
  fees: { charged: false },
  yieldsLicenceType: 'FOOD_BUSINESS_LICENCE',
  channels: ['online', 'window', 'mobile'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: false },
  department: 'SAMR',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['餐饮', '企业开办'],
  synonyms: ['食品许可', '开饭店', '开餐馆', '餐饮许可证', '办证'],
  materials: [
    material('businessLicence', '营业执照', { replaceableBy: 'BUSINESS_LICENCE', form: 'copy' }),
    material('legalRepIdCard', '法定代表人（负责人）身份证件', {
      replaceableBy: 'RESIDENT_ID',
      maxCount: 2,
      form: 'copy',
    }),
    material('floorPlan', '经营场所平面图', {
      maxCount: 5,
      description: '与食品经营项目相适应的经营场所和设备布局、加工流程、卫生设施等示意图',
    }),
    material('equipmentList', '主要设备设施清单', { fileTypes: DOCUMENT }),
    material('foodSafetyRules', '食品安全管理制度', {
      fileTypes: DOCUMENT,
      maxCount: 3,
      description: '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等制度',
    }),
    material('healthCertificates', '从业人员健康证明', {
      tolerable: true,
      maxCount: 20,
      form: 'copy',
      description: '容缺受理：受理时可暂缺，应当在现场核查前补交',
    }),
    material('foodSafetyManagerAppointment', '食品安全管理人员任命文件', { required: false, fileTypes: DOCUMENT }),
    material('agentAuthorisation', '委托代理人授权委托书', {
      required: false,
      form: 'copy',
      description: '委托他人代办的提交',
    }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'operatorName', '经营者名称', 'Operator', { maxLength: 100, prefill: 'profile.name' }),
      legalRepFromLicence,
      legalRepIdNumber,
      field('address', 'premisesAddress', '经营场所', 'Business premises'),
      foodMainBusiness,
      foodBusinessItems,
      premisesArea,
      foodSafetyManager,
      field('boolean', 'onlineSales', '是否通过网络经营', 'Sells online', { required: false }),
      onlinePlatform,
      staff,
      contactMobile,
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      {
        name: '材料审查',
        tasks: [
          { department: 'SAMR', name: '食品经营许可材料审查', timeLimitDays: 2 },
          { department: 'HEALTH', name: '从业人员健康证明核验', timeLimitDays: 2 },
        ],
      },
      { name: '现场核查', tasks: [{ department: 'SAMR', name: '经营场所现场核查', timeLimitDays: 2 }] },
      { name: '审批决定', tasks: [{ department: 'SAMR', name: '许可审批决定', timeLimitDays: 1 }] },
    ],
    pausableFor: ['on-site-verification'],
  },
  guide: {
    location: `${CENTRE}市场监管窗口`,
    hours: HOURS,
    phone: '12345',
    notes: '现场核查时间不计入办理时限。从业人员健康证明可容缺受理，须在现场核查前补交。',
  },
};

const publicHygieneLicence: MatterContentInput = {
  ...codes('HEALTH', '000109005000'),
  name: '公共场所卫生许可',
  nameEn: 'Public place hygiene licence',
  subItems: [
    { code: '000109005001', name: '公共场所卫生许可（新办）' },
    { code: '000109005002', name: '公共场所卫生许可（变更）' },
    { code: '000109005003', name: '公共场所卫生许可（延续）' },
  ],
  type: '行政许可',
  legalBasis: [
    { law: '《公共场所卫生管理条例》', article: '第四条、第八条' },
    { law: '《公共场所卫生管理条例实施细则》', article: '第二十二条' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: [
    '已取得营业执照',
    '场所的空气、微小气候、水质、采光、照明、噪声、顾客用品用具等符合国家卫生标准和要求',
    '直接为顾客服务的从业人员取得健康合格证明',
    '建立卫生管理制度，配备专（兼）职卫生管理人员',
  ],
  legalLimitDays: 20,
  promisedLimitDays: 5,
  fees: { charged: false },
  yieldsLicenceType: 'PUBLIC_HYGIENE_LICENCE',
  channels: ['online', 'window'],
  flags: { immediate: false, commitmentAllowed: true, fullyOnline: false },
  // 告知承诺制 (seed 000, 《广州市优化营商环境条例》第三十三条): the commitment replaces the test report and the
  // hygiene rules; the health commission checks within 30 working days.
  commitment: {
    materials: ['hygieneTestReport', 'hygieneRules'],
    conditions: [
      '场所的空气、微小气候、水质、采光、照明、噪声、顾客用品用具等符合国家卫生标准和要求',
      '已建立卫生管理制度，配备专（兼）职卫生管理人员',
    ],
    text: '本单位已知晓发证机关告知的全部许可条件和要求，承诺：所填报的信息和提交的材料真实、准确、有效；经营场所符合公共场所卫生标准和要求，已建立卫生管理制度并配备卫生管理人员；本单位愿意接受发证机关的事后核查。',
    textEn:
      'We know all the conditions and requirements the licensing authority told us, and we commit that: what we filled in and handed in is true, accurate and valid; the premises meet the public-venue hygiene standards, and hygiene rules and staff are in place; we accept the authority’s post-check.',
    consequences:
      '承诺不实的，发证机关依法撤销许可决定、作废电子证照，并将承诺人未履行承诺的情况纳入公共信用信息管理系统，依法追究相应责任。',
    consequencesEn:
      'If the commitment is false, the authority revokes the decision and the e-licence, records the breach in the public credit system, and pursues liability under the law.',
    postCheckDays: 30,
  },
  department: 'HEALTH',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['餐饮', '公共卫生'],
  synonyms: ['卫生许可证', '卫生证', '公共场所许可', '办证'],
  materials: [
    material('businessLicence', '营业执照', { replaceableBy: 'BUSINESS_LICENCE', form: 'copy' }),
    material('legalRepIdCard', '法定代表人（负责人）身份证件', {
      replaceableBy: 'RESIDENT_ID',
      maxCount: 2,
      form: 'copy',
    }),
    material('floorPlan', '公共场所地址方位示意图、平面图和卫生设施平面布局图', { maxCount: 5 }),
    material('hygieneRules', '公共场所卫生管理制度', { fileTypes: DOCUMENT }),
    material('healthCertificates', '从业人员健康合格证明', {
      tolerable: true,
      maxCount: 20,
      form: 'copy',
      description: '容缺受理：可在现场审查前补交',
    }),
    material('hygieneTestReport', '公共场所卫生检测或者评价报告', {
      tolerable: true,
      fileTypes: DOCUMENT,
      description: '由具备资质的检测机构出具；容缺受理的应在审批决定前补交',
    }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'unitName', '单位名称', 'Operator', { maxLength: 100, prefill: 'profile.name' }),
      legalRepFromLicence,
      field('address', 'venueAddress', '场所地址', 'Address of the venue'),
      venueType,
      field('number', 'venueArea', '经营面积（平方米）', 'Floor area (m²)', { min: 1, max: 100_000 }),
      employeeCount,
      contactMobile,
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      { name: '材料审查', tasks: [{ department: 'HEALTH', name: '卫生许可材料审查', timeLimitDays: 2 }] },
      { name: '现场审查', tasks: [{ department: 'HEALTH', name: '卫生监督现场审查', timeLimitDays: 2 }] },
      { name: '审批发证', tasks: [{ department: 'HEALTH', name: '许可决定与发证', timeLimitDays: 1 }] },
    ],
    pausableFor: ['on-site-verification', 'testing'],
  },
  guide: {
    location: `${CENTRE}卫生健康窗口`,
    hours: HOURS,
    phone: '12345',
    notes: '卫生许可证有效期四年，每两年复核一次。卫生检测时间不计入办理时限。',
  },
};

const outdoorAdPermit: MatterContentInput = {
  ...codes('URBAN', '000123003000'),
  name: '户外广告设置许可',
  nameEn: 'Outdoor advertising permit',
  subItems: [
    { code: '000123003001', name: '门头招牌、灯箱设置' },
    { code: '000123003002', name: '大型户外广告设置' },
  ],
  type: '行政许可',
  legalBasis: [
    { law: '《城市市容和环境卫生管理条例》', article: '第十一条' },
    { law: '《中华人民共和国广告法》', article: '第四十一条' },
  ],
  audience: ['enterprise', 'citizen'],
  acceptanceConditions: [
    '符合户外广告设置规划和安全要求',
    '设置位置、规格、形式与周边环境相协调，不影响市容、交通和消防安全',
    '申请人对设置场地享有使用权或者已取得权利人同意',
  ],
  legalLimitDays: 20,
  promisedLimitDays: 7,
  fees: { charged: false },
  yieldsLicenceType: 'OUTDOOR_AD_PERMIT',
  channels: ['online', 'window'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: false },
  department: 'URBAN',
  regionLevel: 'district',
  regionCode: GULOU,
  themes: ['餐饮', '市容管理'],
  synonyms: ['招牌审批', '门头招牌', '店招', '广告牌审批', '户外广告'],
  materials: [
    material('businessLicence', '营业执照', {
      required: false,
      replaceableBy: 'BUSINESS_LICENCE',
      form: 'copy',
      description: '企业申请人提交（个人申请人提交身份证件）',
    }),
    material('designDrawing', '户外广告设计效果图', {
      maxCount: 5,
      description: '标明位置、尺寸、材质、色彩，附实景合成效果图',
    }),
    material('siteProof', '场地使用证明', {
      replaceableBy: 'REAL_ESTATE_CERTIFICATE',
      maxCount: 5,
      form: 'copy',
      description: '产权证明或租赁合同；自有房产可由不动产权证书电子证照免提交',
    }),
    material('structuralSafety', '结构安全证明', {
      required: false,
      fileTypes: DOCUMENT,
      description: '大型户外广告或设置在建筑物高处的，提交具有资质的单位出具的结构安全证明',
    }),
    material('ownerConsent', '业主或相关权利人同意书', {
      required: false,
      description: '在他人建筑物、构筑物上设置的提交',
    }),
  ],
  form: {
    fields: [
      field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', {
        required: false,
        prefill: 'profile.uscc',
        help: L('企业申请人填写', 'For an enterprise applicant'),
      }),
      field('idNumber', 'idNumber', '身份证号码', 'ID number', {
        required: false,
        prefill: 'profile.idNumber',
        help: L('个人申请人填写', 'For an individual applicant'),
      }),
      field('text', 'applicantName', '设置人名称', 'Applicant', { maxLength: 100, prefill: 'profile.name' }),
      adLocation,
      adForm,
      adWidth,
      adHeight,
      adContent,
      adPeriod,
      field('boolean', 'illuminated', '是否设置亮化或电子显示', 'Illuminated or electronic', { required: false }),
      contactMobile,
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      { name: '受理审查', tasks: [{ department: 'URBAN', name: '设置方案审查', timeLimitDays: 3 }] },
      { name: '现场勘查', tasks: [{ department: 'URBAN', name: '设置地点现场勘查', timeLimitDays: 2 }] },
      { name: '审批决定', tasks: [{ department: 'URBAN', name: '许可审批决定', timeLimitDays: 2 }] },
    ],
    pausableFor: ['on-site-verification', 'expert-review', 'public-notice'],
  },
  guide: {
    location: '鼓楼区行政服务中心城管窗口',
    hours: HOURS,
    phone: '12345',
    notes:
      '大型户外广告需组织专家论证并公示，论证和公示时间不计入办理时限。许可期限最长两年，期满需继续设置的应在期满30日前申请延续。',
  },
};

const sealFiling: MatterContentInput = {
  ...codes('PSB', '001004006000'),
  name: '公章刻制备案',
  nameEn: 'Filing of official seals',
  type: '其他行政权力',
  legalBasis: [
    { law: '《国务院关于第三批取消中央指定地方实施行政许可事项的决定》（国发〔2017〕7号）' },
    { law: '《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》（国发〔1999〕25号）' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: ['已取得营业执照', '在公安机关备案的刻章企业刻制'],
  legalLimitDays: 1,
  promisedLimitDays: 0,
  fees: { charged: false },
  yieldsLicenceType: 'SEAL_FILING',
  channels: ['online', 'mobile', 'window'],
  flags: { immediate: true, commitmentAllowed: false, fullyOnline: true },
  department: 'PSB',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['企业开办'],
  synonyms: ['刻章', '刻公章', '印章备案', '公章刻制'],
  materials: [
    material('businessLicence', '营业执照', { replaceableBy: 'BUSINESS_LICENCE', form: 'copy' }),
    material('legalRepIdCard', '法定代表人身份证件', { replaceableBy: 'RESIDENT_ID', maxCount: 2, form: 'copy' }),
    material('handlerIdCard', '经办人身份证件', {
      required: false,
      replaceableBy: 'RESIDENT_ID',
      maxCount: 2,
      form: 'copy',
      description: '委托他人办理的提交',
    }),
    material('sealImpressions', '印模', {
      required: false,
      fileTypes: PHOTO,
      maxCount: 5,
      description: '由刻章企业刻制后上传',
    }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'companyName', '单位名称', 'Name of the unit', { maxLength: 100, prefill: 'profile.name' }),
      legalRepFromLicence,
      legalRepIdNumber,
      sealTypes,
      engraver,
      electronicSeal,
      contactMobile,
    ],
  },
  procedure: {
    acceptance: 'auto',
    stages: [{ name: '备案', tasks: [{ department: 'PSB', name: '印章刻制备案', timeLimitDays: 1 }] }],
  },
  guide: {
    location: `${CENTRE}公安窗口（企业开办专区）`,
    hours: HOURS,
    phone: '12345',
    notes: '即办件：材料齐全的当场备案。新开办企业首套印章由政府购买服务免费刻制。',
  },
};

const invoiceApplication: MatterContentInput = {
  ...codes('TAX', '001012015000'),
  name: '发票申领',
  nameEn: 'Application for invoices',
  subItems: [
    { code: '001012015001', name: '新办纳税人首次申领发票' },
    { code: '001012015002', name: '发票票种核定调整' },
  ],
  type: '其他行政权力',
  legalBasis: [
    { law: '《中华人民共和国发票管理办法》', article: '第十五条' },
    { law: '《中华人民共和国税收征收管理法》', article: '第二十一条' },
    { law: '《中华人民共和国发票管理办法实施细则》' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: ['已办理登记信息确认', '办税人员已完成实名认证'],
  legalLimitDays: 5,
  promisedLimitDays: 1,
  fees: { charged: false },
  channels: ['online', 'mobile', 'window'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: true },
  department: 'TAX',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['企业开办', '税务'],
  synonyms: ['领发票', '申领发票', '发票领用', '数电发票', '开票'],
  materials: [
    material('handlerIdCard', '办税人员身份证件', { replaceableBy: 'RESIDENT_ID', maxCount: 2, form: 'copy' }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'taxpayerName', '纳税人名称', 'Taxpayer', { maxLength: 100, prefill: 'profile.name' }),
      taxpayerKind,
      invoiceTypes,
      monthlyInvoiceLimit,
      handlerName,
      handlerIdNumber,
      handlerMobile,
    ],
  },
  procedure: {
    acceptance: 'auto',
    stages: [{ name: '发票核定', tasks: [{ department: 'TAX', name: '发票票种及开票额度核定', timeLimitDays: 1 }] }],
  },
  guide: {
    location: `${CENTRE}税务窗口（企业开办专区）`,
    hours: HOURS,
    phone: '12366',
    notes: '通过电子税务局全程网办。新办纳税人首次申领，当日可开具数电发票。',
  },
};

const socialInsuranceRegistration: MatterContentInput = {
  ...codes('HRSS', '002013001000'),
  name: '社会保险登记',
  nameEn: 'Social insurance registration of an employer',
  subItems: [{ code: '002013001001', name: '用人单位社会保险登记' }],
  type: '公共服务',
  legalBasis: [
    { law: '《中华人民共和国社会保险法》', article: '第五十七条' },
    { law: '《社会保险费征缴暂行条例》', article: '第七条' },
    { law: '《社会保险登记管理暂行办法》' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: ['已取得营业执照', '自成立之日起三十日内申请'],
  legalLimitDays: 15,
  promisedLimitDays: 1,
  fees: { charged: false },
  yieldsLicenceType: 'SOCIAL_INSURANCE_REGISTRATION',
  channels: ['online', 'mobile', 'window'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: true },
  department: 'HRSS',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['企业开办', '社保'],
  synonyms: ['社保开户', '单位参保登记', '社保登记', '企业社保'],
  materials: [
    material('businessLicence', '营业执照', { replaceableBy: 'BUSINESS_LICENCE', form: 'copy' }),
    material('bankAccountProof', '单位银行开户证明', {
      required: false,
      form: 'copy',
      description: '开户许可证或基本存款账户信息',
    }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'unitName', '单位名称', 'Employer', { maxLength: 100, prefill: 'profile.name' }),
      legalRepFromLicence,
      insuranceTypes,
      bankName,
      bankAccount,
      contactName,
      contactMobile,
      insuredCount,
    ],
  },
  procedure: {
    acceptance: 'auto',
    stages: [{ name: '登记审核', tasks: [{ department: 'HRSS', name: '单位参保登记审核', timeLimitDays: 1 }] }],
  },
  guide: {
    location: `${CENTRE}人社窗口（企业开办专区）`,
    hours: HOURS,
    phone: '12333',
    notes: '用人单位应当自成立之日起三十日内办理社会保险登记。医疗保险登记由医疗保障部门同步办理。',
  },
};

const constructionPermit: MatterContentInput = {
  ...codes('HOUSING', '000115001000'),
  name: '建筑工程施工许可',
  nameEn: 'Construction permit',
  subItems: [
    { code: '000115001001', name: '房屋建筑工程施工许可' },
    { code: '000115001002', name: '市政基础设施工程施工许可' },
  ],
  type: '行政许可',
  legalBasis: [
    { law: '《中华人民共和国建筑法》', article: '第七条、第八条' },
    { law: '《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）' },
  ],
  audience: ['enterprise'],
  acceptanceConditions: [
    '已经办理该建筑工程用地批准手续',
    '依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证',
    '已经确定施工企业',
    '有满足施工需要的资金安排、施工图纸及技术资料',
    '有保证工程质量和安全的具体措施',
  ],
  legalLimitDays: 7,
  promisedLimitDays: 3,
  fees: { charged: false },
  yieldsLicenceType: 'CONSTRUCTION_PERMIT',
  channels: ['online', 'window'],
  flags: { immediate: false, commitmentAllowed: true, fullyOnline: true },
  // 告知承诺制 for works permits (seed 001: 推广承诺制信任审批): the drawings' review certificate and the quality and
  // safety measures may follow the commitment; the housing bureau checks within 20 working days.
  commitment: {
    materials: ['drawingReview', 'qualitySafetyMeasures'],
    conditions: ['施工图设计文件已按规定审查合格', '有保证工程质量和安全的具体措施'],
    text: '本单位已知晓发证机关告知的全部许可条件和要求，承诺：施工图设计文件已经审查合格，保证工程质量和安全的具体措施已经落实；所填报的信息真实、准确；在开工前补交相关材料，并接受发证机关的事后核查。',
    textEn:
      'We know all the conditions and requirements the licensing authority told us, and we commit that: the construction drawings passed their review and the quality and safety measures are in place; what we filled in is true and accurate; we hand in the documents before works start and accept the authority’s post-check.',
    consequences:
      '承诺不实的，发证机关依法撤销施工许可、作废电子证照，责令停工整改，并将失信信息纳入公共信用信息管理系统。',
    consequencesEn:
      'If the commitment is false, the authority revokes the permit and the e-licence, orders the works stopped, and records the breach in the public credit system.',
    postCheckDays: 20,
  },
  department: 'HOUSING',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['建设工程'],
  synonyms: ['施工许可证', '开工许可', '施工证', '工程报建'],
  materials: [
    material('landUseProof', '用地批准手续', {
      replaceableBy: 'REAL_ESTATE_CERTIFICATE',
      maxCount: 5,
      form: 'copy',
      description: '不动产权证书或用地批准文件；已有不动产权证书电子证照的免于提交',
    }),
    material('planningPermit', '建设工程规划许可证', { form: 'copy' }),
    material('constructionContract', '施工合同及中标通知书', { fileTypes: DOCUMENT, maxCount: 3 }),
    material('drawingReview', '施工图设计文件审查合格书', {
      tolerable: true,
      fileTypes: DOCUMENT,
      description: '实行告知承诺制的，可在开工前补交',
    }),
    material('fundsCommitment', '建设资金已经落实承诺书', { fileTypes: DOCUMENT }),
    material('qualitySafetyMeasures', '保证工程质量和安全的具体措施', { fileTypes: DOCUMENT, maxCount: 3 }),
  ],
  form: {
    fields: [
      uscc,
      field('text', 'constructionUnit', '建设单位', 'Client (developer)', { maxLength: 100, prefill: 'profile.name' }),
      field('text', 'projectCode', '投资项目代码', 'Investment project code', {
        maxLength: 24,
        pattern: '\\d{4}-\\d{6}-\\d{2}-\\d{2}-\\d{6}',
        patternMessage: L('格式如 2024-350102-47-01-123456', 'Written like 2024-350102-47-01-123456'),
      }),
      field('text', 'projectName', '工程名称', 'Project', { maxLength: 200 }),
      field('address', 'projectAddress', '建设地址', 'Site'),
      field('number', 'buildingArea', '建设规模（平方米）', 'Floor area (m²)', { min: 1 }),
      field('number', 'contractPrice', '合同价格（万元）', 'Contract price (10,000 yuan)', { min: 0.01 }),
      field('text', 'contractorName', '施工单位', 'Contractor', { maxLength: 100 }),
      field('uscc', 'contractorUscc', '施工单位统一社会信用代码', 'Contractor’s unified social credit code'),
      field('text', 'supervisorName', '监理单位', 'Supervising engineer', { required: false, maxLength: 100 }),
      field('date', 'plannedStart', '合同开工日期', 'Contracted start', { min: 'today' }),
      field('date', 'plannedEnd', '合同竣工日期', 'Contracted completion', { min: 'today' }),
      contactMobile,
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      { name: '材料审查', tasks: [{ department: 'HOUSING', name: '施工许可材料审查', timeLimitDays: 2 }] },
      { name: '审核发证', tasks: [{ department: 'HOUSING', name: '施工许可审核发证', timeLimitDays: 1 }] },
    ],
  },
  guide: {
    location: `${CENTRE}工程建设项目审批窗口`,
    hours: HOURS,
    phone: '12345',
    notes:
      '工程投资额在100万元以下或者建筑面积在500平方米以下的建筑工程，可以不申请办理施工许可证。建设单位应当自领取施工许可证之日起三个月内开工。',
  },
};

const realEstateRegistration: MatterContentInput = {
  ...codes('NATRES', '000716001000'),
  name: '不动产登记',
  nameEn: 'Real estate registration',
  subItems: [
    { code: '000716001001', name: '国有建设用地使用权及房屋所有权首次登记' },
    { code: '000716001002', name: '国有建设用地使用权及房屋所有权转移登记' },
    { code: '000716001003', name: '国有建设用地使用权及房屋所有权变更登记' },
    { code: '000716001004', name: '抵押权登记' },
  ],
  type: '行政确认',
  legalBasis: [
    { law: '《不动产登记暂行条例》', article: '第十四条、第二十条' },
    { law: '《不动产登记暂行条例实施细则》' },
    { law: '《中华人民共和国民法典》', article: '第二百一十条' },
  ],
  audience: ['citizen', 'enterprise'],
  acceptanceConditions: [
    '申请登记的不动产属于本登记机构管辖',
    '申请材料齐全、符合法定形式',
    '当事人共同申请或者依法可以单方申请',
  ],
  legalLimitDays: 30,
  promisedLimitDays: 5,
  fees: {
    charged: true,
    items: [
      {
        name: '住宅类不动产登记费（每件）',
        amountYuan: 80,
        basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
        when: { field: 'propertyUsage', in: ['residential'] },
      },
      {
        name: '非住宅类不动产登记费（每件）',
        amountYuan: 550,
        basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
        when: { field: 'propertyUsage', in: ['commercial', 'office', 'industrial', 'other'] },
      },
    ],
  },
  yieldsLicenceType: 'REAL_ESTATE_CERTIFICATE',
  channels: ['window', 'online', 'mobile'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: false },
  department: 'NATRES',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['不动产', '住房'],
  synonyms: ['房产证办理', '过户', '二手房过户', '不动产权证', '抵押登记', '办证'],
  materials: [
    material('applicationForm', '不动产登记申请书', {
      fileTypes: DOCUMENT,
      form: 'original',
      description: '申请人签名或盖章',
    }),
    material('idCard', '申请人身份证明（居民身份证）', {
      required: false,
      replaceableBy: 'RESIDENT_ID',
      maxCount: 4,
      form: 'copy',
      description: '自然人申请人提交',
    }),
    material('businessLicence', '申请人身份证明（营业执照）', {
      required: false,
      replaceableBy: 'BUSINESS_LICENCE',
      form: 'copy',
      description: '法人或非法人组织申请人提交',
    }),
    material('registrationCause', '登记原因证明文件', {
      maxCount: 10,
      description: '买卖合同、继承或赠与证明、抵押合同、法院判决等',
    }),
    material('previousCertificate', '原不动产权证书', {
      required: false,
      replaceableBy: 'REAL_ESTATE_CERTIFICATE',
      form: 'copy',
      description: '转移、变更、抵押登记提交；已有电子证照的免于提交',
    }),
    material('taxProof', '完税凭证', {
      tolerable: true,
      form: 'copy',
      description: '容缺受理：税务窗口一窗办理的，登簿前由税务部门推送',
    }),
    material('cadastralSurvey', '不动产权籍调查成果', {
      required: false,
      maxCount: 5,
      description: '首次登记提交：权籍调查表、宗地图、房产分户图等',
    }),
  ],
  form: {
    fields: [
      field('enum', 'applicantType', '申请人类型', 'Type of applicant', {
        options: [
          option('citizen', '自然人', 'Natural person'),
          option('organisation', '法人或非法人组织', 'Legal person or other organisation'),
        ],
      }),
      field('text', 'applicantName', '申请人姓名或名称', 'Applicant', { maxLength: 100, prefill: 'profile.name' }),
      field('idNumber', 'idNumber', '身份证号码', 'ID number', {
        required: false,
        prefill: 'profile.idNumber',
        help: L('自然人申请人填写', 'For a natural person'),
      }),
      field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', {
        required: false,
        prefill: 'profile.uscc',
        help: L('法人或非法人组织填写', 'For an organisation'),
      }),
      field('mobile', 'mobile', '手机号码', 'Mobile number', { prefill: 'profile.mobile' }),
      field('enum', 'registrationType', '登记类型', 'Type of registration', {
        options: [
          option('first', '首次登记', 'First registration'),
          option('transfer', '转移登记', 'Transfer'),
          option('change', '变更登记', 'Change'),
          option('mortgage', '抵押权登记', 'Mortgage'),
        ],
      }),
      field('address', 'propertyLocation', '不动产坐落', 'Location of the property'),
      field('text', 'unitNumber', '不动产单元号', 'Real estate unit number', {
        required: false,
        maxLength: 28,
        pattern: '\\d{12}[A-Z]{2}\\d{5}[A-Z]\\d{8}',
        patternMessage: L(
          '不动产单元号为28位，如 350102003001GB00012F00010001',
          'A unit number has 28 characters, e.g. 350102003001GB00012F00010001',
        ),
        help: L(
          '转移、变更、抵押登记填写，见原不动产权证书',
          'For a transfer, change or mortgage: see the current certificate',
        ),
      }),
      field('enum', 'propertyUsage', '用途', 'Use', {
        options: [
          option('residential', '住宅', 'Residential'),
          option('commercial', '商业服务', 'Commercial'),
          option('office', '办公', 'Office'),
          option('industrial', '工业', 'Industrial'),
          option('other', '其他', 'Other'),
        ],
      }),
      field('number', 'buildingArea', '建筑面积（平方米）', 'Floor area (m²)', { min: 0.01, max: 1_000_000 }),
      field('enum', 'coOwnership', '共有情况', 'Co-ownership', {
        options: [
          option('sole', '单独所有', 'Sole ownership'),
          option('joint', '共同共有', 'Joint ownership'),
          option('shares', '按份共有', 'Ownership in shares'),
        ],
      }),
      field('group', 'coOwners', '其他共有人', 'Other co-owners', {
        required: false,
        maxItems: 10,
        fields: [
          field('text', 'name', '姓名或名称', 'Name', { maxLength: 100 }),
          field('idNumber', 'idNumber', '身份证号码', 'ID number', { required: false }),
          field('uscc', 'uscc', '统一社会信用代码', 'Unified social credit code', { required: false }),
          field('number', 'sharePercent', '份额（%）', 'Share (%)', { required: false, min: 0.01, max: 100 }),
        ],
      }),
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      {
        name: '审核与税费核定',
        tasks: [
          { department: 'NATRES', name: '不动产登记审核', timeLimitDays: 3 },
          { department: 'TAX', name: '契税等税费核定征收', timeLimitDays: 2 },
        ],
      },
      { name: '登簿缮证', tasks: [{ department: 'NATRES', name: '登簿与缮证', timeLimitDays: 2 }] },
    ],
    pausableFor: ['on-site-verification', 'public-notice'],
  },
  guide: {
    location: `${CENTRE}不动产登记“一窗受理”窗口`,
    hours: HOURS,
    phone: '12345',
    notes:
      '一般登记5个工作日、抵押登记3个工作日内办结；实地查看和公告时间不计入办理时限。交易、缴税、登记一窗受理、并联办理。',
  },
};

const residencePermit: MatterContentInput = {
  ...codes('PSB', '002004003000'),
  name: '居住证办理',
  nameEn: 'Residence permit',
  subItems: [
    { code: '002004003001', name: '居住证申领' },
    { code: '002004003002', name: '居住证签注' },
  ],
  type: '公共服务',
  legalBasis: [{ law: '《居住证暂行条例》', article: '第二条、第九条' }, { law: '《福建省流动人口服务管理条例》' }],
  audience: ['citizen'],
  acceptanceConditions: ['离开常住户口所在地，在本市居住半年以上', '有合法稳定就业、合法稳定住所、连续就读条件之一'],
  legalLimitDays: 15,
  promisedLimitDays: 7,
  fees: { charged: false },
  yieldsLicenceType: 'RESIDENCE_PERMIT',
  channels: ['window', 'online', 'mobile', 'post'],
  flags: { immediate: false, commitmentAllowed: false, fullyOnline: false },
  department: 'PSB',
  regionLevel: 'city',
  regionCode: FUZHOU,
  themes: ['户籍与居住'],
  synonyms: ['办居住证', '暂住证', '居住登记', '流动人口'],
  materials: [
    material('idCard', '居民身份证', { replaceableBy: 'RESIDENT_ID', maxCount: 2, form: 'copy' }),
    material('photo', '近期免冠彩色证件照片', {
      fileTypes: PHOTO,
      maxSizeMb: 2,
      description: '白色背景，358×441像素以上',
    }),
    material('residenceProof', '居住证明', {
      maxCount: 5,
      description: '房屋租赁合同、房屋产权证明或单位、学校出具的住宿证明',
    }),
    material('employmentOrStudyProof', '就业或就读证明', {
      required: false,
      maxCount: 3,
      description: '以合法稳定就业或连续就读为条件申领的提交',
    }),
  ],
  form: {
    fields: [
      field('text', 'name', '姓名', 'Name', { maxLength: 50, prefill: 'profile.name' }),
      field('idNumber', 'idNumber', '身份证号码', 'ID number', { prefill: 'profile.idNumber' }),
      field('mobile', 'mobile', '手机号码', 'Mobile number', { prefill: 'profile.mobile' }),
      field('address', 'residenceAddress', '居住地住址', 'Address of residence', { prefill: 'profile.address' }),
      field('address', 'householdAddress', '户籍地址', 'Address of household registration'),
      field('date', 'residenceSince', '在本市居住起始日期', 'Living in the city since', {
        max: 'today',
        help: L('居住满半年方可申领', 'At least six months before applying'),
      }),
      field('enum', 'basis', '申领条件', 'Ground of application', {
        options: [
          option('employment', '合法稳定就业', 'Lawful stable employment'),
          option('residence', '合法稳定住所', 'Lawful stable residence'),
          option('study', '连续就读', 'Continuous study'),
        ],
      }),
      field('text', 'employerOrSchool', '就业单位或就读学校', 'Employer or school', {
        required: false,
        maxLength: 100,
      }),
      field('enum', 'delivery', '领取方式', 'Collection', {
        options: [
          option('station', '到居住地派出所领取', 'Collect at the local police station'),
          option('post', '邮政寄递', 'By post'),
        ],
      }),
    ],
  },
  procedure: {
    acceptance: 'window',
    stages: [
      { name: '审核', tasks: [{ department: 'PSB', name: '居住证申领审核', timeLimitDays: 5 }] },
      { name: '制证发放', tasks: [{ department: 'PSB', name: '居住证制作发放', timeLimitDays: 2 }] },
    ],
  },
  guide: {
    location: '居住地公安派出所户籍窗口或受委托的社区服务机构',
    hours: HOURS,
    phone: '12345',
    notes: '居住证每年签注一次，应在居住每满一年之日前一个月内办理签注。首次申领免收工本费。',
  },
};

const matters: DemoCatalogue['matters'] = [
  { code: 'COMPANY-REGISTRATION', content: companyRegistration },
  { code: 'FOOD-BUSINESS-LICENCE', content: foodBusinessLicence },
  { code: 'PUBLIC-HYGIENE-LICENCE', content: publicHygieneLicence },
  { code: 'OUTDOOR-AD-PERMIT', content: outdoorAdPermit },
  { code: 'SEAL-FILING', content: sealFiling },
  { code: 'INVOICE-APPLICATION', content: invoiceApplication },
  { code: 'SOCIAL-INSURANCE-REGISTRATION', content: socialInsuranceRegistration },
  { code: 'CONSTRUCTION-PERMIT', content: constructionPermit },
  { code: 'REAL-ESTATE-REGISTRATION', content: realEstateRegistration },
  { code: 'RESIDENCE-PERMIT', content: residencePermit },
];

// ---------------------------------------------------------------------------------------------------------------
// Bundles (一件事): one merged form (一表申请), materials asked once, results at one window (一窗出件)

const REG = 'COMPANY-REGISTRATION';
const afterRegistration = (matterCode: string) => ({ matterCode, dependsOn: [REG] });

/** The company registration part of both merged forms (the applicant is a founder: nothing to prefill from a profile). */
const registrationPart: FormFieldInput[] = [
  field('text', 'companyName', '企业名称', 'Name of the enterprise', { minLength: 4, maxLength: 100 }),
  enterpriseType,
  registeredCapital,
  companyAddress,
  businessScope,
  field('text', 'legalRepName', '法定代表人姓名', 'Name of the legal representative', {
    maxLength: 50,
    prefill: 'profile.name',
  }),
  field('idNumber', 'legalRepIdNumber', '法定代表人身份证号码', 'ID number of the legal representative', {
    prefill: 'profile.idNumber',
  }),
  contactMobile,
  shareholders,
  usccFromRegistration,
];

const openCompany: BundleContentInput = {
  name: '企业开办一件事',
  nameEn: 'Open a company',
  description:
    '一表申请、一窗受理：营业执照、公章刻制备案、发票申领和社会保险登记一次办结。各环节1个工作日内办结；营业执照办结后，刻章、发票、社保并联办理，全程3个工作日以内。',
  audience: ['enterprise'],
  department: 'SAMR',
  regionCode: FUZHOU,
  themes: ['企业开办'],
  synonyms: ['开公司', '注册公司', '企业开办', '开办企业'],
  members: [
    { matterCode: REG },
    afterRegistration('SEAL-FILING'),
    afterRegistration('INVOICE-APPLICATION'),
    afterRegistration('SOCIAL-INSURANCE-REGISTRATION'),
  ],
  // 企业开办 within 3 working days (seed 001, 揭阳 plan 四(一)2); each member within 1 (seed 000, 广州条例 art. 12).
  // Members promise 1 + max(0, 1, 1) = 2 along their waves; their legal limits allow 3 + max(1, 5, 15) = 18.
  promisedLimitDays: 3,
  form: {
    fields: [
      ...registrationPart,
      sealTypes,
      engraver,
      electronicSeal,
      taxpayerKind,
      invoiceTypes,
      monthlyInvoiceLimit,
      handlerName,
      handlerIdNumber,
      handlerMobile,
      insuranceTypes,
      bankName,
      bankAccount,
      contactName,
      insuredCount,
    ],
  },
  fieldMap: [
    maps(
      'companyName',
      [REG, 'companyName'],
      ['SEAL-FILING', 'companyName'],
      ['INVOICE-APPLICATION', 'taxpayerName'],
      ['SOCIAL-INSURANCE-REGISTRATION', 'unitName'],
    ),
    maps('enterpriseType', [REG, 'enterpriseType']),
    maps('registeredCapital', [REG, 'registeredCapital']),
    maps('address', [REG, 'address']),
    maps('businessScope', [REG, 'businessScope']),
    maps(
      'legalRepName',
      [REG, 'legalRepName'],
      ['SEAL-FILING', 'legalRepName'],
      ['SOCIAL-INSURANCE-REGISTRATION', 'legalRepName'],
    ),
    maps('legalRepIdNumber', [REG, 'legalRepIdNumber'], ['SEAL-FILING', 'legalRepIdNumber']),
    maps(
      'contactMobile',
      [REG, 'contactMobile'],
      ['SEAL-FILING', 'contactMobile'],
      ['SOCIAL-INSURANCE-REGISTRATION', 'contactMobile'],
    ),
    maps('shareholders', [REG, 'shareholders']),
    maps('uscc', ['SEAL-FILING', 'uscc'], ['INVOICE-APPLICATION', 'uscc'], ['SOCIAL-INSURANCE-REGISTRATION', 'uscc']),
    maps('sealTypes', ['SEAL-FILING', 'sealTypes']),
    maps('engraver', ['SEAL-FILING', 'engraver']),
    maps('electronicSeal', ['SEAL-FILING', 'electronicSeal']),
    maps('taxpayerKind', ['INVOICE-APPLICATION', 'taxpayerKind']),
    maps('invoiceTypes', ['INVOICE-APPLICATION', 'invoiceTypes']),
    maps('monthlyLimitYuan', ['INVOICE-APPLICATION', 'monthlyLimitYuan']),
    maps('handlerName', ['INVOICE-APPLICATION', 'handlerName']),
    maps('handlerIdNumber', ['INVOICE-APPLICATION', 'handlerIdNumber']),
    maps('handlerMobile', ['INVOICE-APPLICATION', 'handlerMobile']),
    maps('insuranceTypes', ['SOCIAL-INSURANCE-REGISTRATION', 'insuranceTypes']),
    maps('bankName', ['SOCIAL-INSURANCE-REGISTRATION', 'bankName']),
    maps('bankAccount', ['SOCIAL-INSURANCE-REGISTRATION', 'bankAccount']),
    maps('contactName', ['SOCIAL-INSURANCE-REGISTRATION', 'contactName']),
    maps('insuredCount', ['SOCIAL-INSURANCE-REGISTRATION', 'insuredCount']),
  ],
  sharedMaterials: [
    shares('legalRepIdCard', '法定代表人身份证件', [REG, 'legalRepIdCard'], ['SEAL-FILING', 'legalRepIdCard']),
    shares(
      'handlerIdCard',
      '经办人（办税人员）身份证件',
      ['SEAL-FILING', 'handlerIdCard'],
      ['INVOICE-APPLICATION', 'handlerIdCard'],
    ),
  ],
};

const openRestaurant: BundleContentInput = {
  name: '开餐馆一件事',
  nameEn: 'Open a restaurant',
  description:
    '一表申请、一窗受理、一窗出件：营业执照办结后，食品经营许可、公共场所卫生许可和户外招牌设置许可并联审批，一次提交、结果统一送达。',
  audience: ['enterprise'],
  department: 'SAMR',
  regionCode: FUZHOU,
  themes: ['餐饮', '企业开办'],
  synonyms: ['开饭店', '开餐馆', '开餐厅', '开饭馆', '餐饮开店'],
  members: [
    { matterCode: REG },
    afterRegistration('FOOD-BUSINESS-LICENCE'),
    afterRegistration('PUBLIC-HYGIENE-LICENCE'),
    afterRegistration('OUTDOOR-AD-PERMIT'),
  ],
  // The members' promises along their waves, 1 + max(5, 5, 7); their legal limits allow 3 + max(10, 20, 20) = 23.
  promisedLimitDays: 8,
  form: {
    fields: [
      ...registrationPart,
      field('address', 'premisesAddress', '经营场所', 'Business premises', {
        help: L('餐馆实际经营地址，可与住所相同', 'Where the restaurant is; may be the domicile'),
      }),
      premisesArea,
      foodMainBusiness,
      foodBusinessItems,
      foodSafetyManager,
      field('boolean', 'onlineSales', '是否通过网络经营（外卖平台）', 'Sells online (delivery platforms)', {
        required: false,
      }),
      onlinePlatform,
      staff,
      venueType,
      employeeCount,
      adLocation,
      adForm,
      adWidth,
      adHeight,
      adContent,
      adPeriod,
      field('boolean', 'illuminated', '招牌是否设置亮化或电子显示', 'Illuminated or electronic sign', {
        required: false,
      }),
    ],
  },
  fieldMap: [
    maps(
      'companyName',
      [REG, 'companyName'],
      ['FOOD-BUSINESS-LICENCE', 'operatorName'],
      ['PUBLIC-HYGIENE-LICENCE', 'unitName'],
      ['OUTDOOR-AD-PERMIT', 'applicantName'],
    ),
    maps('enterpriseType', [REG, 'enterpriseType']),
    maps('registeredCapital', [REG, 'registeredCapital']),
    maps('address', [REG, 'address']),
    maps('businessScope', [REG, 'businessScope']),
    maps(
      'legalRepName',
      [REG, 'legalRepName'],
      ['FOOD-BUSINESS-LICENCE', 'legalRepName'],
      ['PUBLIC-HYGIENE-LICENCE', 'legalRepName'],
    ),
    maps('legalRepIdNumber', [REG, 'legalRepIdNumber'], ['FOOD-BUSINESS-LICENCE', 'legalRepIdNumber']),
    maps(
      'contactMobile',
      [REG, 'contactMobile'],
      ['FOOD-BUSINESS-LICENCE', 'contactMobile'],
      ['PUBLIC-HYGIENE-LICENCE', 'contactMobile'],
      ['OUTDOOR-AD-PERMIT', 'contactMobile'],
    ),
    maps('shareholders', [REG, 'shareholders']),
    maps('uscc', ['FOOD-BUSINESS-LICENCE', 'uscc'], ['PUBLIC-HYGIENE-LICENCE', 'uscc'], ['OUTDOOR-AD-PERMIT', 'uscc']),
    maps('premisesAddress', ['FOOD-BUSINESS-LICENCE', 'premisesAddress'], ['PUBLIC-HYGIENE-LICENCE', 'venueAddress']),
    maps('premisesArea', ['FOOD-BUSINESS-LICENCE', 'premisesArea'], ['PUBLIC-HYGIENE-LICENCE', 'venueArea']),
    maps('mainBusiness', ['FOOD-BUSINESS-LICENCE', 'mainBusiness']),
    maps('businessItems', ['FOOD-BUSINESS-LICENCE', 'businessItems']),
    maps('foodSafetyManager', ['FOOD-BUSINESS-LICENCE', 'foodSafetyManager']),
    maps('onlineSales', ['FOOD-BUSINESS-LICENCE', 'onlineSales']),
    maps('onlinePlatform', ['FOOD-BUSINESS-LICENCE', 'onlinePlatform']),
    maps('staff', ['FOOD-BUSINESS-LICENCE', 'staff']),
    maps('venueType', ['PUBLIC-HYGIENE-LICENCE', 'venueType']),
    maps('employeeCount', ['PUBLIC-HYGIENE-LICENCE', 'employeeCount']),
    maps('adLocation', ['OUTDOOR-AD-PERMIT', 'adLocation']),
    maps('adForm', ['OUTDOOR-AD-PERMIT', 'adForm']),
    maps('widthM', ['OUTDOOR-AD-PERMIT', 'widthM']),
    maps('heightM', ['OUTDOOR-AD-PERMIT', 'heightM']),
    maps('adContent', ['OUTDOOR-AD-PERMIT', 'adContent']),
    maps('periodMonths', ['OUTDOOR-AD-PERMIT', 'periodMonths']),
    maps('illuminated', ['OUTDOOR-AD-PERMIT', 'illuminated']),
  ],
  sharedMaterials: [
    shares(
      'legalRepIdCard',
      '法定代表人身份证件',
      [REG, 'legalRepIdCard'],
      ['FOOD-BUSINESS-LICENCE', 'legalRepIdCard'],
      ['PUBLIC-HYGIENE-LICENCE', 'legalRepIdCard'],
    ),
    shares(
      'floorPlan',
      '经营场所平面图（含设备布局和卫生设施）',
      ['FOOD-BUSINESS-LICENCE', 'floorPlan'],
      ['PUBLIC-HYGIENE-LICENCE', 'floorPlan'],
    ),
    shares(
      'healthCertificates',
      '从业人员健康证明',
      ['FOOD-BUSINESS-LICENCE', 'healthCertificates'],
      ['PUBLIC-HYGIENE-LICENCE', 'healthCertificates'],
    ),
    shares(
      'premisesProof',
      '经营场所使用证明（产权证明或租赁合同）',
      [REG, 'premisesProof'],
      ['OUTDOOR-AD-PERMIT', 'siteProof'],
    ),
  ],
};

const bundles: DemoCatalogue['bundles'] = [
  { code: 'OPEN-COMPANY', content: openCompany },
  { code: 'OPEN-RESTAURANT', content: openRestaurant },
];

export const DEMO_CATALOGUE: DemoCatalogue = { departments, licenceTypes, matters, bundles };
