import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda function is bundled, in esbuild's own terms: CDK (platform-function.ts maps these onto
 * NodejsFunction's `bundling`) and the bundle benchmark (bench/bundles.ts calls esbuild with them) read this one
 * constant, so the benchmark measures exactly what is deployed.
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourcemap: true,
  // Bundle the AWS SDK too: pinned versions and faster cold starts than the runtime's copy.
  external: [],
  // Prefer packages' ES module builds: they tree-shake (the SDK's CommonJS builds do not), a third off each bundle.
  mainFields: ['module', 'main'],
  // ESM dependencies (pdfkit) read import.meta.url at load; in the CJS bundle it is the bundle's own file URL.
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
  // fontkit (under pdfkit) decodes WOFF2 with a pure-JS Brotli port that carries its ~0.5 MB dictionary as code; Node
  // has the same decoder built in (zlib), so the document functions get a shim over it. Paths are from the repo root.
  alias: { 'brotli/decompress.js': './shared/lambda/shims/brotli-decompress.cjs' },
} as const satisfies BuildOptions;
