import { maskDeep, maskingReplacer, maskString } from '../../shared/lambda/mask';

// Realistic but fictitious values (the ID number has a valid GB 11643 check digit, the USCC a valid GB 32100 one).
const ID_NUMBER = '310115198806154025';
const ID_NUMBER_X = '11010519491231002X';
const USCC = '91350100M000100Y43';
const MOBILE = '13812345678';
const EMAIL = 'zhang.san@example.gov.cn';

/** The digits in the middle of a value that masking must hide. */
function middleOf(value: string, keepStart: number, keepEnd: number): string {
  return value.slice(keepStart, value.length - keepEnd);
}

describe('maskString', () => {
  it('masks an 18-digit ID number inside Chinese free text, keeping the region code and the last four characters', () => {
    const masked = maskString(`申请人张三（身份证号${ID_NUMBER}）已提交材料`);
    expect(masked).toBe('申请人张三（身份证号310115********4025）已提交材料');
    expect(masked).not.toContain(ID_NUMBER);
    expect(masked).not.toContain(middleOf(ID_NUMBER, 6, 4));
  });

  it('masks an ID number whose check character is X, upper or lower case', () => {
    expect(maskString(`证件号 ${ID_NUMBER_X} 号`)).toBe('证件号 110105********002X 号');
    expect(maskString(ID_NUMBER_X.toLowerCase())).toBe('110105********002x');
    expect(maskString(ID_NUMBER_X)).not.toContain(middleOf(ID_NUMBER_X, 6, 4));
  });

  it('masks an ID number inside a query string and inside a serialised JSON body', () => {
    expect(maskString(`id=${ID_NUMBER}&page=2`)).toBe('id=310115********4025&page=2');
    const json = maskString(JSON.stringify({ form: { idNumber: ID_NUMBER } }));
    expect(json).not.toContain(ID_NUMBER);
    expect(JSON.parse(json)).toEqual({ form: { idNumber: '310115********4025' } });
  });

  it('masks a 统一社会信用代码, keeping two characters at each end', () => {
    const masked = maskString(`企业信用代码：${USCC}。`);
    expect(masked).toBe('企业信用代码：91**************43。');
    expect(masked).not.toContain(middleOf(USCC, 2, 2));
  });

  it('masks a mobile number, keeping the carrier prefix and the last four digits', () => {
    const masked = maskString(`联系电话${MOBILE}，请回电`);
    expect(masked).toBe('联系电话138****5678，请回电');
    expect(masked).not.toContain(MOBILE);
  });

  it('masks a mobile number written with the +86 country code (E.164, as SMS gateways require)', () => {
    const masked = maskString(`短信已发送至+86${MOBILE}`);
    expect(masked).not.toContain(MOBILE);
    expect(masked).toContain('138****5678');
  });

  it('masks an e-mail address, keeping the first character and the domain', () => {
    const masked = maskString(`回执发送到 ${EMAIL} 。`);
    expect(masked).toBe('回执发送到 z***@example.gov.cn 。');
    expect(masked).not.toContain('zhang.san');
  });

  it('masks every personal value in one string at once', () => {
    const masked = maskString(`${ID_NUMBER} ${USCC} ${MOBILE} ${EMAIL}`);
    for (const original of [ID_NUMBER, USCC, MOBILE, EMAIL]) expect(masked).not.toContain(original);
    expect(masked).toBe('310115********4025 91**************43 138****5678 z***@example.gov.cn');
  });

  it('leaves text without personal data unchanged', () => {
    const text = '案件 C-2026-000123 已受理，办理时限 20 个工作日，金额 12345 元';
    expect(maskString(text)).toBe(text);
  });
});

