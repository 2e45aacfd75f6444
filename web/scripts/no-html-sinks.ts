import type { Plugin } from 'vite';

/**
 * The built pages must hold no code that parses a string as HTML (user content is rendered as text). Our own code
 * never does (Biome and test/unit/architecture.test.ts); two libraries carry such code for features we do not use,
 * so the build rewrites those few statements, each found exactly once or the build stops: an upgraded library is
 * looked at again, never passed unchecked. test/e2e/built-pages.test.ts then finds no such API in web/dist.
 *
 * A rewrite of third-party code rather than a fork: a few statements, each named with why it is safe.
 */
export interface SinkRewrite {
  /** The module, by its path under node_modules. */
  readonly module: RegExp;
  readonly find: RegExp;
  readonly replace: string;
  readonly why: string;
}

const refuse = (what: string) => `(function(){throw new Error(${JSON.stringify(what)})})()`;

export const SINK_REWRITES: readonly SinkRewrite[] = [
  // Preact's diff of an element's props: it knows one prop that takes markup, the React-named raw-HTML prop. The
  // three statements that know it go, so the built Preact has no such prop at all: passed anyway, it would be an
  // ordinary attribute, its value never parsed. Biome refuses the prop in our code.
  {
    module: /node_modules\/preact\/dist\/preact\.mjs$/,
    // for(s in $)k=$[s],"<prop>"==s?y=k:"children"==s||…   (the old props: their markup to clear)
    find: /"dangerouslySetInnerHTML"==(\w+)\?\w+=\w+:"children"==\1\|\|/,
    replace: '"children"==$1||',
    why: "the old props' raw markup, remembered to clear it: there is none",
  },
  {
    module: /node_modules\/preact\/dist\/preact\.mjs$/,
    // for(s in x)k=x[s],"children"==s?_=k:"<prop>"==s?h=k:…   (the new props: their markup to write)
    find: /"children"==(\w+)\?(\w+)=(\w+):"dangerouslySetInnerHTML"==\1\?\w+=\3:/,
    replace: '"children"==$1?$2=$3:',
    why: "the new props' raw markup, taken aside to be written: the prop is not known",
  },
  {
    module: /node_modules\/preact\/dist\/preact\.mjs$/,
    // h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[]):(…children…)
    find: /(\w+)\?\(\w+\|\|\w+&&\(\1\.__html==\w+\.__html\|\|\1\.__html==(\w+)\.innerHTML\)\|\|\(\2\.innerHTML=\1\.__html\),\w+\.__k=\[\]\):/,
    replace: '',
    why: 'the markup written as HTML instead of the children: never taken aside now, so the children always render',
  },
  {
    module: /node_modules\/zrender\/lib\/svg\/Painter\.js$/,
    find: /this\.root\.innerHTML = '';/,
    replace: 'this.root.replaceChildren();',
    why: "the SVG painter empties its element on dispose: the same with the DOM's own call",
  },
  {
    module: /node_modules\/zrender\/lib\/svg\/Painter\.js$/,
    find: /this\._svgDom\.innerHTML = null;/,
    replace: 'this._svgDom.replaceChildren();',
    why: 'the SVG painter empties its drawing on clear: the same with the DOM call',
  },
  {
    module: /node_modules\/echarts\/lib\/core\/echarts\.js$/,
    find: /isSvg \? chart\.getZr\(\)\.painter\.getSvgDom\(\)\.innerHTML :/,
    replace: `isSvg ? ${refuse('connected charts are not exported as SVG in this build')} :`,
    why: 'getConnectedDataURL joins the SVG of connected charts as markup; no page connects charts',
  },
  {
    module: /node_modules\/echarts\/lib\/core\/echarts\.js$/,
    find: /zr_1\.painter\.getSvgRoot\(\)\.innerHTML = content_1;/,
    replace: `${refuse('connected charts are not exported as SVG in this build')};`,
    why: 'the same export writes the joined markup back: unreachable after the rewrite above',
  },
];

/** Applies the rewrites of one module; throws when one does not match exactly once. */
export function rewriteSinks(id: string, code: string, rewrites: readonly SinkRewrite[] = SINK_REWRITES): string {
  const path = id.replaceAll('\\', '/').split('?')[0]!;
  let out = code;
  for (const rewrite of rewrites.filter((r) => r.module.test(path))) {
    const matches = out.match(new RegExp(rewrite.find.source, 'g'))?.length ?? 0;
    if (matches !== 1)
      throw new Error(
        `no-html-sinks: ${rewrite.find} matched ${matches} times in ${path} (expected once): ${rewrite.why}. ` +
          'Has the library changed? Look at the statement again before adjusting the rewrite.',
      );
    out = out.replace(rewrite.find, rewrite.replace);
  }
  return out;
}

export function noHtmlSinks(): Plugin {
  return {
    name: 'no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      if (!SINK_REWRITES.some((r) => r.module.test(id.replaceAll('\\', '/').split('?')[0]!))) return null;
      return { code: rewriteSinks(id, code), map: null };
    },
  };
}
