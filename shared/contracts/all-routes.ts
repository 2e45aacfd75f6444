import { ACCEPTANCE_ROUTES } from './acceptance';
import { APPLICANT_ROUTES } from './applications';
import { PUBLIC_CATALOGUE_ROUTES } from './catalogue';
import { ADMIN_CATALOGUE_ROUTES } from './catalogue-admin';
import { meRoute } from './identity';
import { healthRoute, openApiRoute } from './system';
import type { RouteContract } from './route-contract';
import { WORKFLOW_ROUTES } from './workflow';
import { INTEGRATION_ROUTES } from './integration';
import { importLicencesRoute, LICENCE_DOCUMENT_ROUTES, LICENCE_ROUTES, PUBLIC_LICENCE_ROUTES } from './licences';
import { ENGAGEMENT_ROUTES } from './engagement';
import { STATS_ROUTES } from './stats';
import { MESSAGING_ROUTES } from './messaging';
import { SUPERVISION_ROUTES } from './supervision';
import { APPOINTMENT_ROUTES } from './appointments';
import { DELIVERY_ROUTES } from './delivery';
import { PAYMENT_ROUTES } from './payments';
import { NOTICE_ROUTES } from './notices';
import { POST_CHECK_ROUTES } from './post-checks';

/** Every HTTP route contract of the platform. The topology maps each to a function; OpenAPI lists them all. */
export const ALL_ROUTES: readonly RouteContract[] = [
  healthRoute,
  openApiRoute,
  meRoute,
  ...PUBLIC_CATALOGUE_ROUTES,
  ...ADMIN_CATALOGUE_ROUTES,
  ...APPLICANT_ROUTES,
  ...ACCEPTANCE_ROUTES,
  ...WORKFLOW_ROUTES,
  ...INTEGRATION_ROUTES,
  ...PUBLIC_LICENCE_ROUTES,
  ...LICENCE_ROUTES,
  ...LICENCE_DOCUMENT_ROUTES,
  importLicencesRoute,
  ...ENGAGEMENT_ROUTES,
  ...STATS_ROUTES,
  ...MESSAGING_ROUTES,
  ...SUPERVISION_ROUTES,
  ...APPOINTMENT_ROUTES,
  ...DELIVERY_ROUTES,
  ...PAYMENT_ROUTES,
  ...NOTICE_ROUTES,
  ...POST_CHECK_ROUTES,
];
