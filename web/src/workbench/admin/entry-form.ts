/**
 * A catalogue draft's content as the editor holds it (texts as typed, rows of materials and fees, JSON texts for the
 * form definition and the rarer elements) and back. Nothing the editor does not show is lost: what it has no field
 * for stays in the "other elements" JSON, and unknown keys of a material or fee row ride along with the row.
 */

export type EntryKind = 'matter' | 'bundle';

export interface MaterialRow {
  code: string;
  name: string;
  required: boolean;
  tolerable: boolean;
  replaceableBy: string;
  fileTypes: string[];
  maxSizeMb: string;
  maxCount: string;
  form: string;
  description: string;
  rest: Record<string, unknown>;
}

export interface FeeRow {
  name: string;
  amountYuan: string;
  basis: string;
  rest: Record<string, unknown>;
}

export interface EntryFormState {
  text: Record<string, string>;
  audience: string[];
  channels: string[];
  flags: { immediate: boolean; commitmentAllowed: boolean; fullyOnline: boolean };
  charged: boolean;
  fees: FeeRow[];
  materials: MaterialRow[];
  json: Record<string, string>;
}

/** A problem found before sending, at the path the API would name (content.legalLimitDays). */
export interface LocalProblem {
  readonly path: string;
  readonly rule: 'integer' | 'number' | 'json' | 'jsonObject';
  readonly detail?: string;
}

export const TEXT_KEYS: Record<EntryKind, readonly string[]> = {
  matter: [
    'name',
    'nameEn',
    'type',
    'basicCode',
    'implementationCode',
    'department',
    'regionLevel',
    'regionCode',
    'yieldsLicenceType',
    'appointment',
  ],
  bundle: ['name', 'nameEn', 'description', 'department', 'regionCode'],
};
export const NUMBER_KEYS: Record<EntryKind, readonly string[]> = {
  matter: ['legalLimitDays', 'promisedLimitDays'],
  bundle: [],
};
export const LINE_KEYS: Record<EntryKind, readonly string[]> = {
  matter: ['acceptanceConditions', 'themes', 'synonyms'],
  bundle: ['themes', 'synonyms'],
};
export const JSON_KEYS: Record<EntryKind, readonly string[]> = {
  matter: ['form', 'procedure', 'other'],
  bundle: ['form', 'other'],
};
const STRUCTURED: Record<EntryKind, readonly string[]> = {
  matter: [
    ...TEXT_KEYS.matter,
    ...NUMBER_KEYS.matter,
    ...LINE_KEYS.matter,
    'legalBasis',
    'audience',
    'channels',
    'flags',
    'fees',
    'materials',
    'form',
    'procedure',
  ],
  bundle: [...TEXT_KEYS.bundle, ...LINE_KEYS.bundle, 'audience', 'form'],
};

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const pretty = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

