/**
 * EventBridge event-pattern matching for the local cloud.
 *
 * Semantics follow the AWS EventBridge User Guide pages "Amazon EventBridge event patterns",
 * "Content filtering in Amazon EventBridge event patterns" and "Comparison operators for use in
 * event patterns", and, where the guide is silent, aws/event-ruler (the matching engine behind
 * EventBridge), whose rule compiler is also the model for the validation messages.
 *
 * A pattern is compiled (and thereby validated) before matching, so a malformed pattern throws
 * instead of silently matching nothing.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type EventPattern = Record<string, unknown>;

/** Throws an Error naming the offending path when `pattern` is not a valid EventBridge pattern. */
export function validateEventPattern(pattern: unknown): void {
  compileObject(pattern, '', false);
}

/**
 * True when `event` (a parsed JSON value) matches `pattern`.
 * Throws like {@link validateEventPattern} when the pattern is malformed.
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(compileObject(pattern, '', false), event);
}

type Leaf = string | number | boolean | null;
type LeafTest = (value: Leaf) => boolean;
type Matcher = { kind: 'exists'; present: boolean } | { kind: 'test'; test: LeafTest };
type Condition =
  | { kind: 'object'; key: string; conditions: Condition[] }
  | { kind: 'leaf'; key: string; matchers: Matcher[] }
  | { kind: 'or'; branches: Condition[][] };

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

/** event-ruler represents numbers with 6 decimals in this range; numeric matching ignores values outside it. */
const NUMERIC_LIMIT = 5e9;

// ---------------------------------------------------------------------------------------------
// Matching

function matchObject(conditions: Condition[], value: unknown): boolean {
  // An array of objects matches when a single element satisfies the whole sub-pattern
  // (event-ruler's array-consistent matching); an empty array counts as an absent value.
  if (Array.isArray(value)) {
    return value.length === 0
      ? matchObject(conditions, undefined)
      : value.some((element) => matchObject(conditions, element));
  }
  return conditions.every((condition) => {
    if (condition.kind === 'or') return condition.branches.some((branch) => matchObject(branch, value));
    // A missing or non-object parent is not an error: its fields are simply absent, which
    // `exists: false` further down still matches.
    const child = isRecord(value) && Object.hasOwn(value, condition.key) ? value[condition.key] : undefined;
    return condition.kind === 'leaf' ? matchLeaf(condition.matchers, child) : matchObject(condition.conditions, child);
  });
}

function matchLeaf(matchers: Matcher[], value: unknown): boolean {
  const leaves = leafValues(value);
  return matchers.some((matcher) =>
    matcher.kind === 'exists' ? leaves.length > 0 === matcher.present : leaves.some(matcher.test),
  );
}

/** The scalar values at a field; an event array matches if any element matches. */
function leafValues(value: unknown): Leaf[] {
  if (Array.isArray(value)) return value.flatMap(leafValues);
  // Objects are intermediate nodes, not leaves: `exists` and all value operators ignore them.
  return isLeaf(value) ? [value] : [];
}

// ---------------------------------------------------------------------------------------------
// Compilation / validation

function compileObject(pattern: unknown, path: string, insideOr: boolean): Condition[] {
  if (!isRecord(pattern)) fail(path, 'must be an object');
  const entries = Object.entries(pattern);
  if (entries.length === 0) fail(path, 'empty objects are not allowed');
  return entries.map(([key, value]): Condition => {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) fail(at, '$or must be an array of at least two sub-patterns');
      return { kind: 'or', branches: value.map((branch, i) => compileObject(branch, `${at}[${i}]`, true)) };
    }
    // Inside $or an operator name as a field is almost certainly a misplaced matcher; AWS rejects it.
    if (insideOr && OPERATORS.has(key)) fail(at, `"${key}" is an operator and cannot be a field name inside $or`);
    if (Array.isArray(value)) return { kind: 'leaf', key, matchers: compileLeaf(value, at) };
    if (isRecord(value)) return { kind: 'object', key, conditions: compileObject(value, at, insideOr) };
    return fail(at, 'must be an object or an array of match values');
  });
}

function compileLeaf(values: unknown[], path: string): Matcher[] {
  if (values.length === 0) fail(path, 'empty arrays are not allowed');
  return values.map((value, i) => {
    const at = `${path}[${i}]`;
    if (isLeaf(value)) return { kind: 'test', test: equalTo(value) };
    if (isRecord(value)) return compileOperator(value, at);
    return fail(at, 'match values must be strings, numbers, booleans, null or operator objects');
  });
}

