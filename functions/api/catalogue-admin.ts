import { catalogueAdminDeps } from '../../shared/adapters/catalogue-deps';
import { adminBundleRoutes, adminMatterRoutes, listAuditRoute, putCalendarRoute, putDepartmentRoute, putLicenceTypeRoute } from '../../shared/contracts/catalogue';
import { createDraft, putCalendar, putDepartment, putLicenceType, transition, updateDraft } from '../../shared/domain/catalogue/commands';
import type { EntryKind } from '../../shared/domain/catalogue/model';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { HttpResponse, httpRouter, route } from '../../shared/lambda/http';

const deps = catalogueAdminDeps();
const { store } = deps;

function sameKey(path: string | number, body: string | number, field: string) {
  if (String(path) !== String(body)) {
    throw new ValidationError(`The ${field} in the path and in the body differ`, [{ path: `body.${field}`, rule: 'matches-path', message: `must be ${path}` }]);
  }
}

function entryRoutes(kind: EntryKind, routes: typeof adminMatterRoutes) {
  return [
    route(routes.list, async () => ({
      items: (await store.listEntries(kind)).map((e) => ({
        kind,
        code: e.code,
        ...(typeof e.latest.content.name === 'string' ? { name: e.latest.content.name } : {}),
        latestVersion: e.latestVersion,
        latestStatus: e.latest.status,
        ...(e.publishedVersion !== undefined ? { publishedVersion: e.publishedVersion } : {}),
        updatedAt: e.latest.updatedAt,
      })),
    })),
    route(routes.create, async ({ body, principal }) => new HttpResponse(await createDraft(kind, body.code, body.content, principal, deps), 201)),
    route(routes.versions, async ({ params }) => {
      const items = await store.listVersions(kind, params.code);
      if (items.length === 0) throw new NotFoundError(`No ${kind} ${params.code}`);
      return { items };
    }),
    route(routes.version, async ({ params }) => {
      const found = await store.getVersion(kind, params.code, params.version);
      if (!found) throw new NotFoundError(`${kind} ${params.code} has no version ${params.version}`);
      return found;
    }),
    route(routes.update, ({ params, body, principal }) => updateDraft(kind, params.code, params.version, body.content, principal, deps)),
    route(routes.transition, ({ params, body, principal }) => transition(kind, params.code, params.version, params.action, principal, deps, body.note, { acknowledgeCompression: body.acknowledgeCompression })),
  ];
}

/** The catalogue's administration: drafts, review, publication, departments, licence types, calendars, audit. */
export const handler = httpRouter([
  ...entryRoutes('matter', adminMatterRoutes),
  ...entryRoutes('bundle', adminBundleRoutes),
  route(putDepartmentRoute, ({ params, body, principal }) => (sameKey(params.code, body.code, 'code'), putDepartment(body, principal, deps))),
  route(putLicenceTypeRoute, ({ params, body, principal }) => (sameKey(params.code, body.code, 'code'), putLicenceType(body, principal, deps))),
  route(putCalendarRoute, ({ params, body, principal }) => (sameKey(params.year, body.year, 'year'), putCalendar(body, principal, deps))),
  route(listAuditRoute, ({ query }) => store.listAudit(query.entity, query.limit, query.cursor)),
]);
