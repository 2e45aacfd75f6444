const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** An instant's calendar date in Asia/Shanghai. Strings must carry a zone ('Z' or ±hh:mm): a bare local time is ambiguous. */
export function toShanghaiDate(instant: Date | string): string {
  if (typeof instant === 'string' && !/T.*(Z|[+-]\d{2}:?\d{2})$/i.test(instant)) {
    throw new RangeError(`expected an ISO instant with a zone ('Z' or ±hh:mm), got '${instant}'`);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const parts = Object.fromEntries(shanghaiDate.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