function without(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

export function toFormState(kind: EntryKind, content: Record<string, unknown>): EntryFormState {
  const text: Record<string, string> = {};
  for (const key of [...TEXT_KEYS[kind], ...NUMBER_KEYS[kind]]) text[key] = str(content[key]);
  for (const key of LINE_KEYS[kind]) text[key] = strings(content[key]).join('\n');
  text.legalBasis = (Array.isArray(content.legalBasis) ? content.legalBasis : [])
    .map((b) => record(b))
    .map((b) => (b.article ? `${str(b.law)} | ${str(b.article)}` : str(b.law)))
    .join('\n');
  const flags = record(content.flags);
  const fees = record(content.fees);
  const other = without(content, STRUCTURED[kind]);
  return {
    text,
    audience: strings(content.audience),
    channels: strings(content.channels),
    flags: {
      immediate: flags.immediate === true,
      commitmentAllowed: flags.commitmentAllowed === true,
      fullyOnline: flags.fullyOnline === true,
    },
    charged: fees.charged === true,
    fees: (Array.isArray(fees.items) ? fees.items : []).map((i) => {
      const item = record(i);
      return {
        name: str(item.name),
        amountYuan: str(item.amountYuan),
        basis: str(item.basis),
        rest: without(item, ['name', 'amountYuan', 'basis']),
      };
    }),
    materials: (Array.isArray(content.materials) ? content.materials : []).map((m) => {
      const row = record(m);
      return {
        code: str(row.code),
        name: str(row.name),
        required: row.required === true,
        tolerable: row.tolerable === true,
        replaceableBy: str(row.replaceableBy),
        fileTypes: strings(row.fileTypes),
        maxSizeMb: str(row.maxSizeMb),
        maxCount: str(row.maxCount),
        form: str(row.form),
        description: str(row.description),
        rest: without(row, [
          'code',
          'name',
          'required',
          'tolerable',
          'replaceableBy',
          'fileTypes',
          'maxSizeMb',
          'maxCount',
          'form',
          'description',
        ]),
      };
    }),
    json: {
      form: pretty(content.form),
      ...(kind === 'matter' ? { procedure: pretty(content.procedure) } : {}),
      other: Object.keys(other).length > 0 ? pretty(other) : '',
    },
  };
}

export const emptyMaterial = (): MaterialRow => ({
  code: '',
  name: '',
  required: true,
  tolerable: false,
  replaceableBy: '',
  fileTypes: ['pdf'],
  maxSizeMb: '10',
  maxCount: '1',
  form: 'electronic',
  description: '',
  rest: {},
});
export const emptyFee = (): FeeRow => ({ name: '', amountYuan: '', basis: '', rest: {} });

/** JSON.parse's complaint as a line and column (Chromium says "at position N" or "line L column C"). */
export function jsonErrorAt(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `${lineCol[1]}:${lineCol[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `${line}:${before.length - before.lastIndexOf('\n')}`;
}

/** The content to send, or the problems that stop it (each at the path the API would name). */
export function fromFormState(
  kind: EntryKind,
  state: EntryFormState,
): { content: Record<string, unknown>; problems: LocalProblem[] } {
  const problems: LocalProblem[] = [];
  const content: Record<string, unknown> = {};
  const number = (raw: string, path: string, integer: boolean): number | undefined => {
    const value = raw.trim();
    if (!value) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      problems.push({ path, rule: integer ? 'integer' : 'number' });
      return undefined;
    }
    return n;
  };
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    content[key] = value;
  };
  // The rarer elements first, so that a structured field wins over a stale copy typed in the JSON.
  for (const key of JSON_KEYS[kind]) {
    const text = state.json[key]?.trim() ?? '';
    if (!text) continue;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problems.push({ path: `content.${key}`, rule: 'jsonObject' });
        continue;
      }
      if (key === 'other') Object.assign(content, without(parsed as Record<string, unknown>, STRUCTURED[kind]));
      else content[key] = parsed;
    } catch (error) {
      problems.push({ path: `content.${key}`, rule: 'json', detail: jsonErrorAt(text, error) });
    }
  }
  for (const key of TEXT_KEYS[kind]) put(key, state.text[key]?.trim());
  for (const key of NUMBER_KEYS[kind]) put(key, number(state.text[key] ?? '', `content.${key}`, true));
  for (const key of LINE_KEYS[kind]) put(key, lines(state.text[key] ?? ''));
  put('audience', state.audience);
  if (kind === 'matter') {
    put(
      'legalBasis',
      lines(state.text.legalBasis ?? '').map((line) => {
        const [law, ...article] = line.split(/\s*[|｜]\s*/);
        return article.length > 0 && article.join(' ').trim()
          ? { law: law!.trim(), article: article.join(' ').trim() }
          : { law: line.trim() };
      }),
    );
    put('channels', state.channels);
    content.flags = { ...state.flags };
    content.fees = state.charged
      ? {
          charged: true,
          items: state.fees.map((f, i) => ({
            ...f.rest,
            ...(f.name.trim() ? { name: f.name.trim() } : {}),
            ...(f.amountYuan.trim()
              ? { amountYuan: number(f.amountYuan, `content.fees.items.${i}.amountYuan`, false) }
              : {}),
            ...(f.basis.trim() ? { basis: f.basis.trim() } : {}),
          })),
        }
      : { charged: false };
    content.materials = state.materials.map((m, i) => ({
      ...m.rest,
      ...(m.code.trim() ? { code: m.code.trim() } : {}),
      ...(m.name.trim() ? { name: m.name.trim() } : {}),
      required: m.required,
      tolerable: m.tolerable,
      ...(m.replaceableBy.trim() ? { replaceableBy: m.replaceableBy.trim() } : {}),
      fileTypes: m.fileTypes,
      ...(m.maxSizeMb.trim() ? { maxSizeMb: number(m.maxSizeMb, `content.materials.${i}.maxSizeMb`, false) } : {}),
      ...(m.maxCount.trim() ? { maxCount: number(m.maxCount, `content.materials.${i}.maxCount`, true) } : {}),
      ...(m.form ? { form: m.form } : {}),
      ...(m.description.trim() ? { description: m.description.trim() } : {}),
    }));
  }
  return { content, problems };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The field that shows a problem at `path`: the path itself when the editor has a field for it, else its nearest
 * parent that has one (content.form.fields.2.key → the form's JSON editor), else the "other elements" JSON.
 */
export function anchorOf(path: string, known: ReadonlySet<string>, aliases: Readonly<Record<string, string>>): string {
  let p = path.startsWith('content.') || path === 'content' ? path : `content.${path}`;
  while (p.includes('.')) {
    if (known.has(p)) return p;
    if (aliases[p]) return aliases[p]!;
    p = p.slice(0, p.lastIndexOf('.'));
  }
  return 'content.other';
}
