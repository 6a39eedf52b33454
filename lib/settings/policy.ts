// The catalog configuration: one schema for what an administrator sets through managed policy
// and what a user sets in the options page. Validation is key by key: a bad key is reported by
// its path and dropped, and everything else still applies.
import { parseBaseUrl, TIMEOUT_RANGE_S } from './desk';

/** What a department tells requesters to expect. */
export interface DepartmentCard {
  helpsWith?: string;
  hours?: string;
  firstResponse?: string;
  resolution?: string;
  portal?: string;
  keywords?: string[];
}

export interface FormSettings {
  keywords?: string[];
  hidden?: boolean;
  /** Field label (or id) → value a new draft starts with. */
  defaults?: Record<string, string>;
}

/** A page address pattern → the department and form to propose, with values to prefill. */
export interface RoutingRule {
  /** A glob over the page address: `*` is any run of characters, e.g. `https://payroll.example.com/*`. */
  url: string;
  department: string;
  form?: string;
  fields?: Record<string, string>;
}

export interface RouteRef {
  department: string;
  form?: string;
}

export interface ManagedDesk {
  kind: 'rt';
  url: string;
  name?: string;
  signIn?: 'token' | 'session';
  timeoutSeconds?: number;
}

export interface CaptureSettings {
  screenshot?: boolean;
  selection?: boolean;
  /** Extra patterns (regular expressions) whose matches are blacked out in captured text. */
  redact?: string[];
}

export interface NotificationPolicy {
  enabled?: boolean;
  intervalMin?: number;
}

export interface CatalogConfig {
  desks?: ManagedDesk[];
  departments?: Record<string, DepartmentCard>;
  forms?: Record<string, FormSettings>;
  /** Department names, first shown first; the rest follow in the desk's order. */
  order?: string[];
  /** Groups of words that mean the same in search, e.g. ["laptop", "notebook", "computer"]. */
  synonyms?: string[][];
  rules?: RoutingRule[];
  reportRoute?: RouteRef;
  capture?: CaptureSettings;
  notifications?: NotificationPolicy;
}

export type ConfigKey = keyof CatalogConfig;
export const CONFIG_KEYS: readonly ConfigKey[] = ['desks', 'departments', 'forms', 'order', 'synonyms', 'rules', 'reportRoute', 'capture', 'notifications'];

export interface ConfigProblem {
  /** Where, as a path: `rules[2].url`. */
  key: string;
  message: string;
}

type Check<T> = (value: unknown, path: string, problems: ConfigProblem[]) => T | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);

function fail(problems: ConfigProblem[], key: string, message: string): undefined {
  problems.push({ key, message });
  return undefined;
}

const text: Check<string> = (v, path, problems) =>
  typeof v === 'string' && v.trim() ? v.trim() : fail(problems, path, `must be non-empty text, not ${describe(v)}`);

const flag: Check<boolean> = (v, path, problems) => (typeof v === 'boolean' ? v : fail(problems, path, `must be true or false, not ${describe(v)}`));

function list<T>(item: Check<T>): Check<T[]> {
  return (v, path, problems) => {
    if (!Array.isArray(v)) return fail(problems, path, `must be a list, not ${describe(v)}`);
    return v.flatMap((x, i) => {
      const ok = item(x, `${path}[${i}]`, problems);
      return ok === undefined ? [] : [ok];
    });
  };
}

function record<T>(item: Check<T>): Check<Record<string, T>> {
  return (v, path, problems) => {
    if (!isObject(v)) return fail(problems, path, `must be an object, not ${describe(v)}`);
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) {
      const ok = item(x, `${path}.${k}`, problems);
      if (ok !== undefined) out[k] = ok;
    }
    return out;
  };
}

/** An object with known keys; an unknown or bad key is reported and left out, the rest kept. */
function shape<T extends object>(fields: { [K in keyof T]-?: Check<T[K]> }, required: (keyof T)[] = []): Check<T> {
  return (v, path, problems) => {
    if (!isObject(v)) return fail(problems, path, `must be an object, not ${describe(v)}`);
    const out: Partial<T> = {};
    for (const [k, x] of Object.entries(v)) {
      const check = (fields as Record<string, Check<unknown>>)[k];
      const at = path ? `${path}.${k}` : k;
      if (!check) {
        const known = Object.keys(fields).join(', ');
        fail(problems, at, `is not a known key (known: ${known})`);
        continue;
      }
      const ok = check(x, at, problems);
      if (ok !== undefined) (out as Record<string, unknown>)[k] = ok;
    }
    const missing = required.filter((k) => out[k] === undefined);
    for (const k of missing) {
      const at = `${path}.${String(k)}`;
      if (!problems.some((p) => p.key === at)) fail(problems, at, 'is required');
    }
    if (missing.length > 0) return undefined;
    return out as T;
  };
}

