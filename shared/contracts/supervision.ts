import * as z from 'zod';
import { pageOf } from './common';
import { defineRoute } from './route-contract';
import { WATCH_KINDS, WATCH_LEVELS } from './supervision-events';

/**
 * 电子监察 over HTTP: the warning (yellow) and overdue (red) lists and the departments' efficiency. Supervisors see
 * every department (only their region when their token names one); department staff their own department only.
 * GET /supervision/deadlines lists the open deadlines of a date, of every level, for supervisors.
 */
const day = z.iso.date();
const page = { limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(2000).optional() };
const departmentCode = z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, 'a department code, e.g. SAMR');
const regionCode = z.string().regex(/^\d{6}$/, 'a six-digit administrative division code (行政区划代码)');

const listQuery = z.object({
  department: departmentCode
    .optional()
    .meta({ description: 'Supervisors: one department. Department staff always see their own.' }),
  region: regionCode.optional().meta({ description: 'A province or city code covers its districts (350100 → 3501xx)' }),
  kind: z.enum(WATCH_KINDS).optional(),
  ...page,
});

export const watchViewSchema = z
  .object({
    watchId: z.string(),
    kind: z.enum(WATCH_KINDS),
    subjectId: z.string(),
    caseId: z.string().optional(),
    caseNumber: z.string().optional(),
    matterCode: z.string().optional(),
    channel: z.string().optional(),
    department: z.string(),
    regionCode: z.string(),
    dueDate: day,
    provisional: z.boolean().optional().meta({
      description:
        'The due date reaches a year whose State Council holiday notice is not loaded: counted Monday to Friday there for now, re-dated when it is loaded',
    }),
    level: z.enum(['yellow', 'red']),
    remainingDays: z
      .number()
      .int()
      .optional()
      .meta({ description: 'yellow (and green): working days left (0 on the due date)' }),
    overdueDays: z.number().int().optional().meta({ description: 'red: working days past the due date (at least 1)' }),
    escalations: z.number().int(),
    openedAt: z.string(),
  })
  .meta({ id: 'SupervisionWatch' });

const listResponse = pageOf(watchViewSchema);

export const warningsRoute = defineRoute({
  method: 'GET',
  path: '/supervision/warnings',
  auth: ['supervisor', 'department'],
  summary: 'Yellow warnings: open deadlines with few working days left, by department and region',
  tags: ['supervision'],
  query: listQuery,
  response: listResponse,
});

export const overdueRoute = defineRoute({
  method: 'GET',
  path: '/supervision/overdue',
  auth: ['supervisor', 'department'],
  summary: 'Red: open deadlines that have passed, by department and region',
  tags: ['supervision'],
  query: listQuery,
  response: listResponse,
});

export const deadlinesRoute = defineRoute({
  method: 'GET',
  path: '/supervision/deadlines',
  auth: ['supervisor'],
  summary:
    'Open deadlines due on a date (Asia/Shanghai), of every level: tasks, cases in review, complaints, rectifications, deliveries, post-checks; a paused one is not due on its old date. Supervision follows the cases’ events, so a deadline just met leaves the list within seconds',
  tags: ['supervision'],
  query: z.object({
    date: day,
    region: listQuery.shape.region,
    kind: listQuery.shape.kind,
    ...page,
  }),
  response: pageOf(
    watchViewSchema
      .extend({
        level: z.enum(WATCH_LEVELS),
      })
      .meta({ id: 'SupervisionDeadline' }),
  ),
});

/** The longest range a report sums (days, both ends included). */
export const MAX_EFFICIENCY_DAYS = 366;

const efficiencyFigures = z.object({
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable().meta({ description: '按时办结率: on time / decided (null when none decided)' }),
  averageWorkingDays: z.number().nullable().meta({ description: 'Working days used per decision, pauses not counted' }),
  averageLimitDays: z
    .number()
    .nullable()
    .meta({ description: 'The time limit per decision (a case: promised limit plus a granted extension)' }),
});

export const efficiencyRoute = defineRoute({
  method: 'GET',
  path: '/supervision/efficiency',
  auth: ['supervisor', 'department'],
  summary: '效能: tasks and cases decided per department, on time, working days used against the time limits',
  tags: ['supervision'],
  query: z.object({ from: day, to: day, department: departmentCode.optional() }).superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_EFFICIENCY_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_EFFICIENCY_DAYS} days from from` });
  }),
  response: z.object({
    from: day,
    to: day,
    regionPrefix: z.string().optional(),
    items: z.array(z.object({ department: z.string(), tasks: efficiencyFigures, cases: efficiencyFigures })),
  }),
});

export const SUPERVISION_ROUTES = [warningsRoute, overdueRoute, deadlinesRoute, efficiencyRoute];
