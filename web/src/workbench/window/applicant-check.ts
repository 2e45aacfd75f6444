import { idNumberProblem, isValidMobile, usccProblem } from '@shared/domain/catalogue/identifiers';

/**
 * The applicant as identified at the counter, checked as the officer types, with the platform's own validators
 * (the same check digits the API verifies: ID number GB 11643, 统一社会信用代码 GB 32100).
 */
export type ApplicantType = 'citizen' | 'enterprise';

export interface ApplicantInput {
  readonly type: ApplicantType;
  readonly identifier: string;
  readonly name: string;
  readonly mobile: string;
}

export type IdentifierState =
  | { readonly kind: 'empty' }
  /** Still typing: so many characters to go (no error yet while fewer than 18 are typed). */
  | { readonly kind: 'partial'; readonly left: number }
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly rule: 'length' | 'charset' | 'birthDate' | 'checksum' };

/** What the counter sees: 居民身份证号 and 统一社会信用代码 are written in upper case, without spaces. */
export const normaliseIdentifier = (text: string) => text.replace(/\s+/g, '').toUpperCase();

export function identifierState(type: ApplicantType, text: string, today: string): IdentifierState {
  const value = normaliseIdentifier(text);
  if (value === '') return { kind: 'empty' };
  if (value.length < 18) {
    // A character no identifier has is wrong at once; otherwise wait for the 18th.
    const charset = type === 'citizen' ? /^\d{0,17}$/ : /^[0-9A-HJ-NP-RTUW-Y]*$/;
    return charset.test(value) ? { kind: 'partial', left: 18 - value.length } : { kind: 'invalid', rule: 'charset' };
  }
  const problem = type === 'citizen' ? idNumberProblem(value, today) : usccProblem(value);
  return problem ? { kind: 'invalid', rule: problem } : { kind: 'valid' };
}

export interface ApplicantProblem {
  readonly path: 'applicant.type' | 'applicant.idNumber' | 'applicant.uscc' | 'applicant.name' | 'applicant.mobile';
  readonly rule: string;
}

/** Every problem of the applicant's identification at once (the API would name the same). */
export function applicantProblems(input: ApplicantInput, today: string): ApplicantProblem[] {
  const problems: ApplicantProblem[] = [];
  const path = input.type === 'citizen' ? 'applicant.idNumber' : 'applicant.uscc';
  const state = identifierState(input.type, input.identifier, today);
  if (state.kind === 'empty') problems.push({ path, rule: 'required' });
  else if (state.kind === 'partial') problems.push({ path, rule: 'length' });
  else if (state.kind === 'invalid') problems.push({ path, rule: state.rule });
  if (!input.name.trim()) problems.push({ path: 'applicant.name', rule: 'required' });
  else if (input.name.trim().length > 100) problems.push({ path: 'applicant.name', rule: 'max' });
  if (input.mobile.trim() && !isValidMobile(input.mobile.trim()))
    problems.push({ path: 'applicant.mobile', rule: 'format' });
  return problems;
}
