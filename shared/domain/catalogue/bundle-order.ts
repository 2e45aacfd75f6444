// Apart from model.ts, whose schemas every reader of a bundle's waves would otherwise load (and bundle).

/** The members in waves: each wave depends only on earlier ones (registration first, then the rest in parallel). */
export function bundleOrder(
  members: readonly { matterCode: string; dependsOn?: readonly string[] }[],
): string[][] | undefined {
  const waves: string[][] = [];
  const done = new Set<string>();
  let left = [...members];
  while (left.length > 0) {
    const wave = left.filter((m) =>
      (m.dependsOn ?? []).every((d) => done.has(d) || !members.some((x) => x.matterCode === d)),
    );
    if (wave.length === 0) return undefined;
    waves.push(wave.map((m) => m.matterCode));
    for (const m of wave) done.add(m.matterCode);
    left = left.filter((m) => !done.has(m.matterCode));
  }
  return waves;
}
