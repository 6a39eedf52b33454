// A small schema language: each node both checks a value (naming every problem by its path)
// and describes itself in the JSON Schema subset Chrome reads for managed storage, so the
// validator and public/managed_schema.json come from one definition and cannot disagree.
// Checks read only own properties and build records without a prototype: no key name, not
// even `__proto__` or `hasOwnProperty`, can throw or change an object's prototype.

/**
 * What is wrong, as a code: the words are in lib/i18n's locale file (`config.problem.*`, with
 * `vars` filled in), where the options page finds them; this layer holds none.
 */
export type ConfigProblemCode =
  | 'text'
  | 'flag'
  | 'one-of'
  | 'between'
  | 'number'
  | 'list'
  | 'object'
  | 'name'
  | 'unknown-key'
  | 'required'
  | 'insecure'
  | 'url'
  | 'scheme'
  | 'sign-in'
  | 'synonyms'
  | 'json'
  | 'pattern-invalid'
  | 'pattern-nested'
  | 'pattern-slow'
  | 'pattern-budget';

export type ProblemVars = Record<string, string | number>;

export interface ConfigProblem {
  /** Where, as a path: `rules[2].url`. */
  key: string;
  code: ConfigProblemCode;
  /** What the message names: the value found, the values allowed, … */
  vars?: ProblemVars;
}

/** What Chrome accepts in a managed_schema (components/policy/core/common/schema.cc). */
export type ChromeSchema =
  | { type: 'string'; enum?: string[] }
  | { type: 'boolean' }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'number' }
  | { type: 'array'; items: ChromeSchema }
  | { type: 'object'; properties?: Record<string, ChromeSchema>; additionalProperties?: ChromeSchema; required?: string[] };

export interface Node<T> {
  schema: ChromeSchema;
  /** The value as it applies, or undefined with at least one problem pushed. */
  check(value: unknown, path: string, problems: ConfigProblem[]): T | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text as quoted in a problem, cut so that a message stays readable. */
export function quote(s: string): string {
  const json = JSON.stringify(s);
  return json.length > 80 ? `${json.slice(0, 78)}…"` : json;
}

/** A value as a problem quotes it, in JSON's notation (no words: the message has them). */
function describe(v: unknown): string {
  if (Array.isArray(v)) return '[…]';
  if (v === null) return 'null';
  if (typeof v === 'object') return '{…}';
  return typeof v === 'string' ? quote(v) : String(v);
}

export function fail(problems: ConfigProblem[], key: string, code: ConfigProblemCode, vars?: ProblemVars): undefined {
  problems.push(vars ? { key, code, vars } : { key, code });
  return undefined;
}

export const text: Node<string> = {
  schema: { type: 'string' },
  check: (v, path, problems) => (typeof v === 'string' && v.trim() ? v.trim() : fail(problems, path, 'text', { value: describe(v) })),
};

export const flag: Node<boolean> = {
  schema: { type: 'boolean' },
  check: (v, path, problems) => (typeof v === 'boolean' ? v : fail(problems, path, 'flag', { value: describe(v) })),
};

export function oneOf<T extends string>(values: readonly T[]): Node<T> {
  const allowed = values.map((v) => JSON.stringify(v)).join(', ');
  return {
    schema: { type: 'string', enum: [...values] },
    check: (v, path, problems) => ((values as readonly unknown[]).includes(v) ? (v as T) : fail(problems, path, 'one-of', { allowed, value: describe(v) })),
  };
}

export function between(minimum: number, maximum: number): Node<number> {
  return {
    schema: { type: 'integer', minimum, maximum },
    check: (v, path, problems) =>
      typeof v === 'number' && Number.isInteger(v) && v >= minimum && v <= maximum ? v : fail(problems, path, 'between', { min: minimum, max: maximum, value: describe(v) }),
  };
}

/** Any finite number (a learned weight). */
export const decimal: Node<number> = {
  schema: { type: 'number' },
  check: (v, path, problems) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(problems, path, 'number', { value: describe(v) })),
};

/** The same node with a further check Chrome's schema cannot express (an address, a pattern). */
export function refine<T, U = T>(node: Node<T>, more: (value: T, path: string, problems: ConfigProblem[]) => U | undefined): Node<U> {
  return {
    schema: node.schema,
    check: (v, path, problems) => {
      const ok = node.check(v, path, problems);
      return ok === undefined ? undefined : more(ok, path, problems);
    },
  };
}

/** A list; a bad item is reported and left out, the others kept. */
export function list<T>(item: Node<T>): Node<T[]> {
  return {
    schema: { type: 'array', items: item.schema },
    check: (v, path, problems) => {
      if (!Array.isArray(v)) return fail(problems, path, 'list', { value: describe(v) });
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) {
        const ok = item.check(v[i], `${path}[${i}]`, problems);
        if (ok !== undefined) out.push(ok);
      }
      return out;
    },
  };
}

/**
 * Names chosen by the administrator (departments, fields) → values. The result has no
 * prototype; `__proto__` is refused, since copying it into an ordinary object would set
 * that object's prototype.
 */
export function record<T>(item: Node<T>): Node<Record<string, T>> {
  return {
    schema: { type: 'object', additionalProperties: item.schema },
    check: (v, path, problems) => {
      if (!isObject(v)) return fail(problems, path, 'object', { value: describe(v) });
      const out = Object.create(null) as Record<string, T>;
      for (const k of Object.keys(v)) {
        const at = `${path}.${k}`;
        if (k === '__proto__') {
          fail(problems, at, 'name');
          continue;
        }
        const ok = item.check(v[k], at, problems);
        if (ok !== undefined) out[k] = ok;
      }
      return out;
    },
  };
}

/** An object with known keys; an unknown or bad key is reported and left out, the rest kept. */
export function shape<T extends object>(fields: { [K in keyof T]-?: Node<NonNullable<T[K]>> }, required: readonly (keyof T & string)[] = []): Node<T> {
  const nodes = fields as Record<string, Node<unknown>>;
  const names = Object.keys(nodes);
  const known = names.join(', ');
  const properties: Record<string, ChromeSchema> = {};
  for (const name of names) properties[name] = (nodes[name] as Node<unknown>).schema;
  return {
    schema: { type: 'object', properties, ...(required.length > 0 ? { required: [...required] } : {}) },
    check: (v, path, problems) => {
      if (!isObject(v)) return fail(problems, path, 'object', { value: describe(v) });
      const out: Record<string, unknown> = {};
      // Keys already reported, so a bad required key is not also called missing.
      let reported: Set<string> | undefined;
      for (const k of Object.keys(v)) {
        const at = path ? `${path}.${k}` : k;
        if (!Object.hasOwn(nodes, k)) {
          fail(problems, at, 'unknown-key', { known });
          continue;
        }
        const ok = (nodes[k] as Node<unknown>).check(v[k], at, problems);
        if (ok === undefined) (reported ??= new Set()).add(k);
        else out[k] = ok;
      }
      let complete = true;
      for (const k of required) {
        if (Object.hasOwn(out, k)) continue;
        complete = false;
        if (!reported?.has(k)) fail(problems, path ? `${path}.${k}` : k, 'required');
      }
      return complete ? (out as T) : undefined;
    },
  };
}