function compileOperator(expression: Record<string, unknown>, path: string): Matcher {
  const [operator, ...extra] = Object.keys(expression);
  if (operator === undefined || extra.length > 0) fail(path, 'an operator object must have exactly one key');
  const argument = expression[operator];
  const at = `${path}.${operator}`;
  switch (operator) {
    case 'prefix':
      return { kind: 'test', test: compileAffix(argument, at, (v, p) => v.startsWith(p)) };
    case 'suffix':
      return { kind: 'test', test: compileAffix(argument, at, (v, s) => v.endsWith(s)) };
    case 'equals-ignore-case':
      return { kind: 'test', test: equalsIgnoringCase(requireString(argument, at)) };
    case 'wildcard':
      return { kind: 'test', test: compileWildcard(requireString(argument, at), at) };
    case 'anything-but': {
      const excluded = compileAnythingBut(argument, at);
      // Still needs a value: matchLeaf never runs a test against an absent field.
      return { kind: 'test', test: (v) => !excluded(v) };
    }
    case 'numeric':
      return { kind: 'test', test: compileNumeric(argument, at) };
    case 'exists':
      if (typeof argument !== 'boolean') fail(at, 'must be true or false');
      return { kind: 'exists', present: argument };
    case 'cidr':
      return { kind: 'test', test: compileCidr(argument, at) };
    default:
      fail(path, `unknown operator "${operator}"`);
  }
}

/** `prefix` / `suffix`: a string, or `{ "equals-ignore-case": string }`. */
function compileAffix(argument: unknown, path: string, check: (value: string, affix: string) => boolean): LeafTest {
  if (isRecord(argument)) {
    const [inner, ...extra] = Object.keys(argument);
    if (inner !== 'equals-ignore-case' || extra.length > 0) {
      fail(path, 'must be a string or { "equals-ignore-case": string }');
    }
    const affix = fold(requireString(argument[inner], `${path}.${inner}`));
    return stringTest((v) => check(fold(v), affix));
  }
  const affix = requireString(argument, path);
  return stringTest((v) => check(v, affix));
}

/** Returns the test for the *excluded* values. */
function compileAnythingBut(argument: unknown, path: string): LeafTest {
  if (typeof argument === 'string') return equalTo(argument);
  if (typeof argument === 'number') return equalTo(numericOperand(argument, path));
  if (Array.isArray(argument)) {
    const allStrings = argument.every((v) => typeof v === 'string');
    const allNumbers = argument.every((v) => typeof v === 'number');
    if (argument.length === 0 || !(allStrings || allNumbers)) {
      fail(path, 'a list must be non-empty and contain only strings or only numbers');
    }
    const tests = argument.map((v, i) => equalTo(allNumbers ? numericOperand(v, `${path}[${i}]`) : (v as string)));
    return (value) => tests.some((test) => test(value));
  }
  if (!isRecord(argument)) fail(path, 'must be a string, a number, a list, or an operator object');
  const [inner, ...extra] = Object.keys(argument);
  if (inner === undefined || extra.length > 0) fail(path, 'an operator object must have exactly one key');
  const form = ANYTHING_BUT_FORMS[inner];
  if (form === undefined) fail(path, `unsupported anything-but operator "${inner}"`);
  // Each nested form takes one string or a list of strings.
  const raw = argument[inner];
  const at = `${path}.${inner}`;
  const operands = Array.isArray(raw) ? raw : [raw];
  if (operands.length === 0) fail(at, 'empty arrays are not allowed');
  const tests = operands.map((operand, i) => {
    const operandPath = Array.isArray(raw) ? `${at}[${i}]` : at;
    const text = requireString(operand, operandPath);
    if (text === '' && (inner === 'prefix' || inner === 'suffix'))
      fail(operandPath, `an empty ${inner} is not allowed here`);
    return form(text, operandPath);
  });
  return (value) => tests.some((test) => test(value));
}

const ANYTHING_BUT_FORMS: Record<string, (operand: string, path: string) => LeafTest> = {
  prefix: (prefix) => stringTest((v) => v.startsWith(prefix)),
  suffix: (suffix) => stringTest((v) => v.endsWith(suffix)),
  'equals-ignore-case': equalsIgnoringCase,
  wildcard: compileWildcard,
};

const COMPARISONS: Record<string, (value: number, operand: number) => boolean> = {
  '=': (v, n) => v === n,
  '<': (v, n) => v < n,
  '<=': (v, n) => v <= n,
  '>': (v, n) => v > n,
  '>=': (v, n) => v >= n,
};

