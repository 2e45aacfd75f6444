/**
 * Maps inputs through an async function with at most `limit` calls in flight, results in input order. Ten lines of
 * our own rather than a dependency: p-limit and p-map are ESM-only, which jest's CommonJS transform would have to
 * compile too.
 */
export async function mapWithConcurrency<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
