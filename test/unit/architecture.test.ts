import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HTML_SINKS } from '../support/html-sinks';

/**
 * What `npm run lint:architecture` (dependency-cruiser, .dependency-cruiser.cjs) cannot see, because it is not an
 * import: the domain reads no environment. Settings reach it as arguments or dependencies, which an adapter or a
 * function reads from the environment (shared/config/env.ts, shared/adapters/*-deps.ts).
 */
const root = join(__dirname, '..', '..');
const domain = join(root, 'shared', 'domain');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

/** `process.env`, `process['env']` and the like, with or without `globalThis.` before it. */
const READS_ENVIRONMENT = /\bprocess\s*(\.\s*env\b|\[\s*['"`]env['"`]\s*\])/;

function environmentReads(
  files: readonly string[],
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, i) => (READS_ENVIRONMENT.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the domain (shared/domain)', () => {
  it('reads no environment variable', () => {
    const files = sourcesUnder(domain);
    expect(files.length).toBeGreaterThan(50);
    expect(environmentReads(files)).toEqual([]);
  });

  it('would be caught reading one', () => {
    const source: Record<string, string> = {
      [join(domain, 'a.ts')]: 'const path = process.env.LICENCE_FONT_PATH;',
      [join(domain, 'b.ts')]: "const { STAGE } = globalThis.process['env'];",
      [join(domain, 'c.ts')]: 'const now = () => new Date(); // no environment here',
    };
    expect(environmentReads(Object.keys(source), (file) => source[file]!)).toEqual([
      'shared/domain/a.ts:1: const path = process.env.LICENCE_FONT_PATH;',
      "shared/domain/b.ts:1: const { STAGE } = globalThis.process['env'];",
    ]);
  });
});

/**
 * The pages render what people typed as text, never as HTML (test/support/html-sinks.ts). Besides the DOM's HTML
 * parsers, Preact's dangerouslySetInnerHTML and an ECharts tooltip formatter would write HTML; the built pages are
 * checked too, libraries included (test/e2e/built-pages.test.ts).
 */
const web = join(root, 'web', 'src');

const WRITES_HTML: readonly [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ...HTML_SINKS,
  // A tooltip's `formatter` is written as HTML (the charts have no ECharts tooltip; this keeps one from coming back).
  ['a tooltip formatter', /tooltip\s*:\s*\{[^}]*\bformatter\b/s],
];

function htmlWrites(
  files: readonly string[],
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  return files.flatMap((file) => {
    const source = read(file);
    return WRITES_HTML.flatMap(([what, pattern]) => (pattern.test(source) ? [`${relative(root, file)}: ${what}`] : []));
  });
}

describe('the pages (web/src)', () => {
  it('write no HTML from strings', () => {
    const files = sourcesUnder(web);
    expect(files.length).toBeGreaterThan(100);
    expect(htmlWrites(files)).toEqual([]);
  });

  it('would be caught writing some', () => {
    const source: Record<string, string> = {
      [join(web, 'a.tsx')]: '<p dangerouslySetInnerHTML={{ __html: reason }} />',
      [join(web, 'b.ts')]: 'node.innerHTML = message;',
      [join(web, 'c.ts')]: "list.insertAdjacentHTML('beforeend', row);",
      [join(web, 'd.ts')]: "tooltip: {\n  trigger: 'axis',\n  formatter: (p) => p.name,\n},",
      [join(web, 'e.tsx')]: '<p>{reason}</p> // text: Preact escapes it',
    };
    expect(htmlWrites(Object.keys(source), (file) => source[file]!)).toEqual([
      'web/src/a.tsx: dangerouslySetInnerHTML',
      'web/src/a.tsx: innerHTML / outerHTML',
      'web/src/b.ts: innerHTML / outerHTML',
      'web/src/c.ts: insertAdjacentHTML',
      'web/src/d.ts: a tooltip formatter',
    ]);
  });
});
