import type { z } from 'zod';
import { type CompressionRule, compressionProblem } from '../analytics/compression';
import type { ErrorDetail } from '../errors';
import { formProblems } from './form-checks';
import {
  type BundleContent,
  bundleContentSchema,
  type EntryKind,
  type MatterContent,
  matterContentSchema,
} from './model';
import type { CatalogueLookups } from './ports';
import { bundleLimitProblems } from './bundle-limit';

/** The 十统一 elements and list fields by their Chinese names, so a missing one is named the way officials say it. */
const ELEMENT_NAMES: Record<string, string> = {
  basicCode: '基本编码',
  implementationCode: '实施编码',
  name: '事项名称',
  subItems: '子项',
  type: '事项类型',
  legalBasis: '设定依据',
  audience: '服务对象',
  acceptanceConditions: '受理条件',
  legalLimitDays: '法定办结时限',
  promisedLimitDays: '承诺办结时限',
  fees: '收费',
  channels: '办理渠道',
  flags: '办件类型',
  department: '实施主体',
  regionLevel: '行使层级',
  regionCode: '行政区划',
  materials: '申请材料',
  form: '表单内容',
  procedure: '办理流程',
  description: '说明',
  members: '成员事项',
  fieldMap: '表单字段映射',
  sharedMaterials: '共享材料',
};

type Detail = ErrorDetail;
const detail = (path: string, rule: string, message: string, messageZh?: string): Detail => ({
  path: `content.${path}`,
  rule,
  message,
  ...(messageZh ? { messageZh } : {}),
});

function schemaProblems(error: z.ZodError): Detail[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const element = ELEMENT_NAMES[String(issue.path[0])];
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    if (missing) {
      return detail(path, 'required', `the element ${path} is required to publish`, `缺少必要要素：${element ?? path}`);
    }
    return detail(
      path,
      issue.code === 'custom' ? 'rule' : issue.code,
      issue.message,
      element ? `${element}：${issue.message}` : undefined,
    );
  });
}

/**
 * Every problem that stops a version from being published, each naming its path and rule (an empty list means it
 * may be published). Checks the full schema, the form, and every reference into the rest of the catalogue.
 */
export async function publishProblems(
  kind: EntryKind,
  content: unknown,
  lookups: CatalogueLookups,
  options: PublishOptions = {},
): Promise<Detail[]> {
  return kind === 'matter' ? matterProblems(content, lookups, options) : bundleProblems(content, lookups);
}

export interface PublishOptions {
  /** The region's compression rule (压缩办理时限); without one, limits are only checked against each other. */
  readonly compression?: CompressionRule;
  /** The publisher read the compression warning and publishes anyway (a refusal cannot be acknowledged). */
  readonly acknowledgeCompression?: boolean;
}

async function matterProblems(content: unknown, lookups: CatalogueLookups, options: PublishOptions): Promise<Detail[]> {
  const parsed = matterContentSchema.safeParse(content);
  if (!parsed.success) return schemaProblems(parsed.error);
  const m = parsed.data;
  const problems: Detail[] = formProblems(m.form).map((p) => detail(`form.${p.path}`, 'form', p.message));
  const compression =
    options.compression && compressionProblem(m, options.compression, options.acknowledgeCompression === true);
  if (compression) problems.push(compression);
  if (!(await lookups.department(m.department)))
    problems.push(
      detail('department', 'exists', `department ${m.department} does not exist`, `实施主体 ${m.department} 不存在`),
    );
  if (m.commitment?.department && !(await lookups.department(m.commitment.department))) {
    problems.push(
      detail(
        'commitment.department',
        'exists',
        `department ${m.commitment.department} does not exist`,
        `核查部门 ${m.commitment.department} 不存在`,
      ),
    );
  }
  for (const [s, stage] of m.procedure.stages.entries()) {
    for (const [t, task] of stage.tasks.entries()) {
      if (!(await lookups.department(task.department))) {
        problems.push(
          detail(
            `procedure.stages.${s}.tasks.${t}.department`,
            'exists',
            `department ${task.department} does not exist`,
          ),
        );
      }
    }
  }
  if (m.yieldsLicenceType && !(await lookups.licenceType(m.yieldsLicenceType))) {
    problems.push(
      detail(
        'yieldsLicenceType',
        'exists',
        `licence type ${m.yieldsLicenceType} does not exist`,
        `证照类型 ${m.yieldsLicenceType} 不存在`,
      ),
    );
  }
  for (const { path, prefill } of licencePrefills(m.form.fields)) {
    const [type, field] = prefill.slice('licence:'.length).split('.');
    const licenceType = await lookups.licenceType(type!);
    if (!licenceType?.contentFields.some((f) => f.key === field)) {
      problems.push(detail(`form.${path}.prefill`, 'exists', `licence type ${type} has no content field ${field}`));
    }
  }
  for (const [i, material] of m.materials.entries()) {
    if (material.replaceableBy && !(await lookups.licenceType(material.replaceableBy))) {
      problems.push(
        detail(`materials.${i}.replaceableBy`, 'exists', `licence type ${material.replaceableBy} does not exist`),
      );
    }
  }
  return problems;
}

