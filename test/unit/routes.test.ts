import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { environmentOf } from '../../bench/bundles';
import { topology } from '../../infra/topology';
import type { FunctionDeclaration } from '../../infra/topology-model';
import { ALL_ROUTES } from '../../shared/contracts/all-routes';
import type { RouteContract } from '../../shared/contracts/route-contract';

/**
 * Routes are listed three times: the contracts (ALL_ROUTES, which OpenAPI and the web's types are built from), the
 * topology (which function API Gateway and the local cloud send each route to), and each HTTP handler's router. These
 * tests hold the three equal in both directions.
 */
const root = resolve(__dirname, '..', '..');
const keyOf = (route: RouteContract) => `${route.method} ${route.path}`;
const functions = topology.functions as Readonly<Record<string, FunctionDeclaration>>;

describe('the contracts and the topology', () => {
  it('list the same routes: every contract is routed to a function, and every routed contract is in ALL_ROUTES', () => {
    const contracts = ALL_ROUTES.map(keyOf).sort();
    const routed = topology.routes.map((r) => keyOf(r.route)).sort();
    expect(routed).toEqual(contracts);
    expect(new Set(contracts).size).toBe(contracts.length);
  });

  it('route the contract objects themselves (the same schemas), not look-alikes', () => {
    const contracts = new Map(ALL_ROUTES.map((route) => [keyOf(route), route]));
    const copies = topology.routes.filter((r) => contracts.get(keyOf(r.route)) !== r.route).map((r) => keyOf(r.route));
    expect(copies).toEqual([]);
  });
});

describe('each HTTP handler and the topology', () => {
  const routedTo = (name: string) =>
    topology.routes
      .filter((r) => r.function === name)
      .map((r) => keyOf(r.route))
      .sort();
  // Every function with a route, and every entry that builds an HTTP handler whether or not the topology routes to it.
  const HTTP_ENTRY = /\bhttp(Router|Handler)\(/;
  const http = Object.entries(functions)
    .filter(([name, f]) => routedTo(name).length > 0 || HTTP_ENTRY.test(readFileSync(join(root, f.entry), 'utf8')))
    .map(([name]) => name);

  const saved = { ...process.env };
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'routes-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('finds the HTTP functions', () => {
    expect(http.length).toBeGreaterThan(20);
  });

  it.each(http)('%s serves exactly the routes the topology sends to it', async (name) => {
    const declaration = functions[name]!;
    // The function's own environment, with keys and secrets in local folders: loading it touches no network.
    Object.assign(process.env, environmentOf(name, declaration, scratch));
    const folder = (name: string) => `${pathToFileURL(join(scratch, name)).href}/`;
    if (process.env.LICENCE_SIGNING_KEY) process.env.LICENCE_SIGNING_KEY = folder('keys');
    if (process.env.PLATFORM_SECRETS_PREFIX) process.env.PLATFORM_SECRETS_PREFIX = folder('secrets');
    const served: string[] = [];
    await jest.isolateModulesAsync(async () => {
      // The routers record what they are built with; a handler's routes are not otherwise visible from outside.
      jest.doMock('../../shared/lambda/http', () => {
        const actual = jest.requireActual<typeof import('../../shared/lambda/http')>('../../shared/lambda/http');
        return {
          ...actual,
          httpRouter: (routes: Parameters<typeof actual.httpRouter>[0]) => {
            served.push(...routes.map(([route]) => keyOf(route)));
            return actual.httpRouter(routes);
          },
          httpHandler: (route: RouteContract, useCase: never) => {
            served.push(keyOf(route));
            return actual.httpHandler(route, useCase);
          },
        };
      });
      await import(resolve(root, declaration.entry));
      // Factories that resolve asynchronously (the licence register) finish on the next turns.
      await new Promise((r) => setTimeout(r, 100));
    });
    expect({ name, served: served.sort() }).toEqual({ name, served: routedTo(name) });
  });
});
