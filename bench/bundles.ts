import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { LAMBDA_BUNDLE_OPTIONS } from '../infra/constructs/bundle-options';
import { topology } from '../infra/topology';
import { envVarFor } from '../infra/bindings';
import type { Binding, FunctionDeclaration } from '../infra/topology-model';

/**
 * Bundle size and cold-start import time of every Lambda function, each against a stub that only imports (and
 * constructs) the same AWS SDK clients: the stub is the floor a function cannot go below while it uses those
 * clients, so the ratios show what the function's own code and its other dependencies cost.
 *
 * The budget (issue 20): every function within BUNDLE_RATIO_LIMIT of its stub, in size and in import time. The one
 * stated exception is the document renderer: a bundle that contains pdfkit (RENDERER_PACKAGES) is compared with a
 * stub that imports the same clients and pdfkit (which brings fontkit and its tables), so its budget is the stub +
 * pdfkit, and everything else in it must be as lean as in any other function. The CJK font is an asset copied beside
 * the bundle and read at the first render, not at import: neither side counts it (`assetsNotCounted`). A function
 * with no SDK client has no floor to compare with (its stub is an empty module): no ratio, no budget.
 */

/** At most this many times the stub, in bytes and in import milliseconds. */
export const BUNDLE_RATIO_LIMIT = 1.3;

/** Packages that make a bundle a document renderer, whose stub imports them too: the stated exception. */
export const RENDERER_PACKAGES = ['pdfkit'] as const;

export interface MeasureBundlesOptions {
  /** Function names of infra/topology.ts; all of them when absent. */
  readonly functions?: readonly string[];
  /** Fresh Node processes per bundle; the median is reported. */
  readonly runs?: number;
  /** Where the bundles, their metafiles and the stubs are written. */
  readonly outDir?: string;
  readonly log?: (line: string) => void;
  /** The repository root (entries are relative to it); the working directory when absent. */
  readonly rootDir?: string;
  /** Bundles built at the same time (the import timings always run one at a time, to keep them comparable). */
  readonly concurrency?: number;
  /** Options merged over the deployed ones, to try a change before making it; the report names them. */
  readonly overrides?: esbuild.BuildOptions;
}

export interface SizeFigure {
  readonly name: string;
  readonly bytes: number;
}

export interface StubFigures {
  /** The client packages it imports, sorted; with `extras`, its key in `stubs`. */
  readonly sdkClients: readonly string[];
  /** The renderer packages it imports besides the clients (RENDERER_PACKAGES found in the function); usually none. */
  readonly extras: readonly string[];
  readonly bytes: number;
  readonly importMs: number | null;
  readonly importRunsMs: readonly number[];
  readonly error?: string;
}

export interface FunctionFigures {
  readonly name: string;
  readonly entry: string;
  /** The minified bundle (index.js) as deployed, in bytes. */
  readonly bytes: number;
  /** The bundle gzipped: close to what the deployment zip carries. */
  readonly gzipBytes: number;
  /** index.js.map beside it; deployed too, read only when an error's stack is mapped. */
  readonly sourceMapBytes: number;
  /** Files CDK copies beside the bundle (fonts): not code, never loaded at import, so not in `bytes`. */
  readonly assetsNotCounted: readonly SizeFigure[];
  /** AWS SDK client packages in the bundle (esbuild metafile inputs under node_modules/@aws-sdk/client-*). */
  readonly sdkClients: readonly string[];
  /** What the bundle is made of: packages (node_modules) or project folders, by bytes in the output, largest first. */
  readonly largestParts: readonly SizeFigure[];
  /** Median over `runs` fresh processes of the time to `require` the bundle; null when it failed. */
  readonly importMs: number | null;
  readonly importRunsMs: readonly number[];
  readonly stub: { readonly bytes: number; readonly importMs: number | null; readonly extras: readonly string[] };
  /** bytes / stub bytes. */
  readonly sizeRatio: number;
  /** importMs / stub importMs; null when either failed. */
  readonly importRatio: number | null;
  /** Both ratios at most BUNDLE_RATIO_LIMIT; null without SDK clients (no floor) or when an import failed. */
  readonly withinBudget: boolean | null;
  /** Written beside the bundle, for `esbuild.analyzeMetafile`. */
  readonly metafile: string;
  readonly error?: string;
}

export interface BundleReport {
  readonly generatedAt: string;
  readonly node: string;
  readonly esbuild: string;
  readonly runs: number;
  readonly buildOptions: esbuild.BuildOptions;
  readonly overrides?: esbuild.BuildOptions;
  /** Wall time of the whole measurement, bundling and timing. */
  readonly totalMs: number;
  readonly functions: readonly FunctionFigures[];
  readonly stubs: readonly StubFigures[];
}

