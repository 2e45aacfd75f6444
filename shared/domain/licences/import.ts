import { createHash } from 'node:crypto';
import * as z from 'zod';
import { isCalendarDate, isValidIdNumber, isValidUscc } from '../catalogue/identifiers';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { LicenceType } from '../catalogue/model';
import { generateLicenceNumber, LICENCE_NUMBER_RANDOM_ALPHABET, licencePrefix } from './licence-number';
import { issueLicence, type LicenceDeps, type LicenceRecord } from './register';
import { mapWithConcurrency } from '../concurrency';
import { importFileRows } from './import-rows';

/**
 * 存量入库: existing (paper-era) licences loaded in bulk. Each row is checked on its own; the good ones are signed and
 * registered like new licences (verifiable, usable for 免证), the bad ones are reported with every problem, by row.
 * JSON Lines rows carry `content` as an object; CSV rows carry `content.<field>` columns.
 */
const rowSchema = z.object({
  type: z.string().min(1),
  holderType: z.enum(['enterprise', 'citizen']),
  holderId: z.string().min(1),
  holderName: z.string().min(1).max(100),
  validFrom: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD'),
  validUntil: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').optional(),
  licenceNo: z
    .string()
    .regex(/^[0-9A-Za-z-]{4,64}$/, '4 to 64 letters, digits or -')
    .optional(),
  content: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

export interface ImportResult {
  /** Rows signed and registered by this run. */
  imported: number;
  failed: { row: number; problems: string[] }[];
  licenceNumbers: string[];
  /** Rows a previous run (or an identical earlier row) registered already: found, not signed again. */
  alreadyImported: { row: number; licenceNo: string }[];
}

export async function importLicences(
  input: { format: 'jsonl' | 'csv'; data: string },
  deps: LicenceDeps,
): Promise<ImportResult> {
  const failed: { row: number; problems: string[] }[] = [];
  const licenceNumbers: string[] = [];
  const alreadyImported: { row: number; licenceNo: string }[] = [];
  let rows: ReturnType<typeof importFileRows>;
  try {
    rows = importFileRows(input.format, input.data);
  } catch (error) {
    return {
      imported: 0,
      failed: [{ row: 0, problems: [`the CSV cannot be read: ${(error as Error).message}`] }],
      licenceNumbers,
      alreadyImported,
    };
  }
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ValidationError(`A request imports at most ${MAX_IMPORT_ROWS} rows`, [
      {
        path: 'body.data',
        rule: 'max_rows',
        message: `${rows.length} rows: send at most ${MAX_IMPORT_ROWS} a request (the import is idempotent per row, so the parts may overlap)`,
        messageZh: `共 ${rows.length} 行：每次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入（已导入的行不会重复登记）`,
      },
    ]);
  // Every row is checked first; those that pass are then signed and registered a few at a time, and the report
  // lists them in row order.
  const checkedRows: { row: number; r: Row; type: LicenceType }[] = [];
  for (const { row, value, problem } of rows) {
    if (problem) {
      failed.push({ row, problems: [problem] });
      continue;
    }
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      failed.push({ row, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`) });
      continue;
    }
    const r = parsed.data;
    const problems: string[] = [];
    if (r.holderType === 'enterprise' && !isValidUscc(r.holderId))
      problems.push('holderId: not a valid 统一社会信用代码');
    if (r.holderType === 'citizen' && !isValidIdNumber(r.holderId)) problems.push('holderId: not a valid ID number');
    if (r.validUntil && r.validUntil < r.validFrom) problems.push('validUntil: before validFrom');
    let type: LicenceType | undefined;
    try {
      type = await deps.licenceTypes(r.type);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      problems.push(`type: no licence type ${r.type}`);
    }
    if (type) {
      const fields = type.contentFields;
      const unknown = Object.keys(r.content).filter((k) => !fields.some((f) => f.key === k));
      if (unknown.length) problems.push(`content: not fields of ${type.name}: ${unknown.join(', ')}`);
      if (type.holder !== 'any' && type.holder !== r.holderType)
        problems.push(
          `holderType: ${type.name} is held by ${type.holder === 'enterprise' ? 'enterprises' : 'citizens'}`,
        );
    }
    if (problems.length || !type) {
      failed.push({ row, problems });
      continue;
    }
    checkedRows.push({ row, r, type });
  }
  const groups = new Map<string, number[]>();
  checkedRows.forEach(({ r, type }, i) => {
    const key = numberGroupOf(r, type);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const outcomes = new Array<RowOutcome>(checkedRows.length);
  await mapWithConcurrency([...groups.values()], IMPORT_CONCURRENCY, async (group) => {
    for (const i of group) outcomes[i] = await importRow(checkedRows[i]!.r, checkedRows[i]!.type, deps);
  });
  outcomes.forEach((outcome, i) => {
    const { row } = checkedRows[i]!;
    if (outcome.kind === 'failed') failed.push({ row, problems: [outcome.problem] });
    else if (outcome.kind === 'imported') licenceNumbers.push(outcome.licenceNo);
    else alreadyImported.push({ row, licenceNo: outcome.licenceNo });
  });
  failed.sort((a, b) => a.row - b.row);
  return { imported: licenceNumbers.length, failed, licenceNumbers, alreadyImported };
}

type Row = z.infer<typeof rowSchema>;
type RowOutcome = { kind: 'imported' | 'already'; licenceNo: string } | { kind: 'failed'; problem: string };

/**
 * Rows signed and registered at once. One at a time, a row costs a read, a KMS Sign and a transaction, some 30 ms in
 * AWS, so a file of 1,000 rows would outlast API Gateway's 30 s. Four at a time keeps KMS Sign near 150 a second, half
 * the account's quota for ECC keys (300 a second, docs/capacity.md), which leaves room for the licences issued meanwhile.
 */
export const IMPORT_CONCURRENCY = 4;

/**
 * Rows a request may carry: four at a time, 2,000 rows take some 15 s in AWS, half API Gateway's 30 s. A larger
 * file goes in parts, as the workbench's import page sends it (100 rows a request, with its progress).
 */
export const MAX_IMPORT_ROWS = 2000;

/** Numbers tried for one row before it is reported: a clash of 30 random bits per day and region is rare already. */
const NUMBER_PROBES = 4;

const holderKeyOf = (r: Row) => `${r.holderType === 'enterprise' ? 'E' : 'P'}#${r.holderId}`;
const contentOf = (r: Row, type: LicenceType) =>
  Object.fromEntries(type.contentFields.map((f) => [f.key, String(r.content[f.key] ?? '')]));

/** The row as the department sent it, in a fixed order (no personal data leaves the hash made of it). */
function rowFingerprint(r: Row, type: LicenceType): string {
  return JSON.stringify([
    type.issuingDepartment,
    r.type,
    holderKeyOf(r),
    r.holderName,
    r.validFrom,
    r.validUntil ?? '',
    Object.entries(contentOf(r, type)).sort(([a], [b]) => a.localeCompare(b)),
  ]);
}

/**
 * Rows that would register the same number: those naming one paper number, or one derived from the same content.
 * They are taken one after another, in file order, so the first is signed and a later copy finds it (as when the
 * file was read row by row); different numbers go side by side.
 */
const numberGroupOf = (r: Row, type: LicenceType) =>
  r.licenceNo ? `no:${r.licenceNo}` : `fp:${rowFingerprint(r, type)}`;

/**
 * One row, idempotently: a retried import (a timeout, a crash, the same file sent twice) must not sign and register a
 * row a second time. The row's licence number is deterministic: the paper licence's own number, or one whose random
 * part is derived from the department and the row's content (probing a next derived number when an unrelated licence
 * holds one). A number already registered for the same licence is reported as imported before, and nothing is signed.
 */
async function importRow(r: Row, type: LicenceType, deps: LicenceDeps): Promise<RowOutcome> {
  const holderKey = holderKeyOf(r);
  const region = await deps.departmentRegion(type.issuingDepartment);
  const validFrom = new Date(`${r.validFrom}T00:00:00+08:00`);
  const validUntil = r.validUntil ? new Date(`${r.validUntil}T23:59:59+08:00`) : undefined;
  const content = contentOf(r, type);
  const sameLicence = (existing: LicenceRecord) =>
    existing.imported === true &&
    existing.type === r.type &&
    existing.holderKey === holderKey &&
    existing.holderName === r.holderName &&
    existing.validFrom === validFrom.toISOString() &&
    (!validUntil || existing.validUntil === validUntil.toISOString()) &&
    Object.entries(content).every(([k, v]) => String(existing.content[k] ?? '') === v);
  const fingerprint = rowFingerprint(r, type);
  const candidates = r.licenceNo
    ? [r.licenceNo]
    : Array.from({ length: NUMBER_PROBES }, (_, probe) => {
        const digest = createHash('sha256').update(`licence-import\n${fingerprint}\n${probe}`).digest();
        const random = [...digest.subarray(0, 6)].map((b) => LICENCE_NUMBER_RANDOM_ALPHABET.charAt(b % 32)).join('');
        return generateLicenceNumber({ prefix: licencePrefix(type), issuedAt: validFrom, region, random });
      });
  for (const licenceNo of candidates) {
    // Looked up first: a row imported before is neither signed again nor given a second status index.
    const existing = await deps.store.get(licenceNo);
    if (existing) {
      if (sameLicence(existing)) return { kind: 'already', licenceNo };
      continue;
    }
    try {
      const licence = await issueLicence(
        {
          type: r.type,
          holderKey,
          holderName: r.holderName,
          content: r.content,
          regionCode: region,
          validFrom,
          ...(validUntil ? { validUntil } : {}),
          licenceNo,
          imported: true,
        },
        deps,
      );
      return { kind: 'imported', licenceNo: licence.licenceNo };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A parallel run of the same file registered it between our look-up and our write (this row's signature and
      // its reserved status index go unused: the list keeps that bit at 0).
      const winner = await deps.store.get(licenceNo);
      if (winner && sameLicence(winner)) return { kind: 'already', licenceNo };
    }
  }
  // Worded as before for a paper number: scripts that re-run an import read this ending as "on file".
  const problem = r.licenceNo
    ? `licenceNo: ${r.licenceNo} is registered already`
    : 'licenceNo: no free licence number could be derived for this row; give one in licenceNo';
  return { kind: 'failed', problem };
}
