import * as z from 'zod';
import { yearCalendarSchema } from '../domain/calendar/working-days';
import {
  AUDIENCES,
  bundleBaseSchema,
  departmentSchema,
  licenceTypeSchema,
  matterBaseSchema,
  VERSION_STATUSES,
} from '../domain/catalogue/model';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const limit = z.coerce.number().int().min(1).max(100).default(20);
const searchQuery = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'Chinese or English keywords, matched in names, synonyms, themes and department names' }),
  department: z.string().optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional()
    .meta({ description: 'a 行政区划代码 or its prefix' }),
  theme: z.string().optional(),
  audience: z.enum(AUDIENCES).optional(),
  limit,
  cursor: z.string().optional(),
});

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

const searchResult = pageOf(entrySummarySchema, { total: z.number() });
const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/) });
const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

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

// ---- public ----

export const searchMattersRoute = defineRoute({
  method: 'GET',
  path: '/matters',
  auth: 'public',
  summary: 'Search published matters (事项)',
  tags: ['catalogue'],
  query: searchQuery,
  response: searchResult,
});
export const matterGuideRoute = defineRoute({
  method: 'GET',
  path: '/matters/{code}',
  auth: 'public',
  summary: 'The guide of a matter (办事指南): elements, materials, form schema, time limits, procedure',
  tags: ['catalogue'],
  params: codeParams,
  query: versionQuery,
  response: matterGuideSchema,
});
export const formCheckRoute = defineRoute({
  method: 'POST',
  path: '/matters/{code}/form-check',
  auth: 'public',
  summary: 'Check a filled-in form against the matter’s form (every problem at once, 一次性告知)',
  tags: ['catalogue'],
  params: codeParams,
  query: versionQuery,
  body: z.object({ form: z.unknown() }),
  response: z.object({ valid: z.literal(true), form: z.record(z.string(), z.unknown()) }),
});
export const searchBundlesRoute = defineRoute({
  method: 'GET',
  path: '/bundles',
  auth: 'public',
  summary: 'Search published 一件事 bundles',
  tags: ['catalogue'],
  query: searchQuery,
  response: searchResult,
});
export const bundleGuideRoute = defineRoute({
  method: 'GET',
  path: '/bundles/{code}',
  auth: 'public',
  summary: 'A bundle: members, order, merged form',
  tags: ['catalogue'],
  params: codeParams,
  query: versionQuery,
  response: bundleGuideSchema,
});
export const listDepartmentsRoute = defineRoute({
  method: 'GET',
  path: '/departments',
  auth: 'public',
  summary: 'Departments',
  tags: ['catalogue'],
  response: z.object({ items: z.array(departmentSchema) }),
});
export const listLicenceTypesRoute = defineRoute({
  method: 'GET',
  path: '/licence-types',
  auth: 'public',
  summary: 'Licence types (证照类型)',
  tags: ['catalogue'],
  response: z.object({ items: z.array(licenceTypeSchema) }),
});
export const getCalendarRoute = defineRoute({
  method: 'GET',
  path: '/calendars/{year}',
  auth: 'public',
  summary: 'The working-day calendar of a year (holidays and make-up working days)',
  tags: ['calendar'],
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: yearCalendarSchema,
});
export const addWorkingDaysRoute = defineRoute({
  method: 'GET',
  path: '/calendar/add-working-days',
  auth: 'public',
  summary: 'The date n working days after a date (the day itself not counted)',
  tags: ['calendar'],
  query: z.object({ from: z.iso.date(), days: z.coerce.number().int().min(0).max(3650) }),
  response: z.object({
    from: z.string(),
    days: z.number(),
    due: z.string(),
    provisional: z.boolean().meta({
      description:
        'true when the period reaches a year whose holiday notice is not loaded yet: counted Monday to Friday there',
    }),
  }),
});

// ---- admin ----

const kindPath = (kind: 'matters' | 'bundles') => `/admin/${kind}`;
const versionParams = codeParams.extend({ version: z.coerce.number().int().positive() });
const actionParams = versionParams.extend({ action: z.enum(['submit', 'return', 'publish', 'retire']) });
const admin = ['admin'] as const;

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

