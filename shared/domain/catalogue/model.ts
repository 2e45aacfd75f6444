import * as z from 'zod';
import { bundleOrder } from './bundle-order';
import { formDefinitionSchema } from './form';

/**
 * The service catalogue (事项库): matters with the 十统一 elements and the implementation-list fields, bundles
 * (一件事), departments and licence types. Content schemas are strict; drafts may be incomplete and are checked
 * against the full schema, and against the rest of the catalogue, when they are published (publish.ts).
 */

export const MATTER_TYPES = [
  '行政许可',
  '行政给付',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
  '公共服务',
] as const;
export const REGION_LEVELS = ['province', 'city', 'district', 'street', 'community'] as const;
export const CHANNELS = ['online', 'window', 'mobile', 'self-service', 'post'] as const;
/** Special procedures whose time is not counted (行政许可法 art. 45): the clock pauses. */
export const SPECIAL_PROCEDURES = [
  'hearing',
  'inspection',
  'testing',
  'expert-review',
  'public-notice',
  'on-site-verification',
] as const;
export const INTEGRATION_MODES = ['todo', 'webhook', 'exchange'] as const;
export const AUDIENCES = ['citizen', 'enterprise'] as const;
/**
 * Whether a matter is handled by appointment (预约) at a service hall: `none` (not bookable), `optional` (book if you
 * like; walk-ins are served) or `required` (book first). Absent means `optional`. A case's submission never checks it.
 */
export const APPOINTMENT_POLICIES = ['none', 'optional', 'required'] as const;
export type AppointmentPolicy = (typeof APPOINTMENT_POLICIES)[number];

export const entryCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'upper-case letters, digits, - and _ (2 to 40)');
export const departmentCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'upper-case letters, digits and _ (2 to 16)');
/** 行政区划代码: six digits. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, 'a six-digit administrative division code (行政区划代码)');
const text = z.string().trim().min(1);
const bilingual = z.object({ zh: text, en: text });

export const departmentSchema = z.object({
  code: departmentCodeSchema,
  name: text,
  nameEn: text.optional(),
  regionCode: regionCodeSchema,
  integration: z.object({ mode: z.enum(INTEGRATION_MODES) }),
  phone: z.string().optional(),
});
export type Department = z.infer<typeof departmentSchema>;

export const licenceTypeSchema = z.object({
  code: entryCodeSchema,
  name: text,
  nameEn: text.optional(),
  issuingDepartment: departmentCodeSchema,
  holder: z.enum(['citizen', 'enterprise', 'any']),
  contentFields: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
        label: bilingual,
        type: z.enum(['text', 'date', 'number']),
      }),
    )
    .min(1),
  validity: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('years'), years: z.number().int().min(1).max(50) }),
    z.object({ kind: z.literal('indefinite') }),
  ]),
  /** Licence numbers, e.g. `JY{region}{yyyy}{seq:6}`; {seq:N} is required. */
  numberFormat: z
    .string()
    .regex(/^([A-Z0-9-]|\{region\}|\{yyyy\}|\{seq:[4-9]\})+$/)
    .refine((f) => /\{seq:\d\}/.test(f), 'must contain {seq:N}'),
});
export type LicenceType = z.infer<typeof licenceTypeSchema>;

export const materialSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a lower camelCase key'),
    name: text,
    required: z.boolean(),
    /** 容缺: may be missing at acceptance and handed in before the decision. */
    tolerable: z.boolean().default(false),
    /** 免证: an e-licence of this type replaces the upload. */
    replaceableBy: entryCodeSchema.optional(),
    fileTypes: z.array(z.enum(['pdf', 'jpg', 'png', 'ofd'])).min(1),
    maxSizeMb: z.number().positive().max(50),
    maxCount: z.number().int().min(1).max(20),
    form: z.enum(['original', 'copy', 'electronic']).default('electronic'),
    description: z.string().optional(),
  })
  .refine((m) => !m.tolerable || m.required, {
    path: ['tolerable'],
    message: 'only a required material can be tolerated when missing (容缺)',
  });
export type Material = z.infer<typeof materialSchema>;

export const procedureSchema = z.object({
  acceptance: z.enum(['auto', 'window']),
  stages: z
    .array(
      z.object({
        name: text,
        tasks: z
          .array(
            z.object({ department: departmentCodeSchema, name: text, timeLimitDays: z.number().int().min(1).max(365) }),
          )
          .min(1),
      }),
    )
    .min(1),
  pausableFor: z.array(z.enum(SPECIAL_PROCEDURES)).default([]),
});
export type Procedure = z.infer<typeof procedureSchema>;

const uniqueBy = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

