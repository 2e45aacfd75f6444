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
