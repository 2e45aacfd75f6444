import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { toShanghaiDate } from '../calendar/working-days';
import { idNumberProblem, isValidMobile, usccProblem } from '../catalogue/identifiers';
import { type ErrorDetail, ForbiddenError, ValidationError } from '../errors';
import { identityKey } from './access';
import { applicantTypeOf, requireOneTemplate, startCase } from './drafts';
import { isExpiredDraft } from './load';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';
import { templateForNew } from './template';

// ---- 窗口收件: walk-in intake ----

export interface WalkInApplicant {
  readonly idNumber?: string;
  readonly uscc?: string;
  readonly name: string;
  readonly mobile?: string;
}

/**
 * The applicant as identified at the counter: exactly one of an ID number and a 统一社会信用代码, each with its check
 * digit (the form engine's identifier rules), and a mobile number when one is given. Every problem at once.
 */
export function walkInApplicantProblems(applicant: WalkInApplicant, today: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const detail = (field: string, rule: string, message: string, messageZh: string): ErrorDetail => ({
    path: `applicant.${field}`,
    rule,
    message,
    messageZh,
  });
  if (!applicant.idNumber === !applicant.uscc) {
    problems.push(
      detail(
        'idNumber',
        'oneOf',
        'give exactly one of idNumber (a citizen) and uscc (an enterprise)',
        '请填写身份证号码或统一社会信用代码（二选一）',
      ),
    );
  }
  if (applicant.idNumber) {
    const problem = idNumberProblem(applicant.idNumber, today);
    if (problem === 'checksum')
      problems.push(
        detail('idNumber', 'checksum', 'The check digit of the ID number is wrong', '身份证号码校验位不正确'),
      );
    else if (problem)
      problems.push(detail('idNumber', 'format', `The ID number is not valid (${problem})`, '身份证号码格式不正确'));
  }
  if (applicant.uscc) {
    const problem = usccProblem(applicant.uscc);
    if (problem === 'checksum')
      problems.push(
        detail(
          'uscc',
          'checksum',
          'The check character of the 统一社会信用代码 is wrong',
          '统一社会信用代码校验位不正确',
        ),
      );
    else if (problem)
      problems.push(
        detail('uscc', 'format', `The 统一社会信用代码 is not valid (${problem})`, '统一社会信用代码格式不正确'),
      );
  }
  if (!applicant.name.trim())
    problems.push(detail('name', 'required', 'The applicant’s name is required', '请填写申请人姓名或名称'));
  if (applicant.mobile !== undefined && !isValidMobile(applicant.mobile))
    problems.push(
      detail(
        'mobile',
        'format',
        'A mobile number has 11 digits and starts with 13 to 19',
        '手机号码应为11位数字，以13至19开头',
      ),
    );
  return problems;
}

/**
 * 窗口收件: a window officer registers a case for the person at the counter. The case belongs to the identified
 * applicant (who finds it under 我的办件 when they sign in), comes in by the window channel, and draws its number
 * from the same sequence; the officer then fills it in through the owner's routes until it is submitted.
 */
export async function registerWalkIn(
  input: { matterCode?: string; bundleCode?: string; applicant: WalkInApplicant; form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  if (principal.role !== 'window') throw new ForbiddenError('Walk-in cases are registered at the window');
  requireOneTemplate(input);
  const problems = walkInApplicantProblems(input.applicant, toShanghaiDate(deps.now()));
  if (problems.length > 0)
    throw new ValidationError(
      `The applicant is not identified: ${problems.map((p) => `${p.path} ${p.rule}`).join(', ')}`,
      problems,
    );
  const template = await templateForNew(deps.matters, input);
  const ownerKey = identityKey(input.applicant)!;
  const id = randomUUID();
  return startCase(template, input.form ?? {}, principal, deps, {
    id,
    channel: 'window',
    ownerKey,
    applicant: {
      type: applicantTypeOf(ownerKey),
      sub: `walk-in:${id}`,
      name: input.applicant.name.trim(),
      ...(input.applicant.mobile ? { mobile: input.applicant.mobile } : {}),
    },
    intakeOfficerSub: principal.sub,
    ...(principal.hall ? { hallId: principal.hall } : {}),
  });
}

/** The officer's own walk-in cases, newest first: drafts to resume and recent submissions. */
export async function myWalkIns(
  principal: Principal,
  query: { limit: number; cursor?: string },
  deps: ApplicationDeps,
) {
  if (principal.role !== 'window') throw new ForbiddenError('Walk-in cases are registered at the window');
  const page = await deps.cases.listByIntakeOfficer(principal.sub, query.limit, query.cursor);
  return { ...page, items: page.items.filter((c) => !isExpiredDraft(c, deps)) };
}
