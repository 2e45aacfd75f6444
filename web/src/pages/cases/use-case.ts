import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';
import type { Loaded } from '../../components/use-api';
import { departmentNamesOnce, type EntryInfo, entryInfoOf, type Localised } from './catalogue';
import { FIRST_POLL_MS, nextPollMs } from './poll-interval';
import { type CaseView, IN_PROGRESS, RATEABLE } from './status';

export type Timeline = operations['getApplicationsByIdTimeline']['responses'][200]['content']['application/json'];
export type TimelineEntry = Timeline['items'][number];
export type Payment = components['schemas']['CasePayment'];
export type Delivery = components['schemas']['ResultDelivery'];
export type Rating = components['schemas']['Rating'];

/** Everything the case page shows: the case, its history, and its fee order, delivery and rating where it has them. */
export interface CaseData {
  readonly c: CaseView;
  readonly timeline: Timeline;
  readonly payment?: Payment;
  readonly delivery?: Delivery;
  readonly rating?: Rating;
  /** The words for the case's codes (its matter's name, fields, materials), from the pinned guide. */
  readonly info?: EntryInfo;
  readonly departments: ReadonlyMap<string, Localised>;
}

/** A part the case may not have: the API answers 404 (no fee order, not rated yet). */
const optional = <T>(call: Promise<T>): Promise<T | undefined> =>
  call.catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? undefined : Promise.reject(e)));

async function loadCase(id: string): Promise<CaseData> {
  const path = { params: { path: { id } } };
  const [c, timeline, payment] = await Promise.all([
    unwrap(api().GET('/applications/{id}', path)),
    unwrap(api().GET('/applications/{id}/timeline', path)),
    optional(unwrap(api().GET('/applications/{id}/payment', path))),
  ]);
  const [info, departments, delivery, rating] = await Promise.all([
    entryInfoOf(c),
    departmentNamesOnce(),
    c.kind === 'bundle' || c.status === 'WITHDRAWN'
      ? undefined
      : optional(unwrap(api().GET('/applications/{id}/delivery', path))),
    RATEABLE.includes(c.status) ? optional(unwrap(api().GET('/applications/{id}/rating', path))) : undefined,
  ]);
  return {
    c,
    timeline,
    departments,
    ...(payment ? { payment } : {}),
    ...(delivery ? { delivery } : {}),
    ...(rating ? { rating } : {}),
    ...(info ? { info } : {}),
  };
}

/** A result on its way (posted, or waiting at the window): 送达 will follow. */
const UNDERWAY: readonly string[] = ['READY_FOR_PICKUP', 'SHIPPED', 'IN_TRANSIT'];

/**
 * The case and its parts; `refresh()` after a command. While the platform is working on the case (submitted,
 * accepted, in review, approved, or its result on the way) it is asked whether anything changed, every 5 s at first
 * and less often while nothing does (poll-interval.ts), only while the page is visible, so the applicant sees the
 * next status without reloading.
 */
export function useCase(id: string): Loaded<CaseData> & { live: boolean; refresh(): Promise<void>; reload(): void } {
  const [state, setState] = useState<Loaded<CaseData>>({ status: 'loading' });
  const current = useRef<CaseData | undefined>(undefined);
  const generation = useRef(0);

  /** Loads everything; a quiet load (after a command, or a poll) keeps what is shown when it fails. */
  const load = useCallback(
    async (quiet: boolean) => {
      const mine = ++generation.current;
      try {
        const data = await loadCase(id);
        if (mine !== generation.current) return;
        current.current = data;
        setState({ status: 'ready', data });
      } catch (e) {
        if (mine !== generation.current) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
        if (!quiet || !current.current) setState({ status: 'error', error });
      }
    },
    [id],
  );

  useEffect(() => {
    current.current = undefined;
    setState({ status: 'loading' });
    void load(false);
    return () => {
      generation.current += 1;
    };
  }, [load]);

  const data = state.status === 'ready' ? state.data : undefined;
  const active =
    data !== undefined &&
    (IN_PROGRESS.includes(data.c.status) ||
      (data.c.status === 'ISSUED' && UNDERWAY.includes(data.delivery?.status ?? '')));
  // A command's answer (refresh) or a change seen by a poll starts the polls again at their shortest wait.
  const pollMs = useRef(FIRST_POLL_MS);
  const restartPolls = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (!active) return;
    let timer: number | undefined;
    let stopped = false;
    // One poll at a time; a restart (a command, the tab's return) makes the answer of one still on its way stale.
    let inFlight = false;
    let restarts = 0;
    /** One poll; `fresh`: the first after a pause, so the next comes after the shortest wait whatever it finds. */
    const poll = async (fresh = false) => {
      if (inFlight) return schedule();
      inFlight = true;
      const started = restarts;
      const before = current.current?.c;
      let changed = false;
      try {
        const now = await unwrap(api().GET('/applications/{id}', { params: { path: { id } } }));
        if (stopped || restarts !== started) return;
        changed = !before || now.updatedAt !== before.updatedAt || now.status !== before.status;
        if (changed) await load(true);
      } catch {
        // A failed poll changes nothing on the page; the next one tries again.
      } finally {
        inFlight = false;
      }
      if (stopped || restarts !== started) return;
      pollMs.current = fresh ? FIRST_POLL_MS : nextPollMs(pollMs.current, changed);
      schedule();
    };
    const schedule = () => {
      window.clearTimeout(timer);
      if (!stopped && !document.hidden) timer = window.setTimeout(() => void poll(), pollMs.current);
    };
    const visibility = () => {
      window.clearTimeout(timer);
      if (document.hidden) return;
      // Back on the tab: ask at once, and 5 s later again.
      restarts += 1;
      pollMs.current = FIRST_POLL_MS;
      void poll(true);
    };
    restartPolls.current = () => {
      restarts += 1;
      pollMs.current = FIRST_POLL_MS;
      schedule();
    };
    restartPolls.current();
    document.addEventListener('visibilitychange', visibility);
    return () => {
      stopped = true;
      restartPolls.current = () => undefined;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [id, active, load]);

  const refresh = useCallback(() => {
    restartPolls.current();
    return load(true);
  }, [load]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void load(false);
  }, [load]);
  return { ...state, live: active, refresh, reload };
}
