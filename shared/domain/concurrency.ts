/**
 * Maps inputs through an async function with at most `limit` calls in flight, results in input order. After a call
 * fails no new call starts (those in flight finish), and the first failure is thrown. Our own few lines rather than
 * a dependency: p-limit and p-map are ESM-only, which jest's CommonJS transform would have to compile too.
 */
export async function mapWithConcurrency<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < inputs.length) {
      const index = next++;
      try {
        results[index] = await fn(inputs[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
