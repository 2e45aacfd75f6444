// The catalogue's administration routes: matter and bundle versions, departments, licence types, calendars, audit.
import * as z from 'zod';
import { yearCalendarSchema } from '../domain/calendar/working-days';
import { departmentSchema, licenceTypeSchema } from '../domain/catalogue/model';
import { catalogueEntrySchema, catalogueVersionSchema, codeParams, limit } from './catalogue-schemas';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

const kindPath = (kind: 'matters' | 'bundles') => `/admin/${kind}`;
const versionParams = codeParams.extend({ version: z.coerce.number().int().positive() });
const actionParams = versionParams.extend({ action: z.enum(['submit', 'return', 'publish', 'retire']) });
const admin = ['admin'] as const;

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

export const ADMIN_CATALOGUE_ROUTES = [
  ...Object.values(adminMatterRoutes),
  ...Object.values(adminBundleRoutes),
  putDepartmentRoute,
  putLicenceTypeRoute,
  putCalendarRoute,
  listAuditRoute,
];
