/**
 * The DOM's ways of parsing a string as HTML. Pages render what people typed (names, reasons, messages) as text:
 * Preact escapes every text child and attribute, so HTML can only come from one of these.
 */
export const HTML_SINKS: readonly [string, RegExp][] = [
  // In any case and inside a longer name too (a prop named after innerHTML is a way to it).
  ['innerHTML / outerHTML', /(inner|outer)html/i],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\s*\(/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /\bsrcdoc\b/i],
];

/** The names of the sinks found in a text. */
export const sinksIn = (text: string, sinks: readonly [string, RegExp][] = HTML_SINKS): string[] =>
  sinks.flatMap(([what, pattern]) => (pattern.test(text) ? [what] : []));
