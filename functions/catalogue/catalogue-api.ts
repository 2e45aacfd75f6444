import { publishedCatalogueDeps } from '../../shared/adapters/catalogue-deps';
import {
  addWorkingDaysRoute,
  bundleGuideRoute,
  formCheckRoute,
  getCalendarRoute,
  listDepartmentsRoute,
  listLicenceTypesRoute,
  matterGuideRoute,
  searchBundlesRoute,
  searchMattersRoute,
} from '../../shared/contracts/catalogue';
import { httpRouter, route } from '../../shared/lambda/http';

const { reader } = publishedCatalogueDeps();

/** The public catalogue: search, guides, departments, licence types, calendars. */
export const handler = httpRouter([
  route(searchMattersRoute, ({ query }) => reader.search('matter', query)),
  route(matterGuideRoute, ({ params, query }) => reader.matterGuide(params.code, query.version)),
  route(formCheckRoute, async ({ params, query, body }) => ({
    valid: true as const,
    form: await reader.checkForm(params.code, body.form, query.version),
  })),
  route(searchBundlesRoute, ({ query }) => reader.search('bundle', query)),
  route(bundleGuideRoute, ({ params, query }) => reader.bundleGuide(params.code, query.version)),
  route(listDepartmentsRoute, async () => ({ items: await reader.departments() })),
  route(listLicenceTypesRoute, async () => ({ items: await reader.licenceTypes() })),
  route(getCalendarRoute, ({ params }) => reader.calendar(params.year)),
  route(addWorkingDaysRoute, async ({ query }) => ({
    ...query,
    ...(await reader.addWorkingDays(query.from, query.days)),
  })),
]);
