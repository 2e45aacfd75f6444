/**
 * The bench's small measuring tools: percentiles of latency samples; the route template (API Gateway route key) a
 * concrete request belongs to, so client-side latencies group as the platform's routes do; and DynamoDB item sizes
 * and transaction write units as AWS bills them (DynamoDB Local's figure for a transaction does not add up its items).
 */

/**
 * The q-th percentile (0 < q ≤ 100) by the nearest-rank method: the smallest sample with at least q % of the samples
 * at or below it. It is always one of the samples (no interpolation), so p100 is the maximum; null when there are none.
 */
export function percentile(samples: readonly number[], q: number): number | null {
  if (!(q > 0 && q <= 100)) throw new RangeError(`A percentile lies in (0, 100], not ${q}`);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((q / 100) * sorted.length) - 1]!;
}

export interface Summary {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

/** Count, p50, p95, p99, max and mean of some samples, rounded to 0.1. */
export function summarise(samples: readonly number[]): Summary {
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : null),
    mean: round(sorted.length ? sorted.reduce((s, n) => s + n, 0) / sorted.length : null),
  };
}

/**
 * A matcher from a request (method and concrete path) to its route key among `routeKeys` (`GET /tasks/{id}`), as
 * API Gateway chooses: literal segments before parameters, a greedy `{name+}` last. Undefined when no route matches.
 */
export function routeMatcher(routeKeys: readonly string[]): (method: string, path: string) => string | undefined {
  const routes = routeKeys
    .map((key) => {
      const [method, template] = key.split(' ') as [string, string];
      const segments = template.split('/').filter(Boolean);
      const source = segments
        .map((segment) => {
          if (/^\{\w+\+\}$/.test(segment)) return '/.+';
          if (/^\{\w+\}$/.test(segment)) return '/[^/]+';
          return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
        })
        .join('');
      // Literal segments count more than parameters; a greedy parameter least.
      const literals = segments.filter((s) => !s.startsWith('{')).length;
      const specificity = literals * 2 - (template.includes('+}') ? 1 : 0);
      return { key, method, pattern: new RegExp(`^${source || '/'}$`), specificity };
    })
    .sort((a, b) => b.specificity - a.specificity);
  return (method, path) => {
    const bare = path.split('?')[0]!;
    return routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(bare))?.key;
  };
}
