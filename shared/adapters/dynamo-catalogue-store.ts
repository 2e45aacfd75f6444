import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { YearCalendar } from '../domain/calendar/working-days';
import type { AuditEntry, CatalogueStore } from '../domain/catalogue/ports';
import type { CatalogueVersion, Department, EntryKind, LicenceType } from '../domain/catalogue/model';
import { ConflictError } from '../domain/errors';
import { catalogueItems, type ItemKey } from '../db/keys';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { type OutboxEvent, outboxPut } from './outbox';
import { batchGetAll } from './dynamo-reads';
import { transactWrite } from './transact';

/**
 * The catalogue in the main table.
 *   <KIND>#<code> / HEAD          latest and published version numbers; gsi1 CATALOGUE#<kind>#entries (every entry, drafts too)
 *   <KIND>#<code> / V#000001      one version; gsi1 CATALOGUE#<kind>#published while it is the published one
 *   DEPT#<code> / DEPT, LICTYPE#<code> / LICTYPE, CALENDAR#<year> / CALENDAR   with gsi1 lists per type
 *   AUDIT#<entity> / <at>#<id>    audit entries; gsi1 AUDIT#catalogue for the whole feed
 */
const {
  entry: ENTRY,
  revision: REVISION,
  audit: AUDIT,
  department: DEPARTMENT,
  licenceType: LICENCE_TYPE,
  calendar: CALENDAR,
} = catalogueItems;
const entryPk = (kind: EntryKind, code: string) => ENTRY.partition(kind, code);
const versionSk = ENTRY.versionSk;
const publishedIndex = (kind: EntryKind) => ENTRY.publishedList(kind);
const entriesIndex = (kind: EntryKind) => ENTRY.entriesList(kind);

