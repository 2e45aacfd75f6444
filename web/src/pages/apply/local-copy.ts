import type { FormValidator } from '@shared/domain/catalogue/form-errors';
import { canonical, type FormValue, removeAt } from '../../form/paths';

/**
 * The copy of a case's answers kept on this device until the server has them: written on every change, so a failed
 * save, a closed tab or a lost network loses nothing typed. It holds the form alone (no token, no profile), under
 * the case's id, and `base` says which server version of the form it was typed over.
 */
export interface LocalCopy {
  readonly form: FormValue;
  /** A fingerprint of the server's form the copy was typed over (to tell a stale copy from unsaved typing). */
  readonly base: string;
  readonly at: string;
}

const key = (caseId: string) => `one-stop.draft.${caseId}`;

/** A short fingerprint (FNV-1a) of a form's canonical JSON: enough to tell two versions apart, and no copy of them. */
export function fingerprint(form: unknown): string {
  const text = canonical(form);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}-${(h >>> 0).toString(36)}`;
}

export function readLocalCopy(caseId: string): LocalCopy | undefined {
  try {
    const raw = localStorage.getItem(key(caseId));
    if (!raw) return undefined;
    const copy = JSON.parse(raw) as LocalCopy;
    return copy && typeof copy.form === 'object' && copy.form !== null ? copy : undefined;
  } catch {
    return undefined;
  }
}

export function writeLocalCopy(caseId: string, form: FormValue, serverForm: unknown): void {
  try {
    localStorage.setItem(
      key(caseId),
      JSON.stringify({ form, base: fingerprint(serverForm), at: new Date().toISOString() } satisfies LocalCopy),
    );
  } catch {
    // Storage full or off (private mode): the server copy is all there is.
  }
}

export function clearLocalCopy(caseId: string): void {
  try {
    localStorage.removeItem(key(caseId));
  } catch {
    // Nothing kept, nothing to clear.
  }
}

/** Where a case's answers come from when its page opens: the server's, or unsaved typing kept on this device. */
export function startingAnswers(
  caseId: string,
  serverForm: FormValue,
): { form: FormValue; restored: boolean; stale?: LocalCopy } {
  const copy = readLocalCopy(caseId);
  if (!copy || canonical(copy.form) === canonical(serverForm)) {
    if (copy) clearLocalCopy(caseId);
    return { form: serverForm, restored: false };
  }
  // Typed over the form the server still has: nothing else changed it, so the typing is newer.
  if (copy.base === fingerprint(serverForm)) return { form: copy.form, restored: true };
  // The server's form changed since (another device): the server wins, the copy is offered.
  return { form: serverForm, restored: false, stale: copy };
}

/**
 * What a draft can be saved with: the answers without those the engine refuses (a wrong check digit, a date out of
 * range), since the API refuses a draft holding any. Missing answers are fine in a draft. The refused answers stay
 * in the form and on this device until they are fixed.
 */
export function savable(form: FormValue, validate: FormValidator): FormValue {
  let out = form;
  for (let round = 0; round < 100; round++) {
    const result = validate(out);
    if (result.ok) return out;
    const refused = result.errors.find((e) => e.rule !== 'required' && e.rule !== 'minItems');
    if (!refused) return out;
    out = refused.path === 'form' ? {} : removeAt(out, refused.path);
  }
  return out;
}
