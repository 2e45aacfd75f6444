/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import { FIRST_POLL_MS, LONGEST_POLL_MS, nextPollMs } from '../../web/src/pages/cases/poll-interval';
import { useCase } from '../../web/src/pages/cases/use-case';

/**
 * The case page asks whether its case changed every 5 s at first, and less often while nothing does (a case waits in
 * review for days, often with its page open): a change, a command of the applicant's or coming back to the tab
 * starts again at 5 s; a hidden tab asks nothing.
 */
const calls: string[] = [];
let caseView: Record<string, unknown> = {};
/** When set, the next GET of a case waits for `release()`: a poll still on its way. */
let holdNext = false;
let release: () => void = () => undefined;
jest.mock('../../web/src/api/client', () => {
  class ApiError extends Error {
    constructor(
      readonly status: number,
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }
  const answers = (path: string, id: string) => {
    if (path === '/applications/{id}') return { ...caseView, id };
    if (path === '/applications/{id}/timeline') return { items: [] };
    return Promise.reject(new ApiError(404, 'NotFound', 'none'));
  };
  return {
    ApiError,
    api: () => ({
      GET: (path: string, init: { params: { path: { id: string } } }) => {
        calls.push(path);
        const id = init.params.path.id;
        if (path === '/applications/{id}' && holdNext) {
          holdNext = false;
          // Answered as the case stands when it is released.
          return new Promise((resolve) => {
            release = () => resolve(answers(path, id));
          });
        }
        return Promise.resolve().then(() => answers(path, id));
      },
    }),
    unwrap: (p: Promise<unknown>) => p,
  };
});
jest.mock('../../web/src/pages/cases/catalogue', () => ({
  departmentNamesOnce: () => Promise.resolve(new Map()),
  entryInfoOf: () => Promise.resolve(undefined),
}));

/** The polls: GETs of the case alone (a full load reads its timeline too). */
const polls = () =>
  calls.filter((p, i) => p === '/applications/{id}' && calls[i + 1] !== '/applications/{id}/timeline');

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  jest.useFakeTimers();
  calls.length = 0;
  holdNext = false;
  caseView = { id: 'c1', status: 'IN_REVIEW', updatedAt: '2026-12-07T08:00:00.000Z', kind: 'matter' };
  setHidden(false);
});
afterEach(() => jest.useRealTimers());

describe('how often the case page polls', () => {
  it('waits 5 s, then half as long again after each quiet poll, never more than a minute', () => {
    const waits = [FIRST_POLL_MS];
    for (let i = 0; i < 9; i++) waits.push(nextPollMs(waits[waits.length - 1]!, false));
    expect(waits).toEqual([5000, 7500, 11250, 16875, 25313, 37970, 56955, 60000, 60000, 60000]);
    expect(nextPollMs(LONGEST_POLL_MS, true)).toBe(FIRST_POLL_MS);
  });

  it('polls less often while nothing changes, and at 5 s again once something does', async () => {
    const { result } = renderHook(() => useCase('c1'));
    await advance(0);
    expect(result.current.status).toBe('ready');
    expect(result.current.live).toBe(true);

    // Quiet: polls at 5, 12.5, 23.75 and 40.6 s.
    await advance(5_000);
    expect(polls()).toHaveLength(1);
    await advance(7_499);
    expect(polls()).toHaveLength(1);
    await advance(1);
    expect(polls()).toHaveLength(2);
    await advance(11_250 + 16_875);
    expect(polls()).toHaveLength(4);

    // The window accepts meanwhile: the next poll (25.3 s later) sees it and loads the case again ...
    caseView = { ...caseView, updatedAt: '2026-12-07T09:00:00.000Z' };
    await advance(25_313);
    expect(polls()).toHaveLength(5);
    expect(calls.filter((p) => p === '/applications/{id}/timeline')).toHaveLength(2);
    // ... and the one after comes 5 s later.
    await advance(5_000);
    expect(polls()).toHaveLength(6);
  });

  it('asks nothing while the tab is hidden, at once when it is back, and 5 s after a command', async () => {
    const { result } = renderHook(() => useCase('c1'));
    await advance(0);
    // Quiet for a while: the wait has grown to 25 s.
    await advance(5_000 + 7_500 + 11_250 + 16_875);
    expect(polls()).toHaveLength(4);

    setHidden(true);
    await advance(10 * 60_000);
    expect(polls()).toHaveLength(4);

    await act(async () => setHidden(false));
    await advance(0);
    expect(polls()).toHaveLength(5);
    await advance(5_000);
    expect(polls()).toHaveLength(6);
    await advance(7_500);
    expect(polls()).toHaveLength(7);

    // The applicant answers a correction request: the page reloads, and the polls start again at 5 s.
    await act(async () => {
      await result.current.refresh();
    });
    await advance(5_000);
    expect(polls()).toHaveLength(8);
  });

  it('drops the answer of a poll still on its way when a command reloads the case, and polls 5 s after the command', async () => {
    const { result } = renderHook(() => useCase('c1'));
    await advance(0);
    await advance(5_000 + 7_500);
    expect(polls()).toHaveLength(2);
    holdNext = true;
    await advance(11_250);
    expect(polls()).toHaveLength(3);
    // The applicant's command changes the case and the page reloads it while that poll waits for its answer.
    caseView = { ...caseView, updatedAt: '2026-12-07T09:00:00.000Z' };
    await act(async () => {
      await result.current.refresh();
    });
    await act(async () => release());
    await advance(0);
    // Loaded twice (at first and after the command), not a third time for the stale answer.
    expect(calls.filter((p) => p === '/applications/{id}/timeline')).toHaveLength(2);
    await advance(4_999);
    expect(polls()).toHaveLength(3);
    await advance(1);
    expect(polls()).toHaveLength(4);
  });

  it('stops polling when the page goes, and shows the new case when its address changes mid-poll', async () => {
    const { result, rerender, unmount } = renderHook(({ id }) => useCase(id), { initialProps: { id: 'c1' } });
    await advance(0);
    holdNext = true;
    await advance(5_000);
    expect(polls()).toHaveLength(1);
    caseView = { ...caseView, updatedAt: '2026-12-07T09:00:00.000Z' };
    rerender({ id: 'c2' });
    await advance(0);
    await act(async () => release());
    await advance(0);
    expect(result.current.status === 'ready' && result.current.data.c.id).toBe('c2');

    unmount();
    const before = calls.length;
    await advance(10 * 60_000);
    expect(calls).toHaveLength(before);
  });

  it('does not poll a case the platform is not working on', async () => {
    caseView = { ...caseView, status: 'DRAFT' };
    const { result } = renderHook(() => useCase('c1'));
    await advance(0);
    expect(result.current.live).toBe(false);
    await advance(5 * 60_000);
    expect(polls()).toHaveLength(0);
  });
});
