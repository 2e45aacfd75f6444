/** Dates as Chinese documents print them: 2026-03-02 → 2026年3月2日. Pure text, no PDF library. */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