export function dynamoCatalogueStore(client: DynamoDBDocumentClient, tableName: string): CatalogueStore {
  // Every change bumps the catalogue's revision in the same transaction, so readers can cache until it moves.
  const bumpRevision = {
    Update: {
      TableName: tableName,
      Key: REVISION.key,
      UpdateExpression: 'ADD revision :one',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
  const auditPut = (audit: AuditEntry) => {
    const id = `${audit.at}#${crypto.randomUUID()}`;
    return {
      Put: {
        TableName: tableName,
        Item: { pk: AUDIT.partition(audit.entity), sk: id, gsi1pk: AUDIT.feed, gsi1sk: id, type: AUDIT.type, ...audit },
      },
    };
  };
  const versionItem = (v: CatalogueVersion) => ({
    pk: entryPk(v.kind, v.code),
    sk: versionSk(v.version),
    type: ENTRY.versionType,
    ...v,
    ...(v.status === 'published' ? { gsi1pk: publishedIndex(v.kind), gsi1sk: v.code } : {}),
  });
  const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, type: _t, ...rest } = item;
    return rest as T;
  };
  const transact = async (
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
    conflict: string,
  ) => {
    try {
      await transactWrite(client, { TransactItems: [...items, bumpRevision] });
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
      ) {
        throw new ConflictError(conflict);
      }
      throw error;
    }
  };
  const queryAll = async (indexValue: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': indexValue },
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const get = async (key: ItemKey) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const headKey = (kind: EntryKind, code: string): ItemKey => ({ pk: entryPk(kind, code), sk: ENTRY.headSk });
  /** A department, licence type or calendar: its key, its `type`, its place on its gsi1 list. */
  type Listed = { readonly type: string; readonly list: string };
  const putListed = (
    item: Listed,
    key: ItemKey,
    sortKey: string,
    value: object,
    audit: AuditEntry,
    events: readonly OutboxEvent[] = [],
  ) =>
    transact(
      [
        {
          Put: {
            TableName: tableName,
            Item: { ...key, gsi1pk: item.list, gsi1sk: sortKey, type: item.type, ...value },
          },
        },
        auditPut(audit),
        ...events.map((e) => outboxPut(tableName, e, new Date(e.occurredAt))),
      ],
      'concurrent change',
    );

  return {
    async revision() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: REVISION.key }));
      return (Item?.revision as number | undefined) ?? 0;
    },
    async head(kind, code) {
      const item = await get(headKey(kind, code));
      return item
        ? { latestVersion: item.latestVersion as number, publishedVersion: item.publishedVersion as number | undefined }
        : undefined;
    },
    async getVersion(kind, code, version) {
      return strip<CatalogueVersion>(await get({ pk: entryPk(kind, code), sk: versionSk(version) }));
    },
    async listVersions(kind, code) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
          ExpressionAttributeValues: { ':pk': entryPk(kind, code), ':v': ENTRY.versionPrefix },
        }),
      );
      return (page.Items ?? []).map((i) => strip<CatalogueVersion>(i)!);
    },
    async createVersion(version, previousLatest, audit) {
      const head = headKey(version.kind, version.code);
      await transact(
        [
          {
            Put: { TableName: tableName, Item: versionItem(version), ConditionExpression: 'attribute_not_exists(pk)' },
          },
          {
            Update: {
              TableName: tableName,
              Key: head,
              UpdateExpression: 'SET latestVersion = :v, #type = :t, gsi1pk = :list, gsi1sk = :code',
              ConditionExpression: previousLatest === 0 ? 'attribute_not_exists(pk)' : 'latestVersion = :prev',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: {
                ':v': version.version,
                ':t': ENTRY.headType,
                ':list': entriesIndex(version.kind),
                ':code': version.code,
                ...(previousLatest === 0 ? {} : { ':prev': previousLatest }),
              },
            },
          },
          auditPut(audit),
        ],
        `${version.kind} ${version.code} changed meanwhile; reload and try again`,
      );
    },
    async saveVersion(version, expectedUpdatedAt, audit, retiring) {
      const head = headKey(version.kind, version.code);
      const items: Parameters<typeof transact>[0] = [
        {
          Put: {
            TableName: tableName,
            Item: versionItem(version),
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
          },
        },
        auditPut(audit),
      ];
      if (version.status === 'published') {
        items.push({
          Update: {
            TableName: tableName,
            Key: head,
            UpdateExpression: 'SET publishedVersion = :v, gsi1pk = :list, gsi1sk = :code',
            ExpressionAttributeValues: {
              ':v': version.version,
              ':list': entriesIndex(version.kind),
              ':code': version.code,
            },
          },
        });
      }
      if (version.status === 'retired') {
        items.push({
          Update: {
            TableName: tableName,
            Key: head,
            UpdateExpression: 'REMOVE publishedVersion',
            ConditionExpression: 'publishedVersion = :v',
            ExpressionAttributeValues: { ':v': version.version },
          },
        });
      }
      if (retiring) items.push({ Put: { TableName: tableName, Item: versionItem(retiring) } });
      await transact(
        items,
        `${version.kind} ${version.code} version ${version.version} changed meanwhile; reload and try again`,
      );
    },
    async listEntries(kind) {
      const heads = (await queryAll(entriesIndex(kind))).map((i) => ({
        code: i.gsi1sk as string,
        latestVersion: i.latestVersion as number,
        publishedVersion: i.publishedVersion as number | undefined,
      }));
      // Entries whose head predates the index are still found through their published version.
      const known = new Set(heads.map((h) => h.code));
      for (const published of await queryAll(publishedIndex(kind))) {
        const code = published.code as string;
        if (known.has(code)) continue;
        const head = await get(headKey(kind, code));
        if (head)
          heads.push({
            code,
            latestVersion: head.latestVersion as number,
            publishedVersion: head.publishedVersion as number | undefined,
          });
      }
      const versions = new Map<string, CatalogueVersion>();
      const latest = heads.map((h) => ({ pk: entryPk(kind, h.code), sk: versionSk(h.latestVersion) }));
      for (const item of await batchGetAll(client, tableName, latest))
        versions.set(item.code as string, strip<CatalogueVersion>(item)!);
      return heads
        .filter((h) => versions.has(h.code))
        .map((h) => ({
          code: h.code,
          latestVersion: h.latestVersion,
          ...(h.publishedVersion !== undefined ? { publishedVersion: h.publishedVersion } : {}),
          latest: versions.get(h.code)!,
        }))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
    async listPublished(kind) {
      return (await queryAll(publishedIndex(kind))).map((i) => strip<CatalogueVersion>(i)!);
    },
    async getDepartment(code) {
      return strip<Department>(await get(DEPARTMENT.key(code)));
    },
    putDepartment: (d, audit) => putListed(DEPARTMENT, DEPARTMENT.key(d.code), d.code, d, audit),
    async listDepartments() {
      return (await queryAll(DEPARTMENT.list)).map((i) => strip<Department>(i)!);
    },
    async getLicenceType(code) {
      return strip<LicenceType>(await get(LICENCE_TYPE.key(code)));
    },
    putLicenceType: (lt, audit) => putListed(LICENCE_TYPE, LICENCE_TYPE.key(lt.code), lt.code, lt, audit),
    async listLicenceTypes() {
      return (await queryAll(LICENCE_TYPE.list)).map((i) => strip<LicenceType>(i)!);
    },
    async getCalendar(year) {
      return strip<YearCalendar>(await get(CALENDAR.key(year)));
    },
    // Calendar.Loaded.v1 in the same transaction: the year's provisional deadlines are re-dated from it.
    putCalendar: (c, audit, event) =>
      putListed(CALENDAR, CALENDAR.key(c.year), String(c.year), c, audit, event ? [event] : []),
    async listCalendars() {
      return (await queryAll(CALENDAR.list)).map((i) => strip<YearCalendar>(i)!);
    },
    async listAudit(entity, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...(entity
            ? { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': AUDIT.partition(entity) } }
            : {
                IndexName: 'gsi1',
                KeyConditionExpression: 'gsi1pk = :pk',
                ExpressionAttributeValues: { ':pk': AUDIT.feed },
              }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `catalogue-audit:${entity}`),
        }),
      );
      return {
        items: (page.Items ?? []).map((i) => strip<AuditEntry>(i)!),
        nextCursor: encodeCursor(page.LastEvaluatedKey, `catalogue-audit:${entity}`),
      };
    },
  };
}
