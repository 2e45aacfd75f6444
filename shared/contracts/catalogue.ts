// The catalogue's public routes: search, guides (办事指南), form checks, departments, licence types and calendars.
import * as z from 'zod';
import { yearCalendarSchema } from '../domain/calendar/working-days';
import { AUDIENCES, departmentSchema, licenceTypeSchema } from '../domain/catalogue/model';
import { bundleGuideSchema, codeParams, entrySummarySchema, limit, matterGuideSchema } from './catalogue-schemas';
import { pageOf } from './common';
import { defineRoute } from './route-contract';

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

const searchResult = pageOf(entrySummarySchema, { total: z.number() });
const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

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
