// The catalogue's schemas: search results, guides (办事指南), versions and entries, and the parameters its routes share.
import * as z from 'zod';
import {
  bundleBaseSchema,
  departmentSchema,
  licenceTypeSchema,
  matterBaseSchema,
  VERSION_STATUSES,
} from '../domain/catalogue/model';

export const limit = z.coerce.number().int().min(1).max(100).default(20);
export const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/) });

export const entrySummarySchema = z
  .object({
    kind: z.enum(['matter', 'bundle']),
    code: z.string(),
    version: z.number(),
    name: z.string(),
    department: z.string(),
    departmentName: z.string().optional(),
    regionCode: z.string(),
    audience: z.array(z.string()),
    themes: z.array(z.string()),
    synonyms: z.array(z.string()),
    type: z.string().optional(),
    promisedLimitDays: z.number().optional(),
    legalLimitDays: z.number().optional(),
    fullyOnline: z.boolean().optional(),
    immediate: z.boolean().optional(),
    members: z.array(z.string()).optional(),
  })
  .meta({ id: 'EntrySummary' });

export const catalogueVersionSchema = z
  .object({
    kind: z.enum(['matter', 'bundle']),
    code: z.string(),
    version: z.number(),
    status: z.enum(VERSION_STATUSES),
    content: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().optional(),
    publishedAt: z.string().optional(),
    publishedBy: z.string().optional(),
    retiredAt: z.string().optional(),
    reviewNote: z.string().optional(),
    compressionAcknowledgement: z
      .object({
        rule: z.literal('compression-warning'),
        maxPromisedPercent: z.number(),
        legalLimitDays: z.number(),
        promisedLimitDays: z.number(),
        ratio: z.number().nullable(),
        by: z.string(),
        at: z.string(),
      })
      .optional()
      .meta({
        description:
          'Set when the publisher published a matter despite the compression warning (promised limit above the region’s share of the legal limit)',
      }),
  })
  .meta({ id: 'CatalogueVersion' });

/** The guide (办事指南): the published version's elements with names resolved, as an applicant needs them. */
export const matterGuideSchema = matterBaseSchema
  .omit({ form: true })
  .extend({
    code: z.string(),
    version: z.number(),
    publishedAt: z.string(),
    form: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The form definition (JSON) the application is validated against' }),
    departmentInfo: departmentSchema.optional(),
    licenceTypeInfo: licenceTypeSchema.optional(),
    procedureSummary: z.array(
      z.object({
        stage: z.string(),
        parallel: z.boolean(),
        tasks: z.array(
          z.object({
            department: z.string(),
            departmentName: z.string().optional(),
            name: z.string(),
            timeLimitDays: z.number(),
          }),
        ),
      }),
    ),
    commitment: z
      .object({
        materials: z.array(z.string()),
        conditions: z.array(z.string()),
        text: z.string(),
        textEn: z.string().optional(),
        consequences: z.string(),
        consequencesEn: z.string().optional(),
        postCheckDays: z.number(),
        department: z.string().optional(),
        textHash: z
          .string()
          .meta({ description: 'SHA-256 (hex) of `text`: what PUT /applications/{id}/commitment confirms' }),
      })
      .optional()
      .meta({
        description:
          '告知承诺制: the materials a written commitment may replace, its text and consequences, and the post-check that follows',
      }),
  })
  .meta({ id: 'MatterGuide' });

export const bundleGuideSchema = bundleBaseSchema
  .omit({ form: true })
  .extend({
    code: z.string(),
    version: z.number(),
    publishedAt: z.string(),
    form: z.record(z.string(), z.unknown()),
    waves: z
      .array(z.array(z.string()))
      .meta({ description: 'Members in the order their dependencies allow; each wave runs in parallel' }),
    memberInfo: z.array(
      z.object({
        code: z.string(),
        name: z.string().optional(),
        version: z.number().optional(),
        department: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BundleGuide' });

/** An entry in the administrators' list: its latest version (a draft, maybe) and which one is published. */
export const catalogueEntrySchema = z
  .object({
    kind: z.enum(['matter', 'bundle']),
    code: z.string(),
    name: z.string().optional().meta({ description: 'The latest version’s name (a draft may have none yet)' }),
    latestVersion: z.number(),
    latestStatus: z.enum(VERSION_STATUSES),
    publishedVersion: z.number().optional(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CatalogueEntry' });
