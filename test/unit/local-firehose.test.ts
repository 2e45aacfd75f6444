import { gunzipSync } from 'node:zlib';
import { LocalClock } from '../../infra/local/clock';
import { formatTimestamp, LocalFirehose, objectPrefix } from '../../infra/local/firehose';
import { topology } from '../../infra/topology';

/** The local Firehose stream alone, on a manual clock, writing to a list instead of S3. */
function stream(options: { failWrites?: number } = {}) {
  const clock = new LocalClock('manual', new Date('2026-06-30T15:30:00Z'));
  const written: { key: string; body: Buffer }[] = [];
  let failures = options.failWrites ?? 0;
  const firehose = new LocalFirehose('s-eventArchive', topology.deliveryStreams.eventArchive, {
    clock,
    putObject: async (key, body) => {
      if (failures-- > 0) throw new Error('S3 unavailable');
      written.push({ key, body });
    },
  });
  return { clock, written, firehose };
}

describe('the local Firehose stream', () => {
  it('writes what is buffered when it stops, and refuses records after', async () => {
    const { written, firehose } = stream();
    firehose.putRecord('{"a":1}');
    firehose.putRecord('{"a":2}');
    expect(written).toEqual([]);
    await firehose.stop();
    expect(written.map((w) => w.key)).toEqual([
      expect.stringMatching(/^events\/dt=2026-06-30\/s-eventArchive-1-2026-06-30-23-30-00-[0-9a-f-]{36}\.jsonl\.gz$/),
    ]);
    expect(gunzipSync(written[0]!.body).toString()).toBe('{"a":1}\n{"a":2}\n');
    expect(() => firehose.putRecord('{"a":3}')).toThrow(/stopped/);
  });

  it('writes nothing for an empty buffer, and one object per flush', async () => {
    const { clock, written, firehose } = stream();
    clock.advance(3600_000);
    await firehose.idle();
    expect(written).toEqual([]);
    firehose.putRecord('{"a":1}');
    await firehose.flush();
    firehose.putRecord('{"a":2}');
    await firehose.flush();
    expect(written).toHaveLength(2);
    expect(firehose.metrics).toMatchObject({ records: 2, objects: 2 });
  });

  it('refuses a record over 1,000 KiB, as Firehose does', () => {
    const { firehose } = stream();
    expect(() => firehose.putRecord('x'.repeat(1000 * 1024))).toThrow(/may not exceed/);
    expect(firehose.metrics.records).toBe(0);
  });

  it('tries a failed write again before giving up on it', async () => {
    const { written, firehose } = stream({ failWrites: 1 });
    firehose.putRecord('{"a":1}');
    await firehose.flush();
    expect(written).toHaveLength(1);
    expect(firehose.metrics).toMatchObject({ objects: 1, failedObjects: 0 });
  });

  it('evaluates Firehose prefixes in the stream’s time zone, with its default when there is no timestamp', () => {
    const at = Date.parse('2026-12-31T16:05:09Z');
    expect(objectPrefix('events/dt=!{timestamp:yyyy-MM-dd}/', at, 'Asia/Shanghai')).toBe('events/dt=2027-01-01/');
    expect(objectPrefix('events/dt=!{timestamp:yyyy-MM-dd}/', at, 'UTC')).toBe('events/dt=2026-12-31/');
    expect(objectPrefix('raw/', at, 'Asia/Shanghai')).toBe('raw/2027/01/01/00/');
    expect(formatTimestamp(at, 'yyyy-MM-dd-HH-mm-ss', 'Asia/Shanghai')).toBe('2027-01-01-00-05-09');
    expect(() => objectPrefix('x/!{partitionKeyFromQuery:day}/', at, 'UTC')).toThrow(/Unsupported/);
    expect(() => formatTimestamp(at, 'YYYY-ww', 'UTC')).toThrow(/Unsupported/);
  });
});