/** The matter's elements; drafts are checked against this shape with every element optional. */
export const matterBaseSchema = z.object({
  basicCode: z.string().regex(/^[0-9A-Z-]{6,40}$/, 'digits, upper-case letters and - (6 to 40)'),
  implementationCode: z.string().regex(/^[0-9A-Z-]{6,60}$/, 'digits, upper-case letters and - (6 to 60)'),
  name: text,
  nameEn: text.optional(),
  subItems: z.array(z.object({ code: text, name: text })).default([]),
  type: z.enum(MATTER_TYPES),
  legalBasis: z.array(z.object({ law: text, article: z.string().optional() })).min(1),
  audience: z.array(z.enum(AUDIENCES)).min(1),
  acceptanceConditions: z.array(text).min(1),
  legalLimitDays: z.number().int().min(0).max(365),
  promisedLimitDays: z.number().int().min(0).max(365),
  fees: z.discriminatedUnion('charged', [
    z.object({ charged: z.literal(false) }),
    z.object({
      charged: z.literal(true),
      items: z
        .array(
          z.object({
            name: text,
            amountYuan: z.number().positive().multipleOf(0.01),
            basis: text,
            /** Charged only when a form field has one of these values (e.g. 住宅 or 非住宅 registration fees). */
            when: z
              .object({ field: z.string().min(1), in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) })
              .optional(),
            /** Charged per unit: the amount times a number field of the form (e.g. extra certificates). */
            perUnit: z.object({ field: z.string().min(1) }).optional(),
          }),
        )
        .min(1),
    }),
  ]),
  yieldsLicenceType: entryCodeSchema.optional(),
  channels: z.array(z.enum(CHANNELS)).min(1),
  flags: z.object({ immediate: z.boolean(), commitmentAllowed: z.boolean(), fullyOnline: z.boolean() }),
  /**
   * 告知承诺制: what the applicant's written commitment may replace, the commitment's text (承诺书) with its legal
   * consequences, and the post-check (核查) that follows the decision. Offered only with flags.commitmentAllowed.
   */
  commitment: z
    .object({
      /** Codes of this matter's materials a commitment replaces. */
      materials: z.array(z.string().min(1)).min(1),
      /** Conditions the applicant commits to meeting (shown in the guide and in the text). */
      conditions: z.array(text).default([]),
      text: text.max(4000),
      textEn: text.max(4000).optional(),
      /** What follows a false commitment (revocation, credit record, liability). */
      consequences: text.max(2000),
      consequencesEn: text.max(2000).optional(),
      /** Working days the responsible department has for the post-check after the decision. */
      postCheckDays: z.number().int().min(1).max(365).default(30),
      /** The department that checks; the matter's own by default. */
      department: departmentCodeSchema.optional(),
    })
    .optional(),
  department: departmentCodeSchema,
  regionLevel: z.enum(REGION_LEVELS),
  regionCode: regionCodeSchema,
  themes: z.array(text).default([]),
  synonyms: z.array(text).default([]),
  materials: z.array(materialSchema),
  form: formDefinitionSchema,
  procedure: procedureSchema,
  guide: z
    .object({
      location: z.string().optional(),
      hours: z.string().optional(),
      phone: z.string().optional(),
      notes: z.string().optional(),
    })
    .default({}),
  /** 预约: absent means `optional` (see appointmentPolicy). */
  appointment: z.enum(APPOINTMENT_POLICIES).optional(),
});

export const matterContentSchema = matterBaseSchema.superRefine((m, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (m.promisedLimitDays > m.legalLimitDays)
    issue(
      ['promisedLimitDays'],
      `the promised limit (${m.promisedLimitDays}) may not exceed the legal limit (${m.legalLimitDays})`,
    );
  if (m.flags.immediate && m.promisedLimitDays !== 0)
    issue(['flags', 'immediate'], '即办件 are decided on the spot: the promised limit must be 0 working days');
  if (m.flags.fullyOnline && !m.channels.includes('online'))
    issue(['flags', 'fullyOnline'], '全程网办 needs the online channel');
  if (m.flags.fullyOnline) {
    m.materials.forEach((mat, i) => {
      if (mat.form === 'original')
        issue(['materials', i, 'form'], '全程网办 cannot ask for an original paper material');
    });
  }
  if (!uniqueBy(m.materials, (x) => x.code)) issue(['materials'], 'material codes must be unique');
  if (m.commitment && !m.flags.commitmentAllowed)
    issue(['commitment'], '告知承诺 is offered only when flags.commitmentAllowed is set');
  m.commitment?.materials.forEach((code, i) => {
    if (!m.materials.some((mat) => mat.code === code))
      issue(['commitment', 'materials', i], `the matter has no material "${code}"`);
  });
  if (m.fees.charged) {
    const fieldNames = new Set(m.form.fields.map((f) => f.key));
    m.fees.items.forEach((item, i) => {
      if (item.when && !fieldNames.has(item.when.field))
        issue(['fees', 'items', i, 'when', 'field'], `the form has no field "${item.when.field}"`);
      if (item.perUnit && !m.form.fields.some((f) => f.key === item.perUnit!.field && f.type === 'number'))
        issue(['fees', 'items', i, 'perUnit', 'field'], `the form has no number field "${item.perUnit.field}"`);
    });
  }
  m.procedure.stages.forEach((stage, s) => {
    if (!uniqueBy(stage.tasks, (t) => t.department))
      issue(['procedure', 'stages', s, 'tasks'], 'a department has one task per stage');
  });
  // Stages run one after another, tasks within a stage in parallel: the longest path must fit the promise.
  const longestPath = m.procedure.stages.reduce(
    (days, stage) => days + Math.max(...stage.tasks.map((t) => t.timeLimitDays)),
    0,
  );
  if (!m.flags.immediate && longestPath > m.promisedLimitDays) {
    issue(
      ['procedure', 'stages'],
      `the stages take up to ${longestPath} working days, more than the promised limit (${m.promisedLimitDays})`,
    );
  }
});
export type MatterContent = z.infer<typeof matterContentSchema>;

