/**
 * The raw-event archive for Athena: every platform event as one JSON line, delivered by the bus's `archive-events`
 * rule to an Amazon Data Firehose stream, which batches the lines, gzips them and writes one object per flush under
 * the date it received them (Asia/Shanghai). No function runs and no object is written per event; the local cloud
 * emulates the stream with the same keys and bytes (infra/local/firehose.ts).
 *
 *   events/dt=<yyyy-MM-dd>/<stream>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid>.jsonl.gz
 *     {"eventId","source","detailType","occurredAt","detail"}\n … (one line per event)
 *
 * EventBridge delivers at least once, so a line can repeat (same event_id): Athena queries de-duplicate by event_id
 * (SELECT DISTINCT, or row_number() OVER (PARTITION BY event_id)).
 *
 * Why JSON Lines + GZIP and not Parquet: Firehose's record format conversion needs a buffer of at least 64 MiB and
 * parses the lines with its own deserializer into the Glue schema; the `detail` column (the event as JSON text, read
 * with json_extract) is an object in the line, which the OpenX SerDe turns into text when Athena reads JSON, but
 * which we could not verify Firehose's converter does the same, and the local cloud could not write the same bytes
 * without a Parquet library. At about 12 lines (some 10 KiB) a case, gzipped JSON keeps Athena's scans small.
 */
export interface ArchivedEvent {
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly occurredAt: string;
  readonly detail: Record<string, unknown>;
}

export const ARCHIVE_PREFIX = 'events/';

/**
 * The line each event becomes: the rule's input transformer maps these paths of the EventBridge event to the
 * line's keys (in AWS and in the local bus alike); the stream appends the newline (AppendDelimiterToRecord).
 */
export const ARCHIVE_RECORD = {
  eventId: '$.detail.eventId',
  source: '$.source',
  detailType: '$.detail-type',
  occurredAt: '$.detail.occurredAt',
  detail: '$.detail',
} as const satisfies Record<keyof ArchivedEvent, string>;

/**
 * Where the stream writes, in Firehose's prefix language. `!{timestamp:…}` is the arrival time of the oldest line in
 * the object, in ARCHIVE_DELIVERY.timeZone: the partition is the day the archive received the event, which is the day
 * it occurred except for an event delivered across midnight or redriven later (occurred_at is exact).
 * Failed records go under their own prefix, outside the table's location.
 */
export const ARCHIVE_DELIVERY = {
  prefix: `${ARCHIVE_PREFIX}dt=!{timestamp:yyyy-MM-dd}/`,
  errorOutputPrefix: 'events-failed/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
  timeZone: 'Asia/Shanghai',
  fileExtension: '.jsonl.gz',
  compression: 'GZIP',
  delimiter: '\n',
} as const;

/** One line: JSON.stringify escapes every newline inside strings, so the record cannot span lines. */
export function archiveLine(event: ArchivedEvent): string {
  const { eventId, source, detailType, occurredAt, detail } = event;
  return `${JSON.stringify({ eventId, source, detailType, occurredAt, detail })}\n`;
}

// ---- the Athena table over the archive (CDK creates it in Glue from the same definitions) ----

/** The table's columns, in order; `jsonKey` is the line's key each one reads. */
export const ARCHIVE_COLUMNS = [
  { name: 'event_id', type: 'string', jsonKey: 'eventId', comment: 'The publisher’s event id (de-duplication key)' },
  { name: 'source', type: 'string', jsonKey: 'source', comment: 'EventBridge source, e.g. gov.one-stop.applications' },
  {
    name: 'detail_type',
    type: 'string',
    jsonKey: 'detailType',
    comment: 'Contract and major version, e.g. Application.Submitted.v1',
  },
  {
    name: 'occurred_at',
    type: 'string',
    jsonKey: 'occurredAt',
    comment: 'ISO 8601 instant with offset; from_iso8601_timestamp(occurred_at)',
  },
  {
    name: 'detail',
    type: 'string',
    jsonKey: 'detail',
    comment: "The event detail as JSON text; read its fields with json_extract_scalar(detail, '$.caseId')",
  },
] as const;