const PARTS_KEPT = 8;

export async function measureBundles(options: MeasureBundlesOptions = {}): Promise<BundleReport> {
  const started = performance.now();
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const outDir = resolve(options.outDir ?? join(rootDir, 'bench', 'results', 'bundles'));
  const runs = Math.max(1, Math.floor(options.runs ?? 5));
  const log = options.log ?? (() => {});
  const buildOptions: esbuild.BuildOptions = {
    ...LAMBDA_BUNDLE_OPTIONS,
    external: [...LAMBDA_BUNDLE_OPTIONS.external],
    ...options.overrides,
  };
  const all = topology.functions as Readonly<Record<string, FunctionDeclaration>>;
  const names = options.functions ?? Object.keys(all);
  const unknown = names.filter((name) => !all[name]);
  if (unknown.length) throw new Error(`Not functions of infra/topology.ts: ${unknown.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  // As in the Lambda asset, index.js is CommonJS: the repository's package.json ("type": "module") must not apply.
  writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  const runner = writeRunner(outDir);
  const concurrency = Math.max(1, options.concurrency ?? Math.min(2, cpus().length));

  // Functions first, then one stub per distinct set of clients (most functions share DynamoDB alone).
  const built = await pool(names, concurrency, async (name) => {
    const declaration = all[name]!;
    const file = join(outDir, name, 'index.js');
    const result = await esbuild.build({
      ...buildOptions,
      absWorkingDir: rootDir,
      entryPoints: [declaration.entry],
      outfile: file,
      metafile: true,
      logLevel: 'error',
    });
    const metafile = join(outDir, name, 'meta.json');
    writeFileSync(metafile, JSON.stringify(result.metafile));
    const output = mainOutput(result.metafile);
    const code = readFileSync(file);
    log(`bundled ${name}: ${kib(code.length)} KiB`);
    return {
      name,
      declaration,
      file,
      metafile,
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      sourceMapBytes: existsSync(`${file}.map`) ? statSync(`${file}.map`).size : 0,
      sdkClients: sdkClientsOf(result.metafile),
      extras: rendererPackagesOf(result.metafile),
      largestParts: partsOf(output).slice(0, PARTS_KEPT),
    };
  });
  const keyOf = (b: { sdkClients: readonly string[]; extras: readonly string[] }) =>
    `${b.sdkClients.join(',')}|${b.extras.join(',')}`;
  const stubKeys = [...new Set(built.map(keyOf))];
  const stubs = await pool(stubKeys, concurrency, async (key, index) => {
    const [clientList, extraList] = key.split('|') as [string, string];
    const clients = clientList ? clientList.split(',') : [];
    const extras = extraList ? extraList.split(',') : [];
    const file = join(outDir, '_stubs', String(index), 'index.js');
    await esbuild.build({
      ...buildOptions,
      absWorkingDir: rootDir,
      stdin: {
        contents: stubSource(clients, rootDir, extras),
        resolveDir: rootDir,
        sourcefile: 'stub.js',
        loader: 'js',
      },
      outfile: file,
      logLevel: 'error',
    });
    log(`bundled the stub of [${[...clients, ...extras].join(', ')}]`);
    return { key, clients, extras, file, bytes: statSync(file).size };
  });

  // Timings one at a time, in rounds over every bundle, so a busy moment of the machine spreads over all of them.
  const targets = [
    ...built.map((b) => ({ file: b.file, env: environmentOf(b.name, b.declaration, dirname(b.file)) })),
    ...stubs.map((s) => ({
      file: s.file,
      env: environmentOf('stub', { entry: '', description: '', uses: [] }, dirname(s.file)),
    })),
  ];
  const samples = targets.map(() => [] as number[]);
  const errors: (string | undefined)[] = targets.map(() => undefined);
  const node = nodeBinary(rootDir);
  for (let round = 0; round < runs; round++) {
    for (const [i, target] of targets.entries()) {
      if (errors[i]) continue;
      const result = await timeImport(node, runner, target.file, target.env);
      if ('error' in result) errors[i] = result.error;
      else samples[i]!.push(result.ms);
    }
    log(`import timings: round ${round + 1} of ${runs}`);
  }

  const stubFigures: StubFigures[] = stubs.map((s, i) => {
    const at = built.length + i;
    return {
      sdkClients: s.clients,
      extras: s.extras,
      bytes: s.bytes,
      importMs: errors[at] ? null : median(samples[at]!),
      importRunsMs: samples[at]!.map(round2),
      ...(errors[at] ? { error: errors[at] } : {}),
    };
  });
  const functions: FunctionFigures[] = built.map((b, i) => {
    const stub = stubFigures[stubKeys.indexOf(keyOf(b))]!;
    const importMs = errors[i] ? null : median(samples[i]!);
    const sizeRatio = ratio(b.bytes, stub.bytes)!;
    const importRatio = ratio(importMs, stub.importMs);
    return {
      name: b.name,
      entry: b.declaration.entry,
      bytes: b.bytes,
      gzipBytes: b.gzipBytes,
      sourceMapBytes: b.sourceMapBytes,
      assetsNotCounted: (b.declaration.assets ?? []).map((asset) => ({
        name: asset,
        bytes: existsSync(join(rootDir, asset)) ? statSync(join(rootDir, asset)).size : 0,
      })),
      sdkClients: b.sdkClients,
      largestParts: b.largestParts,
      importMs,
      importRunsMs: samples[i]!.map(round2),
      stub: { bytes: stub.bytes, importMs: stub.importMs, extras: stub.extras },
      sizeRatio,
      importRatio,
      withinBudget:
        !b.sdkClients.length || importRatio === null
          ? null
          : sizeRatio <= BUNDLE_RATIO_LIMIT && importRatio <= BUNDLE_RATIO_LIMIT,
      metafile: b.metafile,
      ...(errors[i] ? { error: errors[i] } : {}),
    };
  });
  return {
    generatedAt: new Date().toISOString(),
    node: await nodeVersion(node),
    esbuild: esbuild.version,
    runs,
    buildOptions,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    totalMs: Math.round(performance.now() - started),
    functions,
    stubs: stubFigures,
  };
}

/**
 * The AWS SDK client packages with code in the bundle, wherever npm nested them. The output's inputs, not the
 * metafile's: those list every file esbuild read, also the ones tree shaking then dropped (sideEffects: false).
 */
export function sdkClientsOf(metafile: esbuild.Metafile): string[] {
  const clients = new Set<string>();
  for (const [path, input] of Object.entries(mainOutput(metafile).inputs)) {
    const match = /(?:^|\/)node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(path);
    if (match && input.bytesInOutput > 0) clients.add(match[1]!);
  }
  return [...clients].sort();
}

/** The renderer packages (RENDERER_PACKAGES) with code in the bundle. */
export function rendererPackagesOf(metafile: esbuild.Metafile): string[] {
  const found = new Set<string>();
  for (const [path, input] of Object.entries(mainOutput(metafile).inputs)) {
    const pkg = RENDERER_PACKAGES.find((p) => path.includes(`node_modules/${p}/`));
    if (pkg && input.bytesInOutput > 0) found.add(pkg);
  }
  return [...found].sort();
}

/**
 * A stub handler module: the clients' imports and one client each, constructed at module scope as handlers do; and
 * the renderer packages (`extras`) imported and kept, for the document functions' budget.
 */
export function stubSource(clients: readonly string[], rootDir: string, extras: readonly string[] = []): string {
  const lines = clients.map((pkg, i) => `import { ${clientClassOf(pkg, rootDir)} as C${i} } from '${pkg}';`);
  lines.push(...extras.map((pkg, i) => `import E${i} from '${pkg}';`));
  if (extras.length) lines.push(`export const renderers = [${extras.map((_, i) => `E${i}`).join(', ')}];`);
  lines.push(`export const clients = [${clients.map((_, i) => `new C${i}({})`).join(', ')}];`);
  lines.push('export const handler = async () => ({ statusCode: 200 });');
  return lines.join('\n');
}

/** The client class a package exports: its dist-types hold exactly one `<Service>Client.d.ts`. */
function clientClassOf(pkg: string, rootDir: string): string {
  const types = join(rootDir, 'node_modules', pkg, 'dist-types');
  const found = readdirSync(types).filter((f) => /^[A-Za-z0-9]+Client\.d\.ts$/.test(f));
  if (found.length !== 1)
    throw new Error(`Cannot tell the client class of ${pkg}: ${found.join(', ') || 'none'} in ${types}`);
  return found[0]!.replace(/\.d\.ts$/, '');
}

function mainOutput(metafile: esbuild.Metafile) {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.js'));
  if (!output) throw new Error('esbuild wrote no .js output');
  return output[1];
}

/** Bytes in the output by package (node_modules/<pkg>) or by project folder (its first two path segments). */
function partsOf(output: esbuild.Metafile['outputs'][string]): SizeFigure[] {
  const parts = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = pkg ? pkg[1]! : path.split('/').slice(0, 2).join('/');
    parts.set(name, (parts.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * What CDK gives the function in AWS (compute-stack.ts bind, platform-function.ts environment), with harmless
 * values: module scope parses its environment and builds its clients, and must not throw here. Nothing leaves
 * the machine: the child exits right after the import, and every endpoint points at a closed local port anyway.
 */
export function environmentOf(
  name: string,
  declaration: FunctionDeclaration,
  bundleDir: string,
): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: 'cn-north-1',
    AWS_DEFAULT_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: `bench-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(declaration.memoryMb ?? 256),
    LAMBDA_TASK_ROOT: bundleDir,
    STAGE: 'bench',
    SERVICE_NAME: name,
    NODE_OPTIONS: '--enable-source-maps',
    PUBLIC_API_URL: 'https://bench.example.org',
  };
  for (const binding of declaration.uses) Object.assign(env, bindingEnvironment(binding));
  return env;
}

