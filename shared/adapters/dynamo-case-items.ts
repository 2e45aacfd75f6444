/** The items a case becomes: the case and its tasks with their index keys, and the transaction of a CaseCommit. */
import { isDeepStrictEqual } from 'node:util';
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseCommit } from '../domain/applications/ports';
import type { DepartmentTask } from '../domain/workflow/task';
import type { CaseRecord } from '../domain/applications/model';
import { caseItems } from '../db/keys';
import { transactItemsOf } from './event-ledger';
import { outboxPut } from './outbox';
import { packJson, unpackJson } from './packed-json';

const { case: CASE, task: TASK, history: HISTORY, idempotency: IDEMPOTENCY } = caseItems;
const {
  dayCase: DAY_CASE,
  caseNumber: CASE_NUMBER,
  pendingExtension: EXTENSION,
  agentCase: AGENT_CASE,
  intakeCase: INTAKE_CASE,
} = caseItems;

/** An item without its keys and type: the record it holds. */
export const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, ...rest } = item;
  return rest as T;
};

function taskItem(task: DepartmentTask) {
  return {
    ...TASK.key(task),
    type: TASK.type,
    ...task,
    gsi1pk: TASK.departmentList(task.department, task.status),
    gsi1sk: TASK.departmentSort(task.dueDate, task.id),
  };
}

