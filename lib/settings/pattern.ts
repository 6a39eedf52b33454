// The administrator's redaction patterns run over text any web page controls: its title, up
// to 4,000 selected characters, its address. A pattern that backtracks catastrophically would
// let a page freeze the extension, so such a pattern is refused when the policy is read: by
// its shape (a repeat inside a repeat), then by timing it on long probe texts.

/** As redaction runs them (lib/capture/context.ts): every match, Unicode-aware. */
const FLAGS = 'gu';
/** The longest page text a pattern meets: a selection is cut to 4,000 characters. */
const PROBE_LENGTH = 4000;
/** One pass over a probe text slower than this is what a page could use to freeze us. */
const SLOW_MS = 50;
/** All probes of one pattern together; a slower pattern is refused rather than waited for. */
const PROBE_BUDGET_MS = 1000;

// Probing a pattern takes up to tens of milliseconds and the policy is read for most
// messages, so verdicts are kept while the worker lives. Only a cache: losing it costs time.
const verdicts = new Map<string, PatternProblem | undefined>();

/** Why a pattern is refused: a problem code (the words are in the locale file) and what it names. */
export interface PatternProblem {
  code: 'pattern-invalid' | 'pattern-nested' | 'pattern-slow' | 'pattern-budget';
  vars?: Record<string, string | number>;
}

export type PatternVerdict = 'invalid' | 'nested-quantifier' | 'slow';

/** Why a pattern is refused, as a kind (capture reports it); undefined for a pattern safe to run. */
export function patternVerdict(source: string): PatternVerdict | undefined {
  const problem = patternProblem(source);
  if (!problem) return undefined;
  return problem.code === 'pattern-invalid' ? 'invalid' : problem.code === 'pattern-nested' ? 'nested-quantifier' : 'slow';
}

/** Why a pattern is refused; undefined for a pattern safe to run. */
export function patternProblem(source: string): PatternProblem | undefined {
  if (verdicts.has(source)) return verdicts.get(source);
  if (verdicts.size >= 256) verdicts.clear();
  const verdict = judge(source);
  verdicts.set(source, verdict);
  return verdict;
}

function judge(source: string): PatternProblem | undefined {
  let re: RegExp;
  try {
    re = new RegExp(source, FLAGS);
  } catch (err) {
    return { code: 'pattern-invalid', vars: { detail: err instanceof Error ? err.message : String(err) } };
  }
  if (nestedRepeat(source)) return { code: 'pattern-nested' };
  return probe(re, source);
}

interface Quantifier {
  min: number;
  max: number;
  /** Characters it takes in the source, a lazy `?` included. */
  length: number;
}

function quantifierAt(source: string, i: number): Quantifier | undefined {
  const c = source[i];
  let q: Quantifier | undefined;
  if (c === '*') q = { min: 0, max: Infinity, length: 1 };
  else if (c === '+') q = { min: 1, max: Infinity, length: 1 };
  else if (c === '?') q = { min: 0, max: 1, length: 1 };
  else if (c === '{') {
    const braces = /\{(\d+)(,(\d*))?\}/y;
    braces.lastIndex = i;
    const m = braces.exec(source);
    if (!m) return undefined;
    const min = Number(m[1]);
    q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity, length: m[0].length };
  }
  if (q && source[i + q.length] === '?') q.length++;
  return q;
}

/** A quantifier that lets the engine choose how many times: the source of ambiguity. */
const repeats = (q: Quantifier) => q.max > 1 && q.max !== q.min;