export const ARCHIVE_PARTITION_KEYS = [
  {
    name: 'dt',
    type: 'string',
    comment: 'Date (Asia/Shanghai, yyyy-MM-dd) the archive received the event: that of occurred_at but near midnight',
  },
] as const;

/**
 * The OpenX JSON SerDe: it reads a nested object into a string column as its JSON text (the Hive SerDe does not),
 * and maps the snake_case columns to the lines' camelCase keys. Keys are matched lower-cased (case.insensitive).
 */
export const ARCHIVE_SERDE = {
  serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
  parameters: {
    'case.insensitive': 'TRUE',
    'ignore.malformed.json': 'FALSE',
    ...Object.fromEntries(
      ARCHIVE_COLUMNS.filter((c) => c.name !== c.jsonKey.toLowerCase()).map((c) => [
        `mapping.${c.name}`,
        c.jsonKey.toLowerCase(),
      ]),
    ),
  } as Record<string, string>,
} as const;

export const ARCHIVE_STORAGE = {
  inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
} as const;

/** The first partition partition projection offers; earlier dates hold nothing. */
export const ARCHIVE_FIRST_DAY = '2025-01-01';

/** Table properties: partition projection on dt (no crawler, no MSCK REPAIR), one partition per day. */
export function archiveTableProperties(bucket: string): Record<string, string> {
  return {
    classification: 'json',
    // Athena reads the .gz objects by their extension; Glue records the codec for other readers.
    compressionType: 'gzip',
    'projection.enabled': 'true',
    'projection.dt.type': 'date',
    'projection.dt.format': 'yyyy-MM-dd',
    // NOW is UTC: until 08:00 in Shanghai, today's partition is tomorrow's date in UTC.
    'projection.dt.range': `${ARCHIVE_FIRST_DAY},NOW+1DAYS`,
    'projection.dt.interval': '1',
    'projection.dt.interval.unit': 'DAYS',
    'storage.location.template': `s3://${bucket}/${ARCHIVE_PREFIX}dt=\${dt}/`,
  };
}

/** The Athena DDL of the archive table for a database, table name and bucket. */
export function athenaEventsDdl(options: { database: string; table: string; bucket: string }): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const columns = ARCHIVE_COLUMNS.map((c) => `  \`${c.name}\` ${c.type} COMMENT ${quote(c.comment)}`).join(',\n');
  const partitions = ARCHIVE_PARTITION_KEYS.map((p) => `\`${p.name}\` ${p.type} COMMENT ${quote(p.comment)}`).join(
    ', ',
  );
  const serde = Object.entries(ARCHIVE_SERDE.parameters)
    .map(([k, v]) => `  ${quote(k)} = ${quote(v)}`)
    .join(',\n');
  const properties = Object.entries(archiveTableProperties(options.bucket))
    .map(([k, v]) => `  ${quote(k)} = ${quote(v)}`)
    .join(',\n');
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS \`${options.database}\`.\`${options.table}\` (`,
    columns,
    ')',
    `PARTITIONED BY (${partitions})`,
    `ROW FORMAT SERDE ${quote(ARCHIVE_SERDE.serializationLibrary)}`,
    'WITH SERDEPROPERTIES (',
    serde,
    ')',
    `STORED AS INPUTFORMAT ${quote(ARCHIVE_STORAGE.inputFormat)} OUTPUTFORMAT ${quote(ARCHIVE_STORAGE.outputFormat)}`,
    `LOCATION ${quote(`s3://${options.bucket}/${ARCHIVE_PREFIX}`)}`,
    'TBLPROPERTIES (',
    properties,
    ');',
  ].join('\n');
}

/** The DDL with placeholders {{database}}, {{table}} and {{bucket}} for the stage's names. */
export const ATHENA_EVENTS_DDL = athenaEventsDdl({
  database: '{{database}}',
  table: '{{table}}',
  bucket: '{{bucket}}',
});
