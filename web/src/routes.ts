/**
 * Every page's path, as the router matches it. Pure data: the local cloud reads it too, to answer a browser's
 * navigation to one of these paths with the page while API clients at the same path keep their JSON.
 */
export const PAGE_PATHS = [
  '/',
  '/search',
  '/matters/:code',
  '/bundles/:code',
  '/apply/:kind/:code',
  '/cases',
  '/cases/:id',
  '/cases/:id/edit',
  '/cases/:id/review',
  '/cases/:id/receipt',
  '/wallet',
  '/verify',
  '/verify/:licenceNo',
  '/inbox',
  '/settings/contact',
  '/appointments',
  '/appointments/new',
  '/agents',
  '/sign-in',
  '/auth/callback',
  '/workbench',
  '/workbench/*',
] as const;

/** The path patterns as regular expressions (`:name` one segment, `*` the rest). */
export function pagePathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source || '/'}/?$`);
}

export const isPagePath = (pathname: string): boolean => PAGE_PATHS.some((p) => pagePathPattern(p).test(pathname));
