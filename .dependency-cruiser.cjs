/**
 * The architecture checks of `npm run lint:architecture` (part of `npm test`), by dependency-cruiser:
 * - no-circular: no import cycle anywhere in the sources (type-only imports count: tsPreCompilationDeps);
 * - domain-is-pure: shared/domain/ imports nothing from the adapters, the Lambda layer, the environment's
 *   configuration or the AWS SDK, neither directly nor through another module (the contracts, say). Ports are
 *   declared in the domain (<context>/ports.ts, events.ts, store-write.ts) and implemented in shared/adapters/.
 * Reading process.env in shared/domain/ is not an import: test/unit/architecture.test.ts checks that.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle: move what both sides need (often a port type) into a module of its own, e.g. <context>/ports.ts.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'shared/domain/ must not reach adapters, lambda, config or the AWS SDK: declare a port (or a domain type) in the domain and let an adapter implement it.',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/(adapters|lambda|config)/|(^|/)@aws-sdk/', reachable: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