const url: Check<string> = (v, path, problems) => {
  const s = text(v, path, problems);
  if (s === undefined) return undefined;
  const { problem } = parseBaseUrl(s);
  if (problem === 'insecure') return fail(problems, path, 'must use https:// (plain http only for this machine)');
  if (problem) return fail(problems, path, `is not a web address: "${s}"`);
  return s;
};

const glob: Check<string> = (v, path, problems) => {
  const s = text(v, path, problems);
  if (s === undefined) return undefined;
  if (!/^(\*|https?|[a-z][a-z0-9+.-]*):\/\//i.test(s)) return fail(problems, path, `must start with a scheme, e.g. "https://", not "${s}"`);
  return s;
};

const pattern: Check<string> = (v, path, problems) => {
  const s = text(v, path, problems);
  if (s === undefined) return undefined;
  try {
    new RegExp(s, 'u');
    return s;
  } catch (err) {
    return fail(problems, path, `is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`);
  }
};

const words = list(text);

const card = shape<DepartmentCard>({ helpsWith: text, hours: text, firstResponse: text, resolution: text, portal: url, keywords: words });

const formSettings = shape<FormSettings>({ keywords: words, hidden: flag, defaults: record(text) });

const rule = shape<RoutingRule>({ url: glob, department: text, form: text, fields: record(text) }, ['url', 'department']);

const route = shape<RouteRef>({ department: text, form: text }, ['department']);

const kind: Check<'rt'> = (v, path, problems) => (v === 'rt' ? 'rt' : fail(problems, path, `must be "rt" (Request Tracker), not ${describe(v)}`));

const signIn: Check<'token' | 'session'> = (v, path, problems) =>
  v === 'token' || v === 'session' ? v : fail(problems, path, `must be "token" or "session", not ${describe(v)}`);

function between(min: number, max: number): Check<number> {
  return (v, path, problems) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(problems, path, `must be a whole number from ${min} to ${max}, not ${describe(v)}`);
}

const desk = shape<ManagedDesk>({ kind, url, name: text, signIn, timeoutSeconds: between(TIMEOUT_RANGE_S.min, TIMEOUT_RANGE_S.max) }, ['kind', 'url']);

const synonyms: Check<string[][]> = list((v, path, problems) => {
  const group = words(v, path, problems);
  return group && group.length >= 2 ? group : group ? fail(problems, path, 'must list at least two words') : undefined;
});

const config = shape<CatalogConfig>({
  desks: list(desk),
  departments: record(card),
  forms: record(formSettings),
  order: words,
  synonyms,
  rules: list(rule),
  reportRoute: route,
  capture: shape<CaptureSettings>({ screenshot: flag, selection: flag, redact: list(pattern) }),
  notifications: shape<NotificationPolicy>({ enabled: flag, intervalMin: between(1, 60) }),
});

/** Validates a configuration; whatever is bad is named in `problems` and left out of `config`. */
export function validateConfig(raw: unknown): { config: CatalogConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  if (raw === undefined || raw === null) return { config: {}, problems };
  const out = config(raw, '', problems) ?? {};
  return { config: out, problems };
}

/** The user's configuration as typed in the options page (JSON text). */
export function parseConfigText(source: string): { config: CatalogConfig; problems: ConfigProblem[] } {
  if (!source.trim()) return { config: {}, problems: [] };
  try {
    return validateConfig(JSON.parse(source));
  } catch (err) {
    return { config: {}, problems: [{ key: '(file)', message: `is not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

export interface Layered {
  config: CatalogConfig;
  /** Keys the administrator set: shown locked, not editable in the options page. */
  locked: ConfigKey[];
  /** Problems in the managed policy, each ignored key by key. */
  policyProblems: ConfigProblem[];
  userProblems: ConfigProblem[];
}

export const DEFAULT_CONFIG: CatalogConfig = { capture: { screenshot: true, selection: true } };

/** managed > user > default, key by key. */
export function layer(managedRaw: unknown, userRaw: unknown, defaults: CatalogConfig = DEFAULT_CONFIG): Layered {
  const managed = validateConfig(managedRaw);
  const user = validateConfig(userRaw);
  const config: CatalogConfig = {};
  const locked: ConfigKey[] = [];
  for (const key of CONFIG_KEYS) {
    const value = managed.config[key] ?? user.config[key] ?? defaults[key];
    if (value !== undefined) (config as Record<string, unknown>)[key] = value;
    if (managed.config[key] !== undefined) locked.push(key);
  }
  return { config, locked, policyProblems: managed.problems, userProblems: user.problems };
}