describe('maskingReplacer', () => {
  it.each([
    'token',
    'accessToken',
    'secret',
    'clientSecret',
    'password',
    'authorization',
    'Authorization',
    'cookie',
    'signature',
    'credentials',
    'privateKey',
  ])('fully redacts the value under the key %s', (key) => {
    expect(maskingReplacer(key, 'eyJhbGciOiJSUzI1NiJ9.payload.sig')).toBe('[REDACTED]');
    expect(maskingReplacer(key, { nested: 'value' })).toBe('[REDACTED]');
    expect(maskingReplacer(key, 12345)).toBe('[REDACTED]');
  });

  it('keeps only the first character of a name or an address', () => {
    expect(maskingReplacer('name', '张三丰')).toBe('张**');
    expect(maskingReplacer('address', '北京市朝阳区建国路一号院')).toBe('北********');
    expect(maskingReplacer('holder', '李')).toBe('*');
  });

  it("keeps an error's class name, but still masks a person's name beside it", () => {
    const line = JSON.stringify(
      { name: '张三丰', error: { name: 'ConditionalCheckFailedException', message: 'x', stack: 'at y' } },
      maskingReplacer,
    );
    expect(JSON.parse(line)).toEqual({
      name: '张**',
      error: { name: 'ConditionalCheckFailedException', message: 'x', stack: 'at y' },
    });
  });

  it('masks a personal key by shape when its value has one (ID number, USCC, mobile, e-mail)', () => {
    expect(maskingReplacer('idNumber', ID_NUMBER)).toBe('310115********4025');
    expect(maskingReplacer('uscc', USCC)).toBe('91**************43');
    expect(maskingReplacer('mobile', MOBILE)).toBe('138****5678');
    expect(maskingReplacer('email', EMAIL)).toBe('z***@example.gov.cn');
  });

  it('masks a personal key whose value has an unknown shape instead of letting it through', () => {
    const masked = maskingReplacer('idNumber', '110105491231002') as string; // a first-generation, 15-digit ID number
    expect(masked).not.toContain('110105491231002');
    expect(masked.startsWith('1')).toBe(true);
  });

  it('masks values by shape under any key', () => {
    expect(maskingReplacer('remark', `请联系 ${MOBILE}`)).toBe('请联系 138****5678');
    expect(maskingReplacer('applicantIdentity', ID_NUMBER)).toBe('310115********4025');
  });

  it('passes numbers, booleans and nulls under ordinary keys through', () => {
    expect(maskingReplacer('count', 3)).toBe(3);
    expect(maskingReplacer('approved', true)).toBe(true);
    expect(maskingReplacer('note', null)).toBeNull();
  });
});

describe('maskDeep', () => {
  const record = {
    caseId: 'C-2026-000123',
    applicant: {
      name: '张三',
      idNumber: ID_NUMBER,
      phone: MOBILE,
      address: '上海市浦东新区世纪大道100号',
      contacts: [{ email: EMAIL }, { remark: `备用电话 13987654321，证件 ${ID_NUMBER_X}` }],
    },
    enterprise: { uscc: USCC, legalRepresentative: { name: '王五' } },
    headers: { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig', 'content-type': 'application/json' },
    session: { refreshToken: 'r-123', password: 'hunter2' },
    attachments: ['材料一.pdf', `scan-${ID_NUMBER}.pdf`],
    pageCount: 7,
  };

  it('masks every personal value and redacts every secret in nested objects and arrays', () => {
    expect(maskDeep(record)).toEqual({
      caseId: 'C-2026-000123',
      applicant: {
        name: '张*',
        idNumber: '310115********4025',
        phone: '138****5678',
        address: '上********',
        contacts: [{ email: 'z***@example.gov.cn' }, { remark: '备用电话 139****4321，证件 110105********002X' }],
      },
      enterprise: { uscc: '91**************43', legalRepresentative: { name: '王*' } },
      headers: { Authorization: '[REDACTED]', 'content-type': 'application/json' },
      session: { refreshToken: '[REDACTED]', password: '[REDACTED]' },
      attachments: ['材料一.pdf', 'scan-310115********4025.pdf'],
      pageCount: 7,
    });
  });

  it('never outputs an original personal value or secret', () => {
    const out = JSON.stringify(maskDeep(record));
    for (const original of [
      ID_NUMBER,
      ID_NUMBER_X,
      USCC,
      MOBILE,
      '13987654321',
      EMAIL,
      '张三',
      '王五',
      '世纪大道',
      'hunter2',
      'r-123',
      'eyJhbGciOiJSUzI1NiJ9',
    ]) {
      expect(out).not.toContain(original);
    }
  });

  it('does not modify its input', () => {
    const input = { name: '张三', idNumber: ID_NUMBER };
    maskDeep(input);
    expect(input).toEqual({ name: '张三', idNumber: ID_NUMBER });
  });

  it('masks a top-level array and a bare string', () => {
    expect(maskDeep([ID_NUMBER, { mobile: MOBILE }])).toEqual(['310115********4025', { mobile: '138****5678' }]);
    expect(maskDeep(`tel ${MOBILE}`)).toBe('tel 138****5678');
  });

  it('turns undefined into null rather than failing', () => {
    expect(maskDeep(undefined)).toBeNull();
  });
});
