import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { type BundleReport, environmentOf, measureBundles, sdkClientsOf, stubSource } from '../../bench/bundles';
import { topology } from '../../infra/topology';

// Two small functions, one run each: the figures' shape and arithmetic, never their speed.
describe('the bundle benchmark', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  let report: BundleReport;

  beforeAll(async () => {
    report = await measureBundles({ functions: ['health', 'stats'], runs: 1, outDir });
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const fn = (name: string) => report.functions.find((f) => f.name === name)!;

  it('bundles each function minified, as deployed, and says how big it is', () => {
    for (const name of ['health', 'stats']) {
      const code = readFileSync(join(outDir, name, 'index.js'), 'utf8');
      expect(fn(name).bytes).toBe(Buffer.byteLength(code));
      // Minified: a handful of lines for hundreds of kilobytes (readable source has a line every ~40 bytes).
      expect(code.split('\n').length).toBeLessThan(code.length / 1000);
      expect(code).toContain('__import_meta_url');
      expect(fn(name).gzipBytes).toBeLessThan(fn(name).bytes);
      expect(fn(name).assetsNotCounted).toEqual([]);
    }
  });

  it('finds the AWS SDK clients a bundle contains, and only those its function uses', () => {
    // stats reads DynamoDB alone: a client of S3, Step Functions or EventBridge in its bundle means a shared module
    // made a client at module scope, which esbuild then keeps in every bundle that imports it.
    expect(fn('stats').sdkClients).toEqual(['@aws-sdk/client-dynamodb']);
    expect(fn('health').sdkClients).toEqual([]);
  });

  it('compares each function with a stub of the same clients: tiny without clients, bundle / stub as ratios', () => {
    const health = fn('health');
    const stats = fn('stats');
    expect(health.stub.bytes).toBeLessThan(2048);
    expect(stats.stub.bytes).toBeGreaterThan(100_000);
    for (const f of [health, stats]) {
      expect(f.error).toBeUndefined();
      expect(f.importMs).toBeGreaterThan(0);
      expect(f.stub.importMs).toBeGreaterThan(0);
      expect(f.sizeRatio).toBeCloseTo(f.bytes / f.stub.bytes, 1);
      expect(f.importRatio).toBeCloseTo(f.importMs! / f.stub.importMs!, 1);
    }
    expect(report.stubs.map((s) => s.sdkClients)).toEqual(expect.arrayContaining([[], stats.sdkClients]));
    expect(report.runs).toBe(1);
  });

  it('leaves the applicants’ form compiler and the search out of a function that checks no form', () => {
    // stats reads the catalogue's reference data only (catalogueReference); the form compiler, the search and the
    // bundle template come with catalogueReader, which only the functions that check applicants' forms import.
    const meta = JSON.parse(readFileSync(join(outDir, 'stats', 'meta.json'), 'utf8')) as Metafile;
    const output = Object.entries(meta.outputs).find(([file]) => file.endsWith('.js'))![1];
    const ours = Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file);
    expect(ours).toContain('shared/domain/catalogue/reference.ts');
    for (const heavy of ['form-compile.ts', 'search.ts', 'queries.ts'])
      expect(ours.filter((file) => file.endsWith(`catalogue/${heavy}`))).toEqual([]);
    expect(ours.filter((file) => file.endsWith('applications/template.ts'))).toEqual([]);
  });

  it('counts only clients with code in the output, not files tree shaking dropped', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'out/index.js': {
          bytes: 10,
          imports: [],
          exports: [],
          inputs: {
            'node_modules/@aws-sdk/client-s3/dist-cjs/index.js': { bytesInOutput: 5 },
            'node_modules/@aws-sdk/client-sfn/dist-cjs/index.js': { bytesInOutput: 0 },
            'node_modules/x/node_modules/@aws-sdk/client-kms/dist-cjs/index.js': { bytesInOutput: 3 },
            'node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js': { bytesInOutput: 3 },
          },
        },
        'out/index.js.map': { bytes: 10, imports: [], exports: [], inputs: {} },
      },
    } as unknown as Metafile;
    expect(sdkClientsOf(metafile)).toEqual(['@aws-sdk/client-kms', '@aws-sdk/client-s3']);
  });

  it('writes stubs that construct one client each at module scope', () => {
    const source = stubSource(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3'], process.cwd());
    expect(source).toContain("import { DynamoDBClient as C0 } from '@aws-sdk/client-dynamodb'");
    expect(source).toContain('new C0({}), new C1({})');
    expect(stubSource([], process.cwd())).not.toContain('import');
  });

  it('gives each function the variables its bindings set in AWS, with harmless values', () => {
    const env = environmentOf('licenceDocuments', topology.functions.licenceDocuments, '/var/task');
    expect(env).toMatchObject({
      AWS_REGION: expect.any(String),
      MAIN_TABLE_NAME: expect.any(String),
      LICENCES_BUCKET_NAME: expect.any(String),
      LAMBDA_TASK_ROOT: '/var/task',
    });
    expect(env.LICENCE_SIGNING_KEY).toMatch(/^arn:/);
    expect(env.PLATFORM_SECRETS_PREFIX).toBeDefined();
    expect(environmentOf('health', topology.functions.health, '/var/task').MAIN_TABLE_NAME).toBeUndefined();
  });
});