/** `[op, n]`, or a range `[">" | ">=", low, "<" | "<=", high]` — the lower bound comes first. */
function compileNumeric(argument: unknown, path: string): LeafTest {
  if (!Array.isArray(argument) || (argument.length !== 2 && argument.length !== 4)) {
    fail(path, 'must be [operator, number] or [">" | ">=", low, "<" | "<=", high]');
  }
  const terms = [0, 2]
    .filter((i) => i < argument.length)
    .map((i) => {
      const operator = argument[i];
      const compare = typeof operator === 'string' ? COMPARISONS[operator] : undefined;
      if (compare === undefined) fail(`${path}[${i}]`, `unknown numeric operator ${JSON.stringify(operator)}`);
      return { operator: operator as string, operand: numericOperand(argument[i + 1], `${path}[${i + 1}]`), compare };
    });
  const [low, high] = terms;
  if (high !== undefined && low !== undefined) {
    if (!['>', '>='].includes(low.operator) || !['<', '<='].includes(high.operator)) {
      fail(path, 'a range must be a lower bound (">" or ">=") followed by an upper bound ("<" or "<=")');
    }
    if (low.operand >= high.operand) fail(path, 'the lower bound must be less than the upper bound');
  }
  return (value) =>
    typeof value === 'number' &&
    Math.abs(value) <= NUMERIC_LIMIT &&
    terms.every(({ compare, operand }) => compare(value, operand));
}

function numericOperand(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a number');
  if (Math.abs(value) > NUMERIC_LIMIT) fail(path, `must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`);
  return value;
}

/** `*` matches any run of characters (including none); `\*` and `\\` are a literal star and backslash. */
function compileWildcard(pattern: string, path: string): LeafTest {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*') {
      if (pattern.charAt(i + 1) === '*') fail(path, `consecutive wildcard characters at position ${i + 1}`);
      source += '[\\s\\S]*';
    } else if (char === '\\') {
      const escaped = pattern.charAt(++i);
      if (escaped !== '*' && escaped !== '\\') fail(path, `a backslash may only escape "*" or "\\" (position ${i})`);
      source += `\\${escaped}`;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  const regex = new RegExp(`^${source}$`);
  return stringTest((v) => regex.test(v));
}

function compileCidr(argument: unknown, path: string): LeafTest {
  const cidr = requireString(argument, path);
  const [address = '', bits, ...rest] = cidr.split('/');
  const network = parseIp(address);
  if (network === undefined || bits === undefined || rest.length > 0 || !/^\d+$/.test(bits)) {
    fail(path, `"${cidr}" is not an IPv4 or IPv6 CIDR block like "10.0.0.0/24"`);
  }
  const width = network.family === 4 ? 32 : 128;
  const prefixLength = Number(bits);
  // event-ruler caps the mask at 31 / 127 bits; a single address is matched with a plain string.
  if (prefixLength >= width) fail(path, `the prefix length must be below ${width}`);
  const shift = BigInt(width - prefixLength);
  if ((network.value >> shift) << shift !== network.value) {
    fail(path, `"${cidr}" has host bits set after the /${prefixLength} prefix`);
  }
  return stringTest((v) => {
    const ip = parseIp(v);
    return ip !== undefined && ip.family === network.family && ip.value >> shift === network.value >> shift;
  });
}

function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  const ipv4 = (s: string) => s.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
  if (isIPv4(text)) return { family: 4, value: ipv4(text) };
  if (!isIPv6(text) || text.includes('%')) return undefined;
  // A dotted IPv4 tail (e.g. ::ffff:10.0.0.1) stands for the last two 16-bit groups.
  const tailStart = text.lastIndexOf(':') + 1;
  const tail = text.slice(tailStart);
  const normalized = tail.includes('.')
    ? `${text.slice(0, tailStart)}${(ipv4(tail) >> 16n).toString(16)}:${(ipv4(tail) & 0xffffn).toString(16)}`
    : text;
  const [head = '', rest] = normalized.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all =
    rest === undefined
      ? groups(head)
      : [...groups(head), ...Array<string>(8 - groups(head).length - groups(rest).length).fill('0'), ...groups(rest)];
  return { family: 6, value: all.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n) };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Exact match. Numbers compare numerically (event-ruler adds a numeric-equality matcher for
 * numeric literals, and JSON.parse has already turned 300.0 and 3.0e2 into 300).
 */
function equalTo(expected: Leaf): LeafTest {
  return (value) => value === expected;
}

function equalsIgnoringCase(expected: string): LeafTest {
  return stringTest((v) => fold(v) === fold(expected));
}

/** String operators never match numbers, booleans or null. */
function stringTest(test: (value: string) => boolean): LeafTest {
  return (value) => typeof value === 'string' && test(value);
}

function fold(value: string): string {
  return value.toLowerCase();
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function fail(path: string, message: string): never {
  throw new Error(path ? `Invalid event pattern at ${path}: ${message}` : `Invalid event pattern: ${message}`);
}
