import type { Principal } from '../../shared/auth/principal';
import { applicationSubmitted } from '../../shared/contracts/application-events';
import { contributionOf } from '../../shared/domain/analytics/counting';
import { canSee, requireOwner } from '../../shared/domain/applications/access';
import { walkInApplicantProblems } from '../../shared/domain/applications/walk-in';
import type { CaseRecord } from '../../shared/domain/applications/model';
import { caseView } from '../../shared/domain/applications/view';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/domain/errors';
import { eventFixture } from '../fixtures/events';

const ID_NUMBER = '11010519491231002X';
const USCC = '91350100M000100Y43';
const TODAY = '2026-03-02';

const window = (sub: string): Principal => ({ sub, role: 'window', region: '350100' });
const walkIn = (overrides: Partial<CaseRecord> = {}): CaseRecord =>
  ({
    id: 'c-1',
    number: '350100-20260302-30001',
    matterCode: 'SEAL-FILING',
    matterVersion: 1,
    regionCode: '350100',
    department: 'PSB',
    channel: 'window',
    status: 'DRAFT',
    seq: 1,
    lastHash: 'h',
    ownerKey: `P#${ID_NUMBER}`,
    applicant: { type: 'citizen', sub: 'walk-in:c-1', name: '林觉民', mobile: '13812345678' },
    intakeOfficerSub: 'window-1',
    form: {},
    materials: {},
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  }) as CaseRecord;

describe('identifying the applicant at the counter', () => {
  it('takes a valid ID number or 统一社会信用代码 with a name', () => {
    expect(walkInApplicantProblems({ idNumber: ID_NUMBER, name: '林觉民' }, TODAY)).toEqual([]);
    expect(walkInApplicantProblems({ uscc: USCC, name: '榕城小吃店', mobile: '13812345678' }, TODAY)).toEqual([]);
  });

  it('names the field and the rule when a check digit is wrong', () => {
    expect(walkInApplicantProblems({ idNumber: '110105194912310021', name: '林觉民' }, TODAY)).toEqual([
      expect.objectContaining({ path: 'applicant.idNumber', rule: 'checksum' }),
    ]);
    expect(walkInApplicantProblems({ uscc: '91350100M000100Y44', name: '榕城' }, TODAY)).toEqual([
      expect.objectContaining({ path: 'applicant.uscc', rule: 'checksum' }),
    ]);
  });

  it('tells every problem at once: both identifiers, a bad shape, a bad mobile number', () => {
    const problems = walkInApplicantProblems({ idNumber: '1101051949', uscc: USCC, name: ' ', mobile: '12345' }, TODAY);
    expect(problems.map((p) => `${p.path}:${p.rule}`)).toEqual([
      'applicant.idNumber:oneOf',
      'applicant.idNumber:format',
      'applicant.name:required',
      'applicant.mobile:format',
    ]);
    expect(walkInApplicantProblems({ name: '无名' }, TODAY).map((p) => `${p.path}:${p.rule}`)).toEqual([
      'applicant.idNumber:oneOf',
    ]);
  });

  it('refuses a birth date after today', () => {
    expect(walkInApplicantProblems({ idNumber: '110105203001010011', name: '未来' }, TODAY)[0]).toMatchObject({
      path: 'applicant.idNumber',
      rule: 'format',
    });
  });
});

describe('who acts on a walk-in case', () => {
  it('lets the officer who registered it see it and act for the applicant while a draft or awaiting correction', () => {
    for (const status of ['DRAFT', 'CORRECTION_REQUESTED'] as const) {
      expect(requireOwner(walkIn({ status }), window('window-1'), 'c-1').id).toBe('c-1');
    }
    expect(canSee(walkIn({ status: 'IN_REVIEW' }), window('window-1'))).toBe(true);
    expect(() => requireOwner(walkIn({ status: 'SUBMITTED' }), window('window-1'), 'c-1')).toThrow(ConflictError);
  });

  it('answers another window officer 404 for the draft and 403 once it waits for acceptance', () => {
    expect(() => requireOwner(walkIn(), window('window-2'), 'c-1')).toThrow(NotFoundError);
    expect(canSee(walkIn({ status: 'SUBMITTED' }), window('window-2'))).toBe(true);
    expect(() => requireOwner(walkIn({ status: 'CORRECTION_REQUESTED' }), window('window-2'), 'c-1')).toThrow(
      ForbiddenError,
    );
  });

  it('gives the officer nothing on an online case, even one they somehow named', () => {
    const online = walkIn({ channel: 'online', applicant: { type: 'citizen', sub: 'citizen-1' } });
    expect(() => requireOwner(online, window('window-1'), 'c-1')).toThrow(NotFoundError);
    expect(() => requireOwner({ ...online, status: 'CORRECTION_REQUESTED' }, window('window-1'), 'c-1')).toThrow(
      ForbiddenError,
    );
  });

  it('keeps the case the applicant’s own: they see it and act on it online', () => {
    const applicant: Principal = { sub: 'citizen-1', role: 'applicant', idNumber: ID_NUMBER };
    expect(requireOwner(walkIn(), applicant, 'c-1').id).toBe('c-1');
    expect(() =>
      requireOwner(walkIn(), { sub: 'other', role: 'applicant', idNumber: '11010519491231003X' }, 'c-1'),
    ).toThrow(NotFoundError);
  });

  it('shows the walk-in’s name and masked ID number, never the full one nor the mobile number', () => {
    const view = caseView(walkIn());
    expect(view).toMatchObject({
      channel: 'window',
      applicant: { type: 'citizen', name: '林觉民', identifier: '110***********002X' },
      intakeOfficer: 'window-1',
    });
    expect(JSON.stringify(view)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(view)).not.toContain('13812345678');
  });
});

describe('the window channel in events and indicators', () => {
  it('Application.Submitted.v1 carries channel window, and the indicators count it apart from online', () => {
    const online = eventFixture('Application.Submitted.v1');
    const atWindow = applicationSubmitted.detail.parse({ ...online, channel: 'window' });
    const facts = {
      case: {
        matterCode: 'FOOD-BUSINESS-LICENCE',
        department: 'SAMR',
        regionCode: '350100',
        channel: 'window',
        materials: {},
      },
    };
    expect(contributionOf('Application.Submitted.v1', atWindow, facts, { licenceOnTimeDays: 1 })).toMatchObject({
      channel: 'window',
      counters: { submitted: 1 },
    });
    expect(
      contributionOf(
        'Application.Submitted.v1',
        online,
        { case: { ...facts.case, channel: 'online' } },
        { licenceOnTimeDays: 1 },
      ),
    ).toMatchObject({ channel: 'online' });
  });
});