function bindingEnvironment(binding: Binding): Record<string, string> {
  const variable = envVarFor(binding);
  if (!variable) return {};
  if ('table' in binding) return { [variable]: `bench-${binding.table}` };
  if ('bucket' in binding) return { [variable]: `bench-${binding.bucket.toLowerCase()}` };
  if ('bus' in binding) return { [variable]: 'bench-bus' };
  if ('secrets' in binding)
    return {
      [variable]: 'bench/secrets/',
      PLATFORM_KMS_KEY_ID: 'arn:aws-cn:kms:cn-north-1:000000000000:key/bench-data',
    };
  if ('signingKey' in binding)
    return { [variable]: 'arn:aws-cn:kms:cn-north-1:000000000000:key/bench-signing', LICENCE_RETIRED_KEYS: '' };
  if ('messaging' in binding) return { [variable]: binding.messaging === 'sms' ? 'sns' : 'ses:bench@example.org' };
  if ('stateMachine' in binding)
    return { [variable]: `arn:aws-cn:states:cn-north-1:000000000000:stateMachine:bench-${binding.stateMachine}` };
  // External services (courier, payments): `none` is every stage's default.
  return { [variable]: 'none' };
}

/** The child: a monotonic clock around one `require` of the bundle, then exit before any I/O it started can run. */
function writeRunner(outDir: string): string {
  const file = join(outDir, '_import-time.cjs');
  writeFileSync(
    file,
    [
      "const { performance } = require('node:perf_hooks');",
      'const started = performance.now();',
      'let loaded;',
      'try { loaded = require(process.argv[2]); } catch (error) {',
      "  process.stdout.write(JSON.stringify({ error: String((error && error.message) || error).slice(0, 500) }) + '\\n');",
      '  process.exit(1);',
      '}',
      'const ms = performance.now() - started;',
      "if (typeof loaded.handler !== 'function') { process.stdout.write(JSON.stringify({ error: 'the bundle exports no handler' }) + '\\n'); process.exit(1); }",
      "process.stdout.write(JSON.stringify({ ms }) + '\\n');",
      'process.exit(0);',
      '',
    ].join('\n'),
  );
  return file;
}

