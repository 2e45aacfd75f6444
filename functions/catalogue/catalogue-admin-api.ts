import { catalogueAdminDeps } from '../../shared/adapters/catalogue-deps';
import {
  adminBundleRoutes,
  adminMatterRoutes,
  listAuditRoute,
  putCalendarRoute,
  putDepartmentRoute,
  putLicenceTypeRoute,
} from '../../shared/contracts/catalogue-admin';
import {
  createDraft,
  putCalendar,
  putDepartment,
  putLicenceType,
  transition,
  updateDraft,
} from '../../shared/domain/catalogue/commands';
import { auditLog, entrySummaries, entryVersion, entryVersions } from '../../shared/domain/catalogue/entries';
import type { EntryKind } from '../../shared/domain/catalogue/model';
import { ValidationError } from '../../shared/domain/errors';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = catalogueAdminDeps();

function sameKey(path: string | number, body: string | number, field: string) {
  if (String(path) !== String(body)) {
    throw new ValidationError(`The ${field} in the path and in the body differ`, [
      { path: `body.${field}`, rule: 'matches-path', message: `must be ${path}` },
    ]);
  }
}

function entryRoutes(kind: EntryKind, routes: typeof adminMatterRoutes) {
  return [
    route(routes.list, () => entrySummaries(kind, deps)),
    route(
      routes.create,
      async ({ body, principal }) =>
        new HttpResponse(await createDraft(kind, body.code, body.content, principal, deps), 201),
    ),
    route(routes.versions, ({ params }) => entryVersions(kind, params.code, deps)),
    route(routes.version, ({ params }) => entryVersion(kind, params.code, params.version, deps)),
    route(routes.update, ({ params, body, principal }) =>
      updateDraft(kind, params.code, params.version, body.content, principal, deps),
    ),
    route(routes.transition, ({ params, body, principal }) =>
      transition(kind, params.code, params.version, params.action, principal, deps, body.note, {
        acknowledgeCompression: body.acknowledgeCompression,
      }),
    ),
  ];
}

/** The catalogue's administration: drafts, review, publication, departments, licence types, calendars, audit. */
export const handler = httpRouter([
  ...entryRoutes('matter', adminMatterRoutes),
  ...entryRoutes('bundle', adminBundleRoutes),
  route(putDepartmentRoute, ({ params, body, principal }) => {
    sameKey(params.code, body.code, 'code');
    return putDepartment(body, principal, deps);
  }),
  route(putLicenceTypeRoute, ({ params, body, principal }) => {
    sameKey(params.code, body.code, 'code');
    return putLicenceType(body, principal, deps);
  }),
  route(putCalendarRoute, ({ params, body, principal }) => {
    sameKey(params.year, body.year, 'year');
    return putCalendar(body, principal, deps);
  }),
  route(listAuditRoute, ({ query }) => auditLog(query, deps)),
]);