function adminEntryRoutes(kind: 'matters' | 'bundles', label: string) {
  return {
    list: defineRoute({
      method: 'GET',
      path: kindPath(kind),
      auth: admin,
      summary: `Every ${label}, drafts included, with its latest version, status and published version`,
      tags: ['catalogue-admin'],
      response: z.object({ items: z.array(catalogueEntrySchema) }),
    }),
    create: defineRoute({
      method: 'POST',
      path: kindPath(kind),
      auth: admin,
      summary: `New draft of a ${label} (version 1, or the next version of an existing one)`,
      tags: ['catalogue-admin'],
      body: z.object({ code: codeParams.shape.code, content: z.record(z.string(), z.unknown()) }),
      successStatus: 201,
      response: catalogueVersionSchema,
    }),
    versions: defineRoute({
      method: 'GET',
      path: `${kindPath(kind)}/{code}/versions`,
      auth: admin,
      summary: `Every version of a ${label}`,
      tags: ['catalogue-admin'],
      params: codeParams,
      response: z.object({ items: z.array(catalogueVersionSchema) }),
    }),
    version: defineRoute({
      method: 'GET',
      path: `${kindPath(kind)}/{code}/versions/{version}`,
      auth: admin,
      summary: `One version of a ${label}`,
      tags: ['catalogue-admin'],
      params: versionParams,
      response: catalogueVersionSchema,
    }),
    update: defineRoute({
      method: 'PUT',
      path: `${kindPath(kind)}/{code}/versions/{version}`,
      auth: admin,
      summary: `Edit a draft ${label} (a published version never changes)`,
      tags: ['catalogue-admin'],
      params: versionParams,
      body: z.object({ content: z.record(z.string(), z.unknown()) }),
      response: catalogueVersionSchema,
    }),
    transition: defineRoute({
      method: 'POST',
      path: `${kindPath(kind)}/{code}/versions/{version}/{action}`,
      auth: admin,
      summary: `Submit for review, return to draft, publish (checks completeness and names every problem) or retire a ${label}`,
      tags: ['catalogue-admin'],
      params: actionParams,
      body: z
        .object({
          note: z.string().max(1000).optional(),
          acknowledgeCompression: z.boolean().optional().meta({
            description:
              'publish only: the publisher read the compression warning (rule `compression-warning` at content.promisedLimitDays) and publishes anyway; recorded in the version and the audit',
          }),
        })
        .default({}),
      response: catalogueVersionSchema,
    }),
  };
}
export const adminMatterRoutes = adminEntryRoutes('matters', 'matter');
export const adminBundleRoutes = adminEntryRoutes('bundles', 'bundle');

export const putDepartmentRoute = defineRoute({
  method: 'PUT',
  path: '/admin/departments/{code}',
  auth: admin,
  summary: 'Create or change a department',
  tags: ['catalogue-admin'],
  params: z.object({ code: z.string() }),
  body: departmentSchema,
  response: departmentSchema,
});
export const putLicenceTypeRoute = defineRoute({
  method: 'PUT',
  path: '/admin/licence-types/{code}',
  auth: admin,
  summary: 'Create or change a licence type',
  tags: ['catalogue-admin'],
  params: z.object({ code: z.string() }),
  body: licenceTypeSchema,
  response: licenceTypeSchema,
});
export const putCalendarRoute = defineRoute({
  method: 'PUT',
  path: '/admin/calendars/{year}',
  auth: admin,
  summary: 'Load the holidays and make-up working days of a year',
  tags: ['catalogue-admin'],
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  body: yearCalendarSchema,
  response: yearCalendarSchema,
});
export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/admin/audit',
  auth: admin,
  summary: 'Audit trail of catalogue changes, newest first',
  tags: ['catalogue-admin'],
  query: z.object({
    entity: z.string().optional().meta({ description: 'e.g. matter:FOOD-BUSINESS-LICENCE' }),
    limit,
    cursor: z.string().optional(),
  }),
  response: pageOf(
    z.object({
      entity: z.string(),
      action: z.string(),
      actor: z.string(),
      at: z.string(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

export const PUBLIC_CATALOGUE_ROUTES = [
  searchMattersRoute,
  matterGuideRoute,
  formCheckRoute,
  searchBundlesRoute,
  bundleGuideRoute,
  listDepartmentsRoute,
  listLicenceTypesRoute,
  getCalendarRoute,
  addWorkingDaysRoute,
];
export const ADMIN_CATALOGUE_ROUTES = [
  ...Object.values(adminMatterRoutes),
  ...Object.values(adminBundleRoutes),
  putDepartmentRoute,
  putLicenceTypeRoute,
  putCalendarRoute,
  listAuditRoute,
];
