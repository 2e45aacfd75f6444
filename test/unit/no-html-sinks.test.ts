import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteSinks, SINK_REWRITES } from '../../web/scripts/no-html-sinks';
import { sinksIn } from '../support/html-sinks';

/**
 * The web build's rewrites of library code (web/scripts/no-html-sinks.ts), on the installed libraries: each finds its
 * statement once, and the modules come out with no API that parses a string as HTML.
 */
const modules = [
  'node_modules/preact/dist/preact.mjs',
  'node_modules/zrender/lib/svg/Painter.js',
  'node_modules/echarts/lib/core/echarts.js',
];

describe('the web build’s rewrites of library code', () => {
  it.each(modules)('leave %s with no HTML parser, each rewrite matched once', (path) => {
    const source = readFileSync(join(process.cwd(), path), 'utf8');
    expect(sinksIn(source)).not.toEqual([]);
    const rewrites = SINK_REWRITES.filter((r) => r.module.test(`/repo/${path}`));
    expect(rewrites.length).toBeGreaterThan(0);
    expect(sinksIn(rewriteSinks(`/repo/${path}`, source))).toEqual([]);
  });

  it('stop the build when a statement is not found exactly once (a library changed)', () => {
    expect(() => rewriteSinks('/repo/node_modules/zrender/lib/svg/Painter.js', 'this.root.textContent = "";')).toThrow(
      /matched 0 times in \/repo\/node_modules\/zrender\/lib\/svg\/Painter\.js/,
    );
    expect(rewriteSinks('/repo/node_modules/other/index.js', 'el.innerHTML = x;')).toBe('el.innerHTML = x;');
  });

  it('leave Preact with no prop that takes markup: the React-named raw-HTML prop is unknown, its children render', () => {
    const source = readFileSync(join(process.cwd(), modules[0]!), 'utf8');
    const raw = ['dangerously', 'Set', 'Inner', 'HTML'].join('');
    expect(source).toContain(raw);
    const rewritten = rewriteSinks(`/repo/${modules[0]}`, source);
    expect(rewritten).not.toContain(raw);
    expect(rewritten).not.toContain('__html');
    // The element diff still renders its children where the markup branch was.
    expect(rewritten).toMatch(/"children"==\w+\?\w+=\w+:"value"==/);
  });
});
