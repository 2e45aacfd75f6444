import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { toShanghaiDate } from '../domain/calendar/working-days';

/**
 * The raw-event archive: every platform event as one JSON line in S3, partitioned by its date (Asia/Shanghai, of
 * occurredAt) for Athena. The object key is the event id, so a redelivered event overwrites its own object: the
 * archive holds each event once without a ledger.
 *
 *   events/dt=<yyyy-mm-dd>/<eventId>.jsonl   {"eventId","source","detailType","occurredAt","detail"}
 */
export interface ArchivedEvent {
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly occurredAt: string;
  readonly detail: Record<string, unknown>;
}

export interface EventArchive {
  put(event: ArchivedEvent): Promise<{ key: string }>;
}

export const ARCHIVE_PREFIX = 'events/';

export function archiveKey(event: Pick<ArchivedEvent, 'eventId' | 'occurredAt'>): string {
  // Encoded so that an id can never add a path segment or escape its partition.
  return `${ARCHIVE_PREFIX}dt=${toShanghaiDate(event.occurredAt)}/${encodeURIComponent(event.eventId)}.jsonl`;
}

/** One line: JSON.stringify escapes every newline inside strings, so the record cannot span lines. */
export function archiveLine(event: ArchivedEvent): string {
  const { eventId, source, detailType, occurredAt, detail } = event;
  return `${JSON.stringify({ eventId, source, detailType, occurredAt, detail })}\n`;
}

export function s3EventArchive(s3: S3Client, bucket: string): EventArchive {
  return {
    async put(event) {
      const key = archiveKey(event);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: archiveLine(event),
          ContentType: 'application/x-ndjson',
        }),
      );
      return { key };
    },
  };
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
  { name: 'dt', type: 'string', comment: 'Date of occurredAt in Asia/Shanghai (yyyy-MM-dd)' },
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
