import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sinksIn } from '../support/html-sinks';

/**
 * The built pages as people get them (web/dist, `npm run build:web`, which `npm test` runs first): no script in them,
 * libraries included, parses a string as HTML. The build rewrites the libraries' few such statements
 * (web/scripts/no-html-sinks.ts); this holds the result.
 */
test('no script of the built pages parses a string as HTML', () => {
  const assets = join(process.cwd(), 'web', 'dist', 'assets');
  expect(existsSync(assets)).toBe(true);
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(10);
  const found = scripts.flatMap((file) =>
    sinksIn(readFileSync(join(assets, file), 'utf8')).map((sink) => `${file}: ${sink}`),
  );
  expect(found).toEqual([]);
});
