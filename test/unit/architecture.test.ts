import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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
