/**
 * The working-day calendar as an administrator types it from the State Council notice: one line per holiday or
 * make-up working day, a name then dates, single days or ranges (`春节 2027-02-05..2027-02-13`, `国庆节 2027-09-26,
 * 2027-10-09`). Each entry remembers its line, so the API's problems (`holidays.3.date`) point back at it.
 */

export interface DayEntry {
  readonly date: string;
  readonly name: string;
}

export interface LineProblem {
  readonly line: number;
  readonly rule: 'name' | 'date' | 'range' | 'year';
  readonly value?: string;
}

export interface ParsedDays {
  readonly entries: DayEntry[];
  /** For each entry, its line (1-based). */
  readonly lines: number[];
  readonly problems: LineProblem[];
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|～|至|—|–)\s*(\d{4}-\d{2}-\d{2})$/;

/** The day number of a real calendar date (2027-02-30 is refused), else undefined. */
function dayOf(date: string): number | undefined {
  if (!DATE.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? undefined : ms / DAY_MS;
}
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Parses the lines; blank lines and lines starting with # are skipped. */
export function parseDays(text: string, year: number): ParsedDays {
  const entries: DayEntry[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const firstDigit = content.search(/\d{4}-/);
    const name = (firstDigit < 0 ? content : content.slice(0, firstDigit)).replace(/[：:,，\s]+$/, '').trim();
    if (!name) problems.push({ line, rule: 'name' });
    if (firstDigit < 0) {
      problems.push({ line, rule: 'date', value: content });
      return;
    }
    // A range's separator may stand between spaces (`2027-02-05 至 2027-02-13`): joined first, so the split on
    // spaces between dates leaves the range whole.
    const dates = content.slice(firstDigit).replace(/\s*(\.\.|~|～|至|—|–)\s*(?=\d{4}-)/g, '$1');
    for (const part of dates.split(/[,，、;；\s]+(?=\d{4}-)/)) {
      const piece = part.trim().replace(/[,，、;；]$/, '');
      const range = RANGE.exec(piece);
      const [from, to] = range ? [range[1]!, range[2]!] : [piece, piece];
      const start = dayOf(from);
      const end = dayOf(to);
      if (start === undefined || end === undefined) {
        problems.push({ line, rule: 'date', value: start === undefined ? from : to });
        continue;
      }
      if (end < start || end - start > 31) {
        problems.push({ line, rule: 'range', value: piece });
        continue;
      }
      for (let day = start; day <= end; day++) {
        const date = dateOf(day);
        if (!date.startsWith(`${year}-`)) {
          problems.push({ line, rule: 'year', value: date });
          break;
        }
        if (name) {
          entries.push({ date, name });
          lines.push(line);
        }
      }
    }
  });
  return { entries, lines, problems };
}

/** Writes a loaded list back as lines: consecutive days of one name become a range. */
export function formatDays(entries: readonly DayEntry[]): string {
  const byName = new Map<string, number[]>();
  for (const entry of [...entries].sort((a, b) => a.date.localeCompare(b.date))) {
    const day = dayOf(entry.date);
    if (day === undefined) continue;
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), day]);
  }
  return [...byName.entries()]
    .map(([name, days]) => {
      const parts: string[] = [];
      let start = days[0]!;
      for (let i = 1; i <= days.length; i++) {
        if (i === days.length || days[i] !== days[i - 1]! + 1) {
          const end = days[i - 1]!;
          parts.push(start === end ? dateOf(start) : `${dateOf(start)}..${dateOf(end)}`);
          start = days[i]!;
        }
      }
      return `${name} ${parts.join(', ')}`;
    })
    .join('\n');
}