export function taskPut(tableName: string, change: { before?: DepartmentTask; after: DepartmentTask }) {
  return {
    Put: {
      TableName: tableName,
      Item: taskItem(change.after),
      ...(change.before
        ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': change.before.version } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/**
 * A case is three items under its partition, read together by one Query (sort keys CASE, CASE#FORM,
 * CASE#MATERIALS): its state, the applicant's answers and the materials. A status change rewrites the state alone; the
 * answers and the materials are written with the change that changes them. A case stored before the split holds all
 * three in its state item: it is read as it stands and split at its next change (LEGACY).
 */
const { form: FORM, materials: MATERIALS } = caseItems;

/** Marks a record read from a case item that still holds its form and materials (stored before the split). */
export const LEGACY = Symbol('case stored whole');
type Read = CaseRecord & { [LEGACY]?: true };

/** The record of a case's items (its state, answers, materials); undefined without the state item. */
export function recordOf(items: readonly Record<string, unknown>[]): CaseRecord | undefined {
  const state = items.find((i) => i.sk === CASE.key('').sk);
  if (!state) return undefined;
  const record = strip<CaseRecord>(state) as Read;
  const form = items.find((i) => i.sk === FORM.sk);
  const materials = items.find((i) => i.sk === MATERIALS.sk);
  if (!form && !materials && record.form !== undefined) return Object.assign(record, { [LEGACY]: true as const });
  return {
    ...record,
    form: (form?.form ?? {}) as CaseRecord['form'],
    materials: (materials?.materials ?? {}) as CaseRecord['materials'],
  };
}

/** The form and materials items a change writes: those it changes (all of them for a new or a legacy case). */
function partItems(tableName: string, before: Read | undefined, after: CaseRecord) {
  const whole = !before || before[LEGACY] === true;
  // An empty part is what recordOf reads where there is none: a new case's empty materials cost no write.
  const changed = (b: object | undefined, a: object | undefined) =>
    whole ? a !== undefined && Object.keys(a).length > 0 : !isDeepStrictEqual(b, a);
  const parts = [
    { key: FORM, value: { form: after.form }, changed: changed(before?.form, after.form) },
    { key: MATERIALS, value: { materials: after.materials }, changed: changed(before?.materials, after.materials) },
  ];
  return parts
    .filter((p) => p.changed && Object.values(p.value)[0] !== undefined)
    .map((p) => ({
      Put: { TableName: tableName, Item: { ...p.key.key(after.id), type: p.key.type, ...p.value } },
    }));
}

/**
 * The owner's list points at the case from an item of its own, written when the case is new (or split, or changes
 * hands): the state item, rewritten at every change, is in no owner index.
 */
function ownerItems(tableName: string, before: Read | undefined, after: CaseRecord) {
  const unchanged =
    before && before[LEGACY] !== true && before.ownerKey === after.ownerKey && before.createdAt === after.createdAt;
  if (unchanged) return [];
  const Item = {
    ...caseItems.owner.key(after.id),
    type: caseItems.owner.type,
    gsi1pk: CASE.ownerList(after.ownerKey),
    gsi1sk: CASE.ownerSort(after.createdAt, after.id),
  };
  return [{ Put: { TableName: tableName, Item } }];
}

const caseItem = ({ form: _form, materials: _materials, ...record }: CaseRecord) => ({
  ...CASE.key(record.id),
  type: CASE.type,
  ...record,
  ...(record.status === 'SUBMITTED' && record.acceptanceDue
    ? {
        gsi2pk: CASE.acceptanceQueue,
        gsi2sk: CASE.acceptanceSort(record.acceptanceDue, record.submittedAt!, record.id),
      }
    : {}),
});

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** The transaction items of one case's change: the case (conditional on its sequence number), history, outbox, tasks. */
export function caseCommitItems(
  tableName: string,
  { before, after, entries, events, idempotency, tasks = [], items: extra = [] }: CaseCommit,
  at: Date,
): TransactItems {
  const items: TransactItems = [
    {
      Put: {
        TableName: tableName,
        Item: caseItem(after),
        ...(before
          ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': before.seq } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...partItems(tableName, before, after),
    ...ownerItems(tableName, before, after),
    ...entries.map((entry) => ({
      Put: {
        TableName: tableName,
        Item: { ...HISTORY.key(after.id, entry.seq), type: HISTORY.type, ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    ...events.map((event) => outboxPut(tableName, event, at)),
    ...tasks.map((change) => taskPut(tableName, change)),
    ...transactItemsOf(extra),
  ];
  if (!before) {
    const day = after.number.split('-')[1]!;
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...DAY_CASE.key(day, after.createdAt, after.id), type: DAY_CASE.type, caseId: after.id },
      },
    });
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...CASE_NUMBER.key(after.number), type: CASE_NUMBER.type, caseId: after.id },
      },
    });
  }
  // The pending-extension list: the pointer lives exactly as long as the request is undecided.
  const pendingBefore = before?.review?.extension?.status === 'requested' ? before.review.extension : undefined;
  const pendingAfter = after.review?.extension?.status === 'requested' ? after.review.extension : undefined;
  if (pendingAfter && pendingAfter.requestedAt !== pendingBefore?.requestedAt) {
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...EXTENSION.key(pendingAfter.requestedAt, after.id), type: EXTENSION.type, caseId: after.id },
      },
    });
  }
  if (pendingBefore && pendingBefore.requestedAt !== pendingAfter?.requestedAt) {
    items.push({ Delete: { TableName: tableName, Key: EXTENSION.key(pendingBefore.requestedAt, after.id) } });
  }
  if (!before && after.agentSub) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...AGENT_CASE.key(after.agentSub, after.createdAt, after.id),
          type: AGENT_CASE.type,
          caseId: after.id,
        },
      },
    });
  }
  if (!before && after.intakeOfficerSub) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...INTAKE_CASE.key(after.intakeOfficerSub, after.createdAt, after.id),
          type: INTAKE_CASE.type,
          caseId: after.id,
        },
      },
    });
  }
  if (idempotency) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...IDEMPOTENCY.key(idempotency.sub, idempotency.key),
          type: IDEMPOTENCY.type,
          ...idempotency,
          // The answer is a whole case (its form and materials too): kept compressed, mostly under 1 KB.
          response: packResponse(idempotency.response),
          expiresAt: Math.floor(at.getTime() / 1000) + 24 * 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  return items;
}

/** An idempotency record's answer as stored (Brotli-compressed JSON), and back; one stored as a map reads as it is. */
export const packResponse = (response: unknown): Uint8Array => packJson(response);
export const unpackResponse = (stored: unknown): unknown =>
  stored instanceof Uint8Array ? unpackJson(stored) : stored;
