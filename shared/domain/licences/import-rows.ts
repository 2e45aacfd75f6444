import { parse } from 'csv-parse/sync';

/**
 * The rows of a 存量入库 file, numbered as the administrator sees them in it: by the line each starts on (in a CSV,
 * the header is line 1; blank lines count, and are skipped). The API reads a file with it, and the workbench's import
 * page reads the file the same way before sending it in parts (the browser build maps csv-parse/sync to the
 * package's browser build). JSON Lines rows carry `content` as an object; CSV rows carry `content.<field>` columns,
 * and their empty cells are left out. Throws when a CSV cannot be read at all.
 */
export type ImportFormat = 'jsonl' | 'csv';

export interface ImportFileRow {
  readonly row: number;
  /** The row's fields, for the row's checks; absent when the line is not JSON. */
  readonly value?: unknown;
  readonly problem?: string;
}

export function importFileRows(format: ImportFormat, data: string): ImportFileRow[] {
  if (format === 'jsonl') {
    return data
      .split(/\r?\n/)
      .map((line, i) => ({ line, row: i + 1 }))
      .filter(({ line }) => line.trim())
      .map(({ line, row }) => {
        try {
          return { row, value: JSON.parse(line) as unknown };
        } catch {
          return { row, problem: 'not a JSON object' };
        }
      });
  }
  const records = parse(data, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => {
    const content: Record<string, string> = {};
    const rest: Record<string, string> = {};
    // The parser counts the line a record ends on; a quoted cell may hold line breaks, so the record began above it.
    let breaks = 0;
    for (const [k, v] of Object.entries(record)) {
      breaks += v.match(/\r\n|\r|\n/g)?.length ?? 0;
      if (k.startsWith('content.')) content[k.slice('content.'.length)] = v;
      else if (v !== '') rest[k] = v;
    }
    return { row: info.lines - breaks, value: { ...rest, content } };
  });
}
