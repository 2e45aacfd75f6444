/**
 * The answers the applicant corrected in the application form and that are not on the server yet. The API keeps a
 * case's form unchanged during a correction (PATCH only saves drafts), so the form page keeps the corrected answers
 * on this device until they are resubmitted (web/src/pages/apply/local-copy.ts, under `one-stop.draft.<caseId>`).
 * The case page's resubmission sends them too, so answering here never drops what was typed there.
 */
const key = (caseId: string) => `one-stop.draft.${caseId}`;

/** The answers typed since `since` (the correction request): an older copy is not an answer to it. */
export function correctedAnswers(caseId: string, since: string | undefined): Record<string, unknown> | undefined {
  try {
    const raw = localStorage.getItem(key(caseId));
    const copy = raw ? (JSON.parse(raw) as { form?: unknown; at?: unknown }) : undefined;
    if (!copy || typeof copy.form !== 'object' || copy.form === null || Array.isArray(copy.form)) return undefined;
    if (since && !(typeof copy.at === 'string' && copy.at > since)) return undefined;
    return copy.form as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Once resubmitted, the server has them. */
export function forgetCorrectedAnswers(caseId: string): void {
  try {
    localStorage.removeItem(key(caseId));
  } catch {
    // Storage off: nothing was kept.
  }
}

/** Key order does not make two answers different. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const sameAnswer = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
