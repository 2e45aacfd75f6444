import { mapWithConcurrency } from '../../shared/domain/concurrency';

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls in flight and answers in input order, whatever order they finish in', async () => {
    let inFlight = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 15, 2, 25, 3, 10];
    const results = await mapWithConcurrency(delays, 3, async (ms, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return `${index}:${ms}`;
    });
    expect(most).toBe(3);
    expect(results).toEqual(delays.map((ms, i) => `${i}:${ms}`));
  });

  it('starts no call after one fails, lets those in flight finish, and rejects with the failure', async () => {
    const started: number[] = [];
    let finished = 0;
    const failing = mapWithConcurrency([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('row 1');
      await new Promise((r) => setTimeout(r, 20));
      finished++;
      return n;
    });
    await expect(failing).rejects.toThrow('row 1');
    await new Promise((r) => setTimeout(r, 50));
    // 0 was in flight when 1 failed: it finishes; nothing after 1 starts.
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(1);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('row 2');
        return n;
      }),
    ).rejects.toThrow('row 2');
  });

  it('maps nothing to nothing', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
