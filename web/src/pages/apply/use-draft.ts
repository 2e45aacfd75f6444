import type { FormValidator } from '@shared/domain/catalogue/form-errors';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import { canonical, type FormValue } from '../../form/paths';
import { clearLocalCopy, savable, writeLocalCopy } from './local-copy';
import type { CaseView } from './template';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  /** `partial`: some answers the engine refuses are kept on this device only, until they are fixed. */
  | { readonly kind: 'saved'; readonly at: Date; readonly partial: boolean }
  | { readonly kind: 'offline' }
  | { readonly kind: 'failed'; readonly error: ApiError }
  /** A case being corrected: the answers go with the resubmission; until then they are kept on this device. */
  | { readonly kind: 'local' };

const DEBOUNCE_MS = 1000;

/**
 * Saves a draft as the applicant goes: a second after the last change, and at once when they leave a field or ask
 * for it (flush). Every change is first kept on this device (local-copy.ts). One save runs at a time; changes made
 * meanwhile are saved right after. A network failure keeps everything and is retried on demand or when the
 * browser comes back online. A case under correction cannot be saved as a draft (the API takes its answers with
 * the resubmission), so its answers stay on this device until then.
 */
export function useDraft({
  caseView,
  value,
  validate,
  onServerProblems,
  onSaved,
}: {
  caseView: CaseView;
  value: FormValue;
  validate: FormValidator;
  onServerProblems: (details: readonly ApiErrorDetail[]) => void;
  onSaved?: (saved: CaseView) => void;
}) {
  const id = caseView.id;
  const correcting = caseView.status !== 'DRAFT';
  const [state, setState] = useState<SaveState>({ kind: correcting ? 'local' : 'idle' });
  const latest = useRef(value);
  latest.current = value;
  const serverForm = useRef<FormValue>(caseView.form);
  const running = useRef<Promise<boolean> | undefined>(undefined);
  const again = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const callbacks = useRef({ onServerProblems, onSaved, validate });
  callbacks.current = { onServerProblems, onSaved, validate };

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const current = latest.current;
    const toSend = savable(current, callbacks.current.validate);
    const partial = canonical(toSend) !== canonical(current);
    if (canonical(toSend) === canonical(serverForm.current)) {
      if (!partial) clearLocalCopy(id);
      setState({ kind: 'saved', at: new Date(), partial });
      return true;
    }
    setState({ kind: 'saving' });
    try {
      const saved = (await unwrap(
        api().PATCH('/applications/{id}', { params: { path: { id } }, body: { form: toSend } }),
      )) as CaseView;
      serverForm.current = toSend;
      if (canonical(latest.current) === canonical(toSend)) clearLocalCopy(id);
      else writeLocalCopy(id, latest.current, toSend);
      setState({ kind: 'saved', at: new Date(), partial });
      callbacks.current.onSaved?.(saved);
      return true;
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(0, 'NetworkError', String(error));
      if (failure.network) setState({ kind: 'offline' });
      else {
        if (failure.details.length > 0) callbacks.current.onServerProblems(failure.details);
        setState({ kind: 'failed', error: failure });
      }
      return false;
    }
  }, [id]);

  /** Saves now (or after the save in flight, with whatever changed meanwhile); true when the server has it all. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (correcting) return true;
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = (async () => {
      let ok = await saveOnce();
      while (again.current && ok) {
        again.current = false;
        ok = await saveOnce();
      }
      again.current = false;
      return ok;
    })();
    running.current = run;
    try {
      return await run;
    } finally {
      running.current = undefined;
    }
  }, [correcting, saveOnce]);

  // Every change: kept on this device at once, sent to the server a second after the typing stops.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      // A restored copy from this device is unsaved typing: send it.
      if (canonical(value) === canonical(serverForm.current)) return;
    }
    if (canonical(value) === canonical(serverForm.current)) {
      clearLocalCopy(id);
      if (!correcting) setState((s) => (s.kind === 'pending' ? { kind: 'saved', at: new Date(), partial: false } : s));
      return;
    }
    writeLocalCopy(id, value, serverForm.current);
    if (correcting) return;
    setState((s) => (s.kind === 'offline' || s.kind === 'failed' ? s : { kind: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [value, id, correcting, flush]);

  // Back online: try again. Leaving the page sends what is still waiting for its second.
  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      if (timer.current !== undefined) void flush();
    };
  }, [flush]);

  return { state, flush, retry: flush };
}
