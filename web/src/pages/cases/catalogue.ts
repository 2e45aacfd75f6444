import { api, unwrap } from '../../api/client';
import type { CaseView } from './status';

/**
 * What a case's pinned matter (or 一件事 bundle) version says about it, in words: its name, its form fields' labels,
 * its materials' names, and which field holds the applicant's name. Cases only carry codes; the published guide of
 * the pinned version gives the words. Guides never change once published, so each is fetched once per page load.
 */
export interface Localised {
  readonly zh: string;
  readonly en: string;
}

export interface EntryInfo {
  readonly name: Localised;
  readonly fieldLabels: ReadonlyMap<string, Localised>;
  readonly materialNames: ReadonlyMap<string, string>;
  /** 一件事: the members' names by matter code. */
  readonly memberNames: ReadonlyMap<string, string>;
  /** The form field pre-filled from the applicant's profile name (the principal, when an agent filed the case). */
  readonly applicantNameField?: string;
  /** 告知承诺制: who checks a commitment after the decision, and within how many working days. */
  readonly commitment?: { readonly department: string; readonly postCheckDays: number };
}

interface FieldDefinition {
  key?: string;
  label?: Localised;
  prefill?: string;
}

const guides = new Map<string, Promise<EntryInfo | undefined>>();

function infoOf(guide: {
  name: string;
  nameEn?: string;
  form: Record<string, unknown>;
  department?: string;
  materials?: readonly { code: string; name: string }[];
  sharedMaterials?: readonly { code: string; name: string }[];
  memberInfo?: readonly { code: string; name?: string }[];
  commitment?: { department?: string; postCheckDays: number };
}): EntryInfo {
  const fields = Array.isArray(guide.form.fields) ? (guide.form.fields as FieldDefinition[]) : [];
  const materials = [...(guide.materials ?? []), ...(guide.sharedMaterials ?? [])];
  return {
    name: { zh: guide.name, en: guide.nameEn ?? guide.name },
    fieldLabels: new Map(fields.filter((f) => f.key && f.label).map((f) => [f.key!, f.label!])),
    materialNames: new Map(materials.map((m) => [m.code, m.name])),
    memberNames: new Map((guide.memberInfo ?? []).map((m) => [m.code, m.name ?? m.code])),
    applicantNameField: fields.find((f) => f.prefill === 'profile.name')?.key,
    ...(guide.commitment
      ? {
          commitment: {
            department: guide.commitment.department ?? guide.department ?? '',
            postCheckDays: guide.commitment.postCheckDays,
          },
        }
      : {}),
  };
}

/** The guide of a case's pinned version; undefined when it cannot be read (the page then shows codes). */
export function entryInfo(kind: 'matter' | 'bundle', code: string, version: number): Promise<EntryInfo | undefined> {
  const key = `${kind}:${code}@${version}`;
  let found = guides.get(key);
  if (!found) {
    const query = { version } as never;
    found = (
      kind === 'bundle'
        ? unwrap(api().GET('/bundles/{code}', { params: { path: { code }, query } })).then(infoOf)
        : unwrap(api().GET('/matters/{code}', { params: { path: { code }, query } })).then(infoOf)
    ).catch(() => {
      guides.delete(key);
      return undefined;
    });
    guides.set(key, found);
  }
  return found;
}

export const entryInfoOf = (c: Pick<CaseView, 'kind' | 'matterCode' | 'matterVersion'>) =>
  entryInfo(c.kind === 'bundle' ? 'bundle' : 'matter', c.matterCode, c.matterVersion);

/** The guides of several cases (each version fetched once), by case id. */
export async function entryInfosOf(cases: readonly CaseView[]): Promise<ReadonlyMap<string, EntryInfo>> {
  const pairs = await Promise.all(cases.map(async (c) => [c.id, await entryInfoOf(c)] as const));
  return new Map(pairs.filter((p): p is readonly [string, EntryInfo] => p[1] !== undefined));
}

let departmentNames: Promise<ReadonlyMap<string, Localised>> | undefined;

/** Department names by code (for the facts, the history and the outcome); empty when they cannot be read. */
export function departmentNamesOnce(): Promise<ReadonlyMap<string, Localised>> {
  departmentNames ??= unwrap(api().GET('/departments'))
    .then(
      (d) =>
        new Map(d.items.map((x) => [x.code, { zh: x.name, en: x.nameEn ?? x.name }] as const)) as ReadonlyMap<
          string,
          Localised
        >,
    )
    .catch(() => {
      departmentNames = undefined;
      return new Map();
    });
  return departmentNames;
}

/** The applicant's name as the form gives it (the principal of an agent's case). */
export function applicantNameOf(c: Pick<CaseView, 'form'>, info: EntryInfo | undefined): string | undefined {
  const value = info?.applicantNameField ? c.form[info.applicantNameField] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
}
