/**
 * Shared pieces of the W3C Verifiable Credentials Data Model 2.0 used by licences and status lists.
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * An XML Schema dateTimeStamp (VC 2.0 requires the offset) in China Standard Time, to the second, e.g.
 * `2026-03-02T10:15:30+08:00`. China has no daylight saving time, so the offset is fixed.
 */
export function shanghaiTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return `${new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar day (`YYYY-MM-DD`) in China of an instant. */
export function shanghaiDate(date: Date): string {
  return shanghaiTimestamp(date).slice(0, 10);
}

/** Parses a dateTimeStamp; only strings with an explicit offset or Z are accepted, as VC 2.0 requires. */
export function parseTimestamp(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
