import type { FormField } from '../catalogue/form';
import type { FormValidator } from '../catalogue/form-errors';
import type { BundleContent, Material, MatterContent } from '../catalogue/model';
import { NotFoundError, RuleViolationError } from '../errors';

/** What an application is filled in against: a matter, or a bundle (一件事) with its merged form and materials. */
export interface ApplicationTemplate {
  readonly kind: 'matter' | 'bundle';
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly audience: readonly string[];
  readonly regionCode: string;
  readonly department: string;
  readonly validate: FormValidator;
  readonly fieldKeys: readonly string[];
  /** The form's fields (labels, prefills), in order. */
  readonly fields: readonly FormField[];
  readonly materials: readonly Material[];
  readonly acceptance: 'auto' | 'window';
  /** Departments that review it: the procedure's, or every member matter's. */
  readonly departments: readonly string[];
  readonly matter?: MatterContent;
  readonly bundle?: {
    readonly content: BundleContent;
    readonly waves: readonly (readonly string[])[];
    readonly members: ReadonlyMap<string, { version: number; content: MatterContent }>;
  };
}

export interface TemplateReader {
  matter(code: string, version?: number): Promise<{ version: number; content: MatterContent; validate: FormValidator }>;
  bundle(
    code: string,
    version?: number,
  ): Promise<{ version: number; content: BundleContent; validate: FormValidator; waves: string[][] }>;
}

export async function matterTemplate(
  reader: TemplateReader,
  code: string,
  version?: number,
): Promise<ApplicationTemplate> {
  const m = await reader.matter(code, version);
  return {
    kind: 'matter',
    code,
    version: m.version,
    name: m.content.name,
    audience: m.content.audience,
    regionCode: m.content.regionCode,
    department: m.content.department,
    validate: m.validate,
    fieldKeys: m.content.form.fields.map((f) => f.key),
    fields: m.content.form.fields,
    materials: m.content.materials,
    acceptance: m.content.procedure.acceptance,
    departments: [...new Set(m.content.procedure.stages.flatMap((s) => s.tasks.map((t) => t.department)))],
    matter: m.content,
  };
}

/** A member material that no shared material covers is asked on the bundle as `<matterCode>.<material>`. */
export const memberMaterialCode = (matterCode: string, material: string) => `${matterCode}.${material}`;

/**
 * A bundle's application: the merged form, the shared materials (asked once), and each member's other materials.
 * Members are pinned at their current published versions when the bundle case is created.
 */
export async function bundleTemplate(
  reader: TemplateReader,
  code: string,
  version?: number,
  memberVersions?: Readonly<Record<string, number>>,
): Promise<ApplicationTemplate> {
  const b = await reader.bundle(code, version);
  const members = new Map<string, { version: number; content: MatterContent }>();
  for (const member of b.content.members) {
    const m = await reader.matter(member.matterCode, memberVersions?.[member.matterCode]);
    members.set(member.matterCode, { version: m.version, content: m.content });
  }
  const materials: Material[] = [];
  for (const shared of b.content.sharedMaterials) {
    const covered = shared.satisfies
      .map((s) => members.get(s.matterCode)?.content.materials.find((m) => m.code === s.material))
      .filter((m): m is Material => m !== undefined);
    const first = covered[0];
    if (!first) continue;
    const common = first.fileTypes.filter((t) => covered.every((m) => m.fileTypes.includes(t)));
    materials.push({
      ...first,
      code: shared.code,
      name: shared.name,
      required: covered.some((m) => m.required),
      tolerable: covered.every((m) => m.tolerable),
      fileTypes: common.length > 0 ? common : first.fileTypes,
      maxSizeMb: Math.min(...covered.map((m) => m.maxSizeMb)),
      maxCount: Math.min(...covered.map((m) => m.maxCount)),
    });
  }
  for (const [matterCode, member] of members) {
    for (const material of member.content.materials) {
      const shared = b.content.sharedMaterials.some((s) =>
        s.satisfies.some((x) => x.matterCode === matterCode && x.material === material.code),
      );
      if (!shared)
        materials.push({
          ...material,
          code: memberMaterialCode(matterCode, material.code),
          name: `${member.content.name}：${material.name}`,
        });
    }
  }
  const contents = [...members.values()].map((m) => m.content);
  return {
    kind: 'bundle',
    code,
    version: b.version,
    name: b.content.name,
    audience: b.content.audience,
    regionCode: b.content.regionCode,
    department: b.content.department,
    validate: b.validate,
    fieldKeys: b.content.form.fields.map((f) => f.key),
    fields: b.content.form.fields,
    materials,
    // 一窗受理: the bundle's window accepts it unless every member would accept automatically.
    acceptance: contents.every((c) => c.procedure.acceptance === 'auto') ? 'auto' : 'window',
    departments: [
      ...new Set(contents.flatMap((c) => c.procedure.stages.flatMap((s) => s.tasks.map((t) => t.department)))),
    ],
    bundle: { content: b.content, waves: b.waves, members },
  };
}

/** The template of an existing case (its pinned versions). */
export function templateOfCase(
  reader: TemplateReader,
  record: {
    kind?: 'matter' | 'bundle';
    matterCode: string;
    matterVersion: number;
    memberVersions?: Readonly<Record<string, number>>;
  },
) {
  return record.kind === 'bundle'
    ? bundleTemplate(reader, record.matterCode, record.matterVersion, record.memberVersions)
    : matterTemplate(reader, record.matterCode, record.matterVersion);
}

/** For a new application: a missing matter or bundle is a 422 naming the field. */
export async function templateForNew(
  reader: TemplateReader,
  input: { matterCode?: string; bundleCode?: string },
): Promise<ApplicationTemplate> {
  const field = input.bundleCode ? 'bundleCode' : 'matterCode';
  try {
    return input.bundleCode
      ? await bundleTemplate(reader, input.bundleCode)
      : await matterTemplate(reader, input.matterCode!);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new RuleViolationError(
      `No published ${input.bundleCode ? 'bundle' : 'matter'} ${input.bundleCode ?? input.matterCode}`,
      [
        {
          path: `body.${field}`,
          rule: 'published',
          message: `not a published ${input.bundleCode ? 'bundle' : 'matter'}`,
        },
      ],
    );
  }
}

/**
 * Working days from acceptance to the decision the applicant is promised: the matter's promised limit, or for a
 * bundle the longest path through its waves (as the review's deadline counts them, workflow/start-review.ts).
 */
export function decisionLimitDays(template: Pick<ApplicationTemplate, 'matter' | 'bundle'>): number {
  return template.bundle
    ? template.bundle.waves.reduce(
        (sum, wave) =>
          sum + Math.max(...wave.map((code) => template.bundle!.members.get(code)!.content.promisedLimitDays)),
        0,
      )
    : template.matter!.promisedLimitDays;
}
