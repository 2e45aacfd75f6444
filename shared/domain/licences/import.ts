import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { isCalendarDate, isValidIdNumber, isValidUscc } from '../catalogue/identifiers';
import { ConflictError, NotFoundError } from '../errors';
import { issueLicence, type LicenceDeps } from './register';

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
  licenceNo: z.string().regex(/^[0-9A-Za-z-]{4,64}$/, '4 to 64 letters, digits or -').optional(),
  content: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

function rowsOf(format: 'jsonl' | 'csv', data: string): { row: number; value?: unknown; problem?: string }[] {
  if (format === 'jsonl') {
    return data.split(/\r?\n/).map((line, i) => ({ line, row: i + 1 })).filter(({ line }) => line.trim()).map(({ line, row }) => {
      try {
        return { row, value: JSON.parse(line) as unknown };
      } catch {
        return { row, problem: 'not a JSON object' };
      }
    });
  }
  const records = parse(data, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  return records.map((r, i) => {
    const content: Record<string, string> = {};
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k.startsWith('content.')) content[k.slice('content.'.length)] = v;
      else if (v !== '') rest[k] = v;
    }
    return { row: i + 2, value: { ...rest, content } };
  });
}

export async function importLicences(input: { format: 'jsonl' | 'csv'; data: string }, deps: LicenceDeps): Promise<{ imported: number; failed: { row: number; problems: string[] }[]; licenceNumbers: string[] }> {
  const failed: { row: number; problems: string[] }[] = [];
  const licenceNumbers: string[] = [];
  let rows: ReturnType<typeof rowsOf>;
  try {
    rows = rowsOf(input.format, input.data);
  } catch (error) {
    return { imported: 0, failed: [{ row: 0, problems: [`the CSV cannot be read: ${(error as Error).message}`] }], licenceNumbers };
  }
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
    if (r.holderType === 'enterprise' && !isValidUscc(r.holderId)) problems.push('holderId: not a valid 统一社会信用代码');
    if (r.holderType === 'citizen' && !isValidIdNumber(r.holderId)) problems.push('holderId: not a valid ID number');
    if (r.validUntil && r.validUntil < r.validFrom) problems.push('validUntil: before validFrom');
    let type;
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
      if (type.holder !== 'any' && type.holder !== r.holderType) problems.push(`holderType: ${type.name} is held by ${type.holder === 'enterprise' ? 'enterprises' : 'citizens'}`);
    }
    if (problems.length || !type) {
      failed.push({ row, problems });
      continue;
    }
    try {
      const licence = await issueLicence(
        {
          type: r.type,
          holderKey: `${r.holderType === 'enterprise' ? 'E' : 'P'}#${r.holderId}`,
          holderName: r.holderName,
          content: r.content,
          regionCode: await deps.departmentRegion(type.issuingDepartment),
          validFrom: new Date(`${r.validFrom}T00:00:00+08:00`),
          ...(r.validUntil ? { validUntil: new Date(`${r.validUntil}T23:59:59+08:00`) } : {}),
          ...(r.licenceNo ? { licenceNo: r.licenceNo } : {}),
          imported: true,
        },
        deps,
      );
      licenceNumbers.push(licence.licenceNo);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      failed.push({ row, problems: [`licenceNo: ${r.licenceNo ?? ''} is registered already`] });
    }
  }
  return { imported: licenceNumbers.length, failed, licenceNumbers };
}