/** Whether a group that repeats holds something that repeats: `(a+)+`, `(?:\w*\s)*`, `((x{1,3})y)+`. */
export function nestedRepeat(source: string): boolean {
  // Per open group: whether anything inside it repeats.
  const open: boolean[] = [];
  // When the atom just read is a group: whether its inside repeats.
  let group: boolean | undefined;
  for (let i = 0; i < source.length; i++) {
    const q = quantifierAt(source, i);
    if (q) {
      if (repeats(q)) {
        if (group) return true;
        if (open.length > 0) open[open.length - 1] = true;
      }
      i += q.length - 1;
      group = undefined;
      continue;
    }
    group = undefined;
    const c = source[i];
    if (c === '\\') i = escapeEnd(source, i);
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') {
      open.push(false);
      i = groupPrefixEnd(source, i);
    } else if (c === ')') {
      group = open.pop() ?? false;
      if (group && open.length > 0) open[open.length - 1] = true;
    }
  }
  return false;
}

/** The index of an escape's last character: `\d`, `\u{1F600}`, `\p{L}`, `\k<name>`. */
function escapeEnd(source: string, i: number): number {
  const kind = source[i + 1];
  const bracket = source[i + 2];
  if ((kind === 'u' || kind === 'p' || kind === 'P') && bracket === '{') return closing(source, i + 2, '}');
  if (kind === 'k' && bracket === '<') return closing(source, i + 2, '>');
  return i + 1;
}

/** The index of a character class's `]`: inside it, quantifier characters are literal. */
function classEnd(source: string, i: number): number {
  let j = source[i + 1] === '^' ? i + 2 : i + 1;
  for (; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j;
  }
  return source.length;
}

/** Past `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`, whose `?` is no quantifier. */
function groupPrefixEnd(source: string, i: number): number {
  if (source[i + 1] !== '?') return i;
  const c = source[i + 2];
  if (c !== '<') return i + 2;
  const d = source[i + 3];
  return d === '=' || d === '!' ? i + 3 : closing(source, i + 3, '>');
}

function closing(source: string, from: number, c: string): number {
  const at = source.indexOf(c, from);
  return at < 0 ? source.length : at;
}

/**
 * Times the pattern over runs of the characters it is about (its own letters and digits, its
 * literal words, common page characters), each run ended by a character that breaks the
 * match, which is what makes an ambiguous pattern try every way. Runs grow one repetition at
 * a time while short, where exponential patterns blow up; then each run is as long as a
 * pattern of degree four could take without passing the limit, so no probe overshoots far,
 * up to the longest page text.
 */
function probe(re: RegExp, source: string): PatternProblem | undefined {
  const deadline = performance.now() + PROBE_BUDGET_MS;
  const end = ['!', '\u0001'].find((c) => !source.includes(c)) ?? '\u0002';
  for (const pump of pumps(source)) {
    let n = 1;
    for (;;) {
      const text = pump.repeat(n) + end;
      const ms = timed(re, text);
      // Twice before refusing: one slow pass may be the garbage collector, not the pattern.
      if (ms > SLOW_MS && timed(re, text) > SLOW_MS) return { code: 'pattern-slow', vars: { ms: SLOW_MS, length: text.length } };
      if (performance.now() > deadline) return { code: 'pattern-budget', vars: { ms: PROBE_BUDGET_MS } };
      // Done when even a pattern of degree four would stay under the limit at full length.
      if (text.length > PROBE_LENGTH || (n >= 64 && Math.max(ms, 0.05) * (PROBE_LENGTH / text.length) ** 4 < SLOW_MS)) break;
      const growth = n < 64 ? 1 : Math.min(1.5, (SLOW_MS / Math.max(ms, 0.05)) ** 0.25);
      n = Math.max(n + 1, Math.min(Math.floor(n * growth), Math.ceil(PROBE_LENGTH / pump.length)));
    }
  }
  return undefined;
}

function timed(re: RegExp, text: string): number {
  const start = performance.now();
  text.replace(re, '');
  return performance.now() - start;
}

function pumps(source: string): string[] {
  const own = source.replace(/\\[a-zA-Z]|[\\^$.|?*+()[\]{}]/g, '');
  const words = own.match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const chars = [...new Set(own)].slice(0, 16);
  return [...new Set(['a', 'A', '0', ' ', '-', '.', '_', ...chars, ...words.slice(0, 4)])];
}
