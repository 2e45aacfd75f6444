import {
  DEFAULT_DELIVERY_SCHEDULE,
  deliverySchedule,
  deliveryWindow,
  maxAttempts,
  nextAttemptAt,
} from '../../shared/webhooks/delivery-schedule';

const HOUR = 3_600_000;
const first = new Date('2026-03-02T01:00:00.000Z');
const constant = (value: number) => () => value;
const almostOne = 1 - Number.EPSILON;

/** Every attempt's time, from the first until the delivery is dead. */
function attempts(random: () => number, schedule = DEFAULT_DELIVERY_SCHEDULE): Date[] {
  const times = [first];
  for (let attempt = 1; ; attempt++) {
    const next = nextAttemptAt(attempt, first, random, schedule);
    if (!next) return times;
    times.push(next);
  }
}

/** A seeded generator (mulberry32), so the randomised test is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the default delivery schedule', () => {
  it('keeps trying for at least 24 hours even when every draw is the earliest', () => {
    const times = attempts(constant(0));
    expect(times).toHaveLength(9);
    expect(times.at(-1)!.getTime() - first.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect(deliveryWindow().minSpanMs).toBeGreaterThanOrEqual(24 * HOUR);
  });

  it('gives up within 38 hours even when every draw is the latest', () => {
    const span = attempts(constant(almostOne)).at(-1)!.getTime() - first.getTime();
    expect(span).toBeLessThanOrEqual(38 * HOUR);
    expect(span).toBe(deliveryWindow().maxSpanMs);
  });

  it('starts fast and backs off: the second attempt within 5 s, the third within 5 min 5 s', () => {
    const late = attempts(constant(almostOne)).map((t) => t.getTime() - first.getTime());
    expect(late.slice(0, 4)).toEqual([0, 5_000, 305_000, 2_105_000]);
  });
});

describe('nextAttemptAt', () => {
  it('draws each retry anywhere in its step (full jitter), bounded by the steps on either side', () => {
    const schedule = deliverySchedule([1_000, 10_000, 100_000]);
    const bounds = [
      [0, 1_000],
      [1_000, 11_000],
      [11_000, 111_000],
    ];
    for (const [index, [low, high]] of bounds.entries()) {
      const at = (draw: number) =>
        nextAttemptAt(index + 1, first, constant(draw), schedule)!.getTime() - first.getTime();
      expect(at(0)).toBe(low);
      expect(at(0.5)).toBe((low! + high!) / 2);
      expect(at(almostOne)).toBe(high);
    }
  });

  it('keeps attempts in order and inside the window whatever the draws', () => {
    const random = seeded(42);
    const window = deliveryWindow();
    for (let run = 0; run < 200; run++) {
      const times = attempts(random).map((t) => t.getTime() - first.getTime());
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      expect(times.at(-1)).toBeGreaterThanOrEqual(window.minSpanMs);
      expect(times.at(-1)).toBeLessThanOrEqual(window.maxSpanMs);
    }
  });

  it('spreads deliveries that failed together instead of retrying them at one instant', () => {
    const random = seeded(7);
    const retries = Array.from({ length: 100 }, () => nextAttemptAt(6, first, random)!.getTime());
    // Step 6 is 5 hours wide; 100 draws landing within one minute of each other would mean no jitter.
    expect(Math.max(...retries) - Math.min(...retries)).toBeGreaterThan(HOUR);
  });

  it('randomises only the configured share of each step', () => {
    const schedule = deliverySchedule([10_000, 20_000], 0.25);
    expect(nextAttemptAt(2, first, constant(0), schedule)!.getTime() - first.getTime()).toBe(10_000 + 15_000);
    expect(nextAttemptAt(2, first, constant(almostOne), schedule)!.getTime() - first.getTime()).toBe(30_000);
    expect(deliveryWindow(schedule)).toEqual({ attempts: 3, minSpanMs: 25_000, maxSpanMs: 30_000 });
    const fixed = deliverySchedule([10_000, 20_000], 0);
    expect(nextAttemptAt(1, first, constant(0.9), fixed)!.getTime() - first.getTime()).toBe(10_000);
  });

  it('declares the delivery dead after the last attempt', () => {
    const schedule = deliverySchedule([1_000, 2_000]);
    expect(maxAttempts(schedule)).toBe(3);
    expect(nextAttemptAt(2, first, constant(0), schedule)).toBeInstanceOf(Date);
    expect(nextAttemptAt(3, first, constant(0), schedule)).toBeUndefined();
    expect(nextAttemptAt(4, first, constant(0), schedule)).toBeUndefined();
    expect(nextAttemptAt(8, first, constant(0))).toBeInstanceOf(Date);
    expect(nextAttemptAt(9, first, constant(0))).toBeUndefined();
  });

  it('is pure: the same inputs give the same date', () => {
    expect(nextAttemptAt(4, first, constant(0.3))).toEqual(nextAttemptAt(4, first, constant(0.3)));
  });

  it('refuses nonsense: attempt 0, a broken random source, a bad schedule', () => {
    expect(() => nextAttemptAt(0, first, constant(0))).toThrow(RangeError);
    expect(() => nextAttemptAt(1.5, first, constant(0))).toThrow(RangeError);
    expect(() => nextAttemptAt(1, first, constant(1))).toThrow(RangeError);
    expect(() => nextAttemptAt(1, first, constant(Number.NaN))).toThrow(RangeError);
    expect(() => deliverySchedule([])).toThrow(RangeError);
    expect(() => deliverySchedule([1_000, -1])).toThrow(RangeError);
    expect(() => deliverySchedule([1_000], 1.5)).toThrow(RangeError);
  });
});
