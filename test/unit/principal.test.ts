import { CLAIM, claimsForPrincipal, type Principal, principalFromClaims, ROLES } from '../../shared/auth/principal';

const ID_NUMBER = '310115198806154025';
const ID_NUMBER_X = '11010519491231002X';
const USCC = '91350100M000100Y43';

describe('principalFromClaims', () => {
  it('reads a citizen from the plain claims of an OIDC issuer', () => {
    const claims = {
      sub: 'u-1001',
      iss: 'https://idp.example.gov.cn/realms/one-stop',
      role: 'applicant',
      id_number: ID_NUMBER,
      region: '310115',
      name: '张三',
    };
    expect(principalFromClaims(claims)).toEqual({
      sub: 'u-1001',
      role: 'applicant',
      idNumber: ID_NUMBER,
      region: '310115',
      name: '张三',
    });
  });

  it('reads an enterprise agent and a department officer from plain claims', () => {
    expect(principalFromClaims({ sub: 'u-2', role: 'agent', uscc: USCC })).toEqual({
      sub: 'u-2',
      role: 'agent',
      uscc: USCC,
    });
    expect(principalFromClaims({ sub: 'u-3', role: 'department', dept: 'SAMR', region: '310000' })).toEqual({
      sub: 'u-3',
      role: 'department',
      department: 'SAMR',
      region: '310000',
    });
  });

  it('reads the custom: attributes of a Cognito user pool token', () => {
    const claims = {
      sub: '3f1c2b7a-0d5e-4b8c-9a61-2e7f4c1d9b00',
      'cognito:username': 'lisi',
      token_use: 'id',
      'custom:role': 'department',
      'custom:dept': 'HEALTH',
      'custom:region': '110105',
      'custom:name': '李四',
    };
    expect(principalFromClaims(claims)).toEqual({
      sub: '3f1c2b7a-0d5e-4b8c-9a61-2e7f4c1d9b00',
      role: 'department',
      department: 'HEALTH',
      region: '110105',
      name: '李四',
    });
    expect(principalFromClaims({ sub: 'c-1', 'custom:role': 'applicant', 'custom:id_number': ID_NUMBER_X })).toEqual({
      sub: 'c-1',
      role: 'applicant',
      idNumber: ID_NUMBER_X,
    });
  });

  it('reads a window officer’s 即办件 delegations from a space-separated claim, and writes them back the same way', () => {
    const principal = principalFromClaims({
      sub: 'w-7',
      role: 'window',
      'custom:delegations': 'PSB:*  TAX:INVOICE-APPLICATION',
    });
    expect(principal).toEqual({ sub: 'w-7', role: 'window', delegations: ['PSB:*', 'TAX:INVOICE-APPLICATION'] });
    expect(claimsForPrincipal(principal!)).toEqual({
      sub: 'w-7',
      role: 'window',
      delegations: 'PSB:* TAX:INVOICE-APPLICATION',
    });
    // A malformed entry grants nothing and is dropped; the officer keeps the rest (matter codes may hold _).
    expect(principalFromClaims({ sub: 'w-7', role: 'window', delegations: 'PSB psb:* TAX:SOME_CODE' })).toEqual({
      sub: 'w-7',
      role: 'window',
      delegations: ['TAX:SOME_CODE'],
    });
  });

  it('prefers the plain claim over the custom: one when both are present', () => {
    expect(principalFromClaims({ sub: 'u', role: 'window', 'custom:role': 'admin' })?.role).toBe('window');
  });

  it('accepts every documented role', () => {
    for (const role of ROLES) {
      const claims = role === 'department' ? { sub: 's', role, dept: 'SAMR' } : { sub: 's', role };
      expect(principalFromClaims(claims)?.role).toBe(role);
    }
  });

  it('refuses an unknown or missing role', () => {
    expect(principalFromClaims({ sub: 'u', role: 'root' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'Applicant' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', 'custom:role': 'superuser' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u' })).toBeUndefined();
  });

  it('refuses claims without a subject', () => {
    expect(principalFromClaims({ role: 'applicant' })).toBeUndefined();
    expect(principalFromClaims({ sub: '', role: 'applicant' })).toBeUndefined();
    expect(principalFromClaims({ sub: 42, role: 'applicant' })).toBeUndefined();
  });

  it('refuses a principal that is both a citizen and an enterprise', () => {
    expect(principalFromClaims({ sub: 'u', role: 'applicant', id_number: ID_NUMBER, uscc: USCC })).toBeUndefined();
    expect(
      principalFromClaims({ sub: 'u', role: 'agent', 'custom:id_number': ID_NUMBER, 'custom:uscc': USCC }),
    ).toBeUndefined();
  });

  it('refuses a department role without a department code, also when the code is empty', () => {
    expect(principalFromClaims({ sub: 'u', role: 'department' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'department', dept: '' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', 'custom:role': 'department', 'custom:dept': '' })).toBeUndefined();
  });

  it.each([
    ['17 digits', ID_NUMBER.slice(0, 17)],
    ['19 digits', `${ID_NUMBER}0`],
    ['a lower-case x', ID_NUMBER_X.toLowerCase()],
    ['a letter other than X', '31011519880615402A'],
    ['an X before the last place', '3101151988061540X5'],
    ['spaces', '310115 19880615 4025'],
  ])('refuses an ID number with %s', (_what, idNumber) => {
    expect(principalFromClaims({ sub: 'u', role: 'applicant', id_number: idNumber })).toBeUndefined();
  });

  it('refuses a USCC with a letter outside the code set (I, O, Z, S, V)', () => {
    expect(principalFromClaims({ sub: 'u', role: 'agent', uscc: '91350100M000100O43' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u', role: 'agent', uscc: USCC.slice(0, 17) })).toBeUndefined();
  });

  it('ignores claims that are not strings', () => {
    expect(principalFromClaims({ sub: 'u', role: 'applicant', region: 310115, name: ['张三'] })).toEqual({
      sub: 'u',
      role: 'applicant',
    });
  });
});

describe('claimsForPrincipal', () => {
  it('writes the production claim names', () => {
    expect(
      claimsForPrincipal({ sub: 'u-3', role: 'department', department: 'SAMR', region: '310000', name: '王五' }),
    ).toEqual({
      sub: 'u-3',
      [CLAIM.role]: 'department',
      [CLAIM.department]: 'SAMR',
      [CLAIM.region]: '310000',
      [CLAIM.name]: '王五',
    });
    expect(CLAIM).toEqual({
      role: 'role',
      idNumber: 'id_number',
      uscc: 'uscc',
      department: 'dept',
      region: 'region',
      hall: 'hall',
      name: 'name',
      delegations: 'delegations',
    });
  });

  it('writes no claim for an absent field', () => {
    expect(Object.keys(claimsForPrincipal({ sub: 'u', role: 'admin' })).sort()).toEqual(['role', 'sub']);
  });
});

describe('claimsForPrincipal ∘ principalFromClaims', () => {
  const principals: Principal[] = [
    { sub: 'u-1001', role: 'applicant', idNumber: ID_NUMBER, region: '310115', name: '张三' },
    { sub: 'u-1002', role: 'applicant', idNumber: ID_NUMBER_X },
    { sub: 'u-2', role: 'agent', uscc: USCC, name: '厦门某某食品有限公司' },
    { sub: 'u-3', role: 'department', department: 'SAMR', region: '310000' },
    { sub: 'u-4', role: 'window', region: '110105' },
    { sub: 'u-5', role: 'supervisor' },
    { sub: 'u-6', role: 'admin' },
  ];

  it.each(principals.map((p) => [p.role, p] as const))(
    'round-trips a %s principal through its claims',
    (_role, principal) => {
      expect(principalFromClaims(claimsForPrincipal(principal))).toEqual(principal);
    },
  );

  it('round-trips plain claims through the principal', () => {
    const claims = { sub: 'u-1001', role: 'applicant', id_number: ID_NUMBER, region: '310115', name: '张三' };
    const principal = principalFromClaims(claims);
    expect(principal).toBeDefined();
    expect(claimsForPrincipal(principal!)).toEqual(claims);
  });

  it('turns Cognito custom: claims into the same plain claims', () => {
    const principal = principalFromClaims({ sub: 'u-3', 'custom:role': 'department', 'custom:dept': 'SAMR' });
    expect(claimsForPrincipal(principal!)).toEqual({ sub: 'u-3', role: 'department', dept: 'SAMR' });
  });
});
