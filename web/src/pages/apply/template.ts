import { bundleTemplate } from '@shared/domain/applications/template';
import { type FormDefinition, formDefinitionSchema } from '@shared/domain/catalogue/form';
import { compileForm } from '@shared/domain/catalogue/form-compile';
import type { BundleContent, Material, MatterContent } from '@shared/domain/catalogue/model';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type CaseView = components['schemas']['Case'];
export type Licence = components['schemas']['Licence'];
export type MatterGuide = components['schemas']['MatterGuide'];
export type BundleGuide = components['schemas']['BundleGuide'];

/** What an application is filled in against: the pinned form, the materials to hand in, and how it is accepted. */
export interface ApplyTemplate {
  readonly kind: 'matter' | 'bundle';
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly nameEn?: string;
  readonly audience: readonly string[];
  readonly definition: FormDefinition;
  readonly materials: readonly Material[];
  readonly acceptance: 'auto' | 'window';
  /** 承诺时限 of a matter, in working days; a bundle's members each have their own. */
  readonly promisedLimitDays?: number;
  /** 一件事: its members, in waves. */
  readonly members?: readonly { code: string; name?: string }[];
  readonly matter?: MatterGuide;
  readonly bundle?: BundleGuide;
}

export const matterGuide = (code: string, version?: number) =>
  unwrap(
    api().GET('/matters/{code}', { params: { path: { code }, query: version === undefined ? {} : { version } } }),
  ) as Promise<MatterGuide>;
export const bundleGuide = (code: string, version?: number) =>
  unwrap(
    api().GET('/bundles/{code}', { params: { path: { code }, query: version === undefined ? {} : { version } } }),
  ) as Promise<BundleGuide>;

/** The form definition as published, with the engine's defaults filled in (required, maxLength, maxItems). */
const definitionOf = (form: unknown): FormDefinition => formDefinitionSchema.parse(form);

export async function matterTemplate(code: string, version?: number): Promise<ApplyTemplate> {
  const guide = await matterGuide(code, version);
  return {
    kind: 'matter',
    code,
    version: guide.version,
    name: guide.name,
    nameEn: guide.nameEn,
    audience: guide.audience,
    definition: definitionOf(guide.form),
    materials: guide.materials as Material[],
    acceptance: guide.procedure.acceptance,
    promisedLimitDays: guide.promisedLimitDays,
    matter: guide,
  };
}

/**
 * A bundle's template: the merged form, and its materials as the platform derives them (shared materials once,
 * each member's other materials as `<matter>.<material>`): the same derivation as the server's, imported from it.
 */
export async function bundleTemplateOf(code: string, version?: number): Promise<ApplyTemplate> {
  const guide = await bundleGuide(code, version);
  const guides = new Map<string, MatterGuide>();
  await Promise.all(
    guide.members.map(async (m) => {
      const pinned = guide.memberInfo.find((i) => i.code === m.matterCode)?.version;
      guides.set(m.matterCode, await matterGuide(m.matterCode, pinned));
    }),
  );
  const definition = definitionOf(guide.form);
  const derived = await bundleTemplate(
    {
      matter: async (matterCode) => {
        const m = guides.get(matterCode)!;
        return {
          version: m.version,
          content: m as unknown as MatterContent,
          validate: compileForm(definitionOf(m.form)),
        };
      },
      bundle: async () => ({
        version: guide.version,
        content: guide as unknown as BundleContent,
        validate: compileForm(definition),
        waves: guide.waves,
      }),
    },
    code,
    guide.version,
  );
  return {
    kind: 'bundle',
    code,
    version: guide.version,
    name: guide.name,
    nameEn: guide.nameEn,
    audience: guide.audience,
    definition,
    materials: derived.materials,
    acceptance: derived.acceptance,
    members: guide.waves.flat().map((c) => ({ code: c, name: guide.memberInfo.find((i) => i.code === c)?.name })),
    bundle: guide,
  };
}

export const templateOf = (kind: 'matter' | 'bundle', code: string, version?: number) =>
  kind === 'bundle' ? bundleTemplateOf(code, version) : matterTemplate(code, version);

/** The template a case is pinned to. */
export const templateOfCase = (c: CaseView) =>
  templateOf(c.kind === 'bundle' ? 'bundle' : 'matter', c.matterCode, c.matterVersion);

export const loadCase = (id: string) =>
  unwrap(api().GET('/applications/{id}', { params: { path: { id } } })) as Promise<CaseView>;

/** The applicant's own licences (the wallet), every page; agents have no wallet of their own to reuse. */
export async function loadWallet(): Promise<Licence[]> {
  const out: Licence[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api().GET('/me/licences', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** A licence the platform would take instead of a material: the applicant's own, valid, not expired, of the type. */
export const usableLicences = (wallet: readonly Licence[], type: string | undefined) =>
  type ? wallet.filter((l) => l.type === type && l.state === 'valid' && !l.expired) : [];

/** Licence type names, for saying which e-licence replaces a material (免证). */
export async function licenceTypeNames(): Promise<Map<string, { name: string; nameEn?: string }>> {
  const { items } = await unwrap(api().GET('/licence-types'));
  return new Map(items.map((t) => [t.code, { name: t.name, nameEn: t.nameEn }]));
}

/** Statuses in which the applicant fills in or corrects the case. */
export const EDITABLE = ['DRAFT', 'CORRECTION_REQUESTED', 'RETURNED'] as const;
export const isEditable = (status: string) => (EDITABLE as readonly string[]).includes(status);
export const isCorrection = (status: string) => status === 'CORRECTION_REQUESTED' || status === 'RETURNED';