function timeImport(
  node: string,
  runner: string,
  file: string,
  env: Record<string, string>,
): Promise<{ ms: number } | { error: string }> {
  return new Promise((done) => {
    const child = spawn(node, [runner, file], { cwd: dirname(file), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', (error) => done({ error: error.message }));
    child.on('close', (code) => {
      try {
        const result = JSON.parse(out.trim().split('\n').pop() ?? '') as { ms?: number; error?: string };
        if (typeof result.ms === 'number' && code === 0) return done({ ms: result.ms });
        done({ error: result.error ?? `exit ${code}` });
      } catch {
        done({ error: `exit ${code}: ${err.trim().slice(0, 500)}` });
      }
    });
  });
}

/** The project's Node 22 (the Lambda runtime): this process when it is one, else the `node` devDependency. */
export function nodeBinary(rootDir: string): string {
  if (process.versions.node.split('.')[0] === '22') return process.execPath;
  const local = join(rootDir, 'node_modules', '.bin', 'node');
  if (!existsSync(local))
    throw new Error(
      `Node 22 is needed to time the imports: run under it, or install the node devDependency (${local})`,
    );
  return local;
}

function nodeVersion(node: string): Promise<string> {
  if (node === process.execPath) return Promise.resolve(process.version);
  return new Promise((done) => {
    const child = spawn(node, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', () => done(out.trim()));
    child.on('error', () => done('unknown'));
  });
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round2(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function ratio(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base <= 0) return null;
  return Math.round((value / base) * 100) / 100;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