async function bundleProblems(content: unknown, lookups: CatalogueLookups): Promise<Detail[]> {
  const parsed = bundleContentSchema.safeParse(content);
  if (!parsed.success) return schemaProblems(parsed.error);
  const b: BundleContent = parsed.data;
  const problems: Detail[] = formProblems(b.form).map((p) => detail(`form.${p.path}`, 'form', p.message));
  if (!(await lookups.department(b.department)))
    problems.push(detail('department', 'exists', `department ${b.department} does not exist`));

  const memberForms = new Map<string, MatterContent>();
  for (const [i, member] of b.members.entries()) {
    const matter = await lookups.publishedMatter(member.matterCode);
    if (matter) memberForms.set(member.matterCode, matter);
    else
      problems.push(
        detail(
          `members.${i}.matterCode`,
          'published',
          `matter ${member.matterCode} has no published version`,
          `成员事项 ${member.matterCode} 未发布`,
        ),
      );
  }
  problems.push(...bundleLimitProblems(b, memberForms));
  const mergedKeys = new Set(b.form.fields.map((f) => f.key));
  const covered = new Set<string>();
  for (const [i, mapping] of b.fieldMap.entries()) {
    if (!mergedKeys.has(mapping.field))
      problems.push(detail(`fieldMap.${i}.field`, 'exists', `the merged form has no field ${mapping.field}`));
    for (const [j, target] of mapping.targets.entries()) {
      const member = memberForms.get(target.matterCode);
      if (!b.members.some((m) => m.matterCode === target.matterCode)) {
        problems.push(
          detail(
            `fieldMap.${i}.targets.${j}.matterCode`,
            'member',
            `${target.matterCode} is not a member of this bundle`,
          ),
        );
      } else if (member && !member.form.fields.some((f) => f.key === target.field)) {
        problems.push(
          detail(
            `fieldMap.${i}.targets.${j}.field`,
            'exists',
            `the form of ${target.matterCode} has no field ${target.field}`,
          ),
        );
      }
      covered.add(`${target.matterCode}.${target.field}`);
    }
  }
  // 一表申请: the merged form must fill every required field of every member form.
  for (const [code, matter] of memberForms) {
    for (const field of matter.form.fields) {
      if (field.required !== false && !covered.has(`${code}.${field.key}`)) {
        problems.push(
          detail(
            'fieldMap',
            'covers',
            `no field of the merged form fills ${code}.${field.key}`,
            `合并表单未覆盖 ${code} 的必填字段 ${field.key}`,
          ),
        );
      }
    }
  }
  for (const [i, shared] of b.sharedMaterials.entries()) {
    for (const [j, target] of shared.satisfies.entries()) {
      const member = memberForms.get(target.matterCode);
      if (member && !member.materials.some((m) => m.code === target.material)) {
        problems.push(
          detail(
            `sharedMaterials.${i}.satisfies.${j}.material`,
            'exists',
            `${target.matterCode} asks for no material ${target.material}`,
          ),
        );
      }
    }
  }
  return problems;
}

/** Every `licence:<TYPE>.<field>` prefill in a form, with the field's path. */
function licencePrefills(
  fields: readonly { key: string; prefill?: string; fields?: readonly unknown[] }[],
  prefix = '',
): { path: string; prefill: string }[] {
  return fields.flatMap((f) => [
    ...(f.prefill?.startsWith('licence:') ? [{ path: `${prefix}${f.key}`, prefill: f.prefill }] : []),
    ...(f.fields ? licencePrefills(f.fields as never, `${prefix}${f.key}.`) : []),
  ]);
}
