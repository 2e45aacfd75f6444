import { meRoute } from './identity';
import { healthRoute, openApiRoute } from './system';
import type { RouteContract } from './route';

/** Every HTTP route contract of the platform. The topology maps each to a function; OpenAPI lists them all. */
export const ALL_ROUTES: readonly RouteContract[] = [healthRoute, openApiRoute, meRoute];