/** A matter's appointment policy; a matter that says nothing is `optional`: walk-ins are served, booking is possible. */
export const appointmentPolicy = (matter: { appointment?: AppointmentPolicy }): AppointmentPolicy =>
  matter.appointment ?? 'optional';

export const bundleBaseSchema = z.object({
  name: text,
  nameEn: text.optional(),
  description: text,
  audience: z.array(z.enum(AUDIENCES)).min(1),
  /** The department whose window receives the bundle (一窗受理) and hands out its results (一窗出件). */
  department: departmentCodeSchema,
  regionCode: regionCodeSchema,
  themes: z.array(text).default([]),
  synonyms: z.array(text).default([]),
  members: z.array(z.object({ matterCode: entryCodeSchema, dependsOn: z.array(entryCodeSchema).default([]) })).min(2),
  /**
   * 一件事承诺时限: working days from the bundle's acceptance to its last member's licence, watched as one deadline.
   * Required to publish (bundleContentSchema); versions published before it existed lack it, and their cases keep
   * the deadline derived from the members (bundle-limit.ts, bundlePromisedLimit). At most the members' legal limits
   * along their waves (checked at publish, bundleLimitProblems).
   */
  promisedLimitDays: z.number().int().min(0).max(365).optional(),
  /** 一表申请: the merged form, and where each of its fields goes in the member forms. */
  form: formDefinitionSchema,
  fieldMap: z.array(
    z.object({
      field: z.string().min(1),
      targets: z.array(z.object({ matterCode: entryCodeSchema, field: z.string().min(1) })).min(1),
    }),
  ),
  /** Materials asked once for several members. */
  sharedMaterials: z.array(
    z.object({
      code: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
      name: text,
      satisfies: z.array(z.object({ matterCode: entryCodeSchema, material: z.string().min(1) })).min(1),
    }),
  ),
});

export const bundleContentSchema = bundleBaseSchema
  .extend({ promisedLimitDays: z.number().int().min(0).max(365) })
  .superRefine((b, ctx) => {
    const members = new Set(b.members.map((m) => m.matterCode));
    if (members.size !== b.members.length)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'a matter appears twice' });
    b.members.forEach((m, i) => {
      m.dependsOn.forEach((d, j) => {
        if (!members.has(d))
          ctx.addIssue({
            code: 'custom',
            path: ['members', i, 'dependsOn', j],
            message: `${d} is not a member of this bundle`,
          });
      });
    });
    if (bundleOrder(b.members) === undefined)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'the dependencies form a cycle' });
  });
/** A published bundle version; one published before promisedLimitDays existed has none (bundlePromisedLimit). */
export type BundleContent = Omit<z.infer<typeof bundleContentSchema>, 'promisedLimitDays'> & {
  readonly promisedLimitDays?: number;
};

export { bundleOrder };

/** Drafts may leave elements out, but what they hold must have the right shape. */
export const draftSchemas = { matter: matterBaseSchema.partial(), bundle: bundleBaseSchema.partial() } as const;

export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type EntryKind = 'matter' | 'bundle';

/** One version of a catalogue entry. A published version never changes; cases pin {code, version}. */
export interface CatalogueVersion<K extends EntryKind = EntryKind> {
  readonly kind: K;
  readonly code: string;
  readonly version: number;
  readonly status: VersionStatus;
  /** Drafts may be incomplete; a published version's content satisfies the full schema. */
  readonly content: Record<string, unknown>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly submittedAt?: string;
  readonly publishedAt?: string;
  readonly publishedBy?: string;
  readonly retiredAt?: string;
  readonly reviewNote?: string;
}

/** The allowed status transitions; every command checks here first. */
export const TRANSITIONS: Record<string, { from: VersionStatus; to: VersionStatus }> = {
  submit: { from: 'draft', to: 'in_review' },
  return: { from: 'in_review', to: 'draft' },
  publish: { from: 'in_review', to: 'published' },
  retire: { from: 'published', to: 'retired' },
};
