// The catalog configuration: one schema for what an administrator sets through managed policy
// and what a user sets in the options page, and for Chrome's managed_schema.json. Validation is
// key by key: a bad key is reported by its path and dropped, and everything else still applies.
import { DESK_KIND_NAMES, DESK_KINDS, type DeskKind, type SignInMode } from '../domain/desk';
import { parseBaseUrl, TIMEOUT_RANGE_S } from './desk';
import { patternProblem } from './pattern';
import { between, decimal, fail, flag, list, oneOf, record, refine, quote, shape, text, type ChromeSchema, type ConfigProblem } from './schema';

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
  kind: DeskKind;
  url: string;
  name?: string;
  /** One the kind accepts; when unset, the employee's choice or else the kind's first (effectiveDesks). */
  signIn?: SignInMode;
  timeoutSeconds?: number;
  /** Zendesk OAuth: the client the administrator registered. */
  oauthClientId?: string;
}

export interface CaptureSettings {
  screenshot?: boolean;
  selection?: boolean;
  /** The browser's name, system, language and window size. */
  browser?: boolean;
  /** Extra patterns (regular expressions) whose matches are blacked out in captured text. */
  redact?: string[];
}

export interface NotificationPolicy {
  enabled?: boolean;
  intervalMin?: number;
}

/** "How did we do?" after a request is done. */
export interface RatingPolicy {
  /** false: no rating is asked for. */
  enabled?: boolean;
  /** The question as the company words it (default: "How did we do?"). */
  question?: string;
  /** Request Tracker: the ticket custom field that takes the score ("1" to "5"); unset, the rating goes as a reply. */
  rtField?: string;
  /** Request Tracker: the ticket custom field that takes the comment (with `rtField`). */
  rtCommentField?: string;
}

/**
 * A routing model learned from the desk's past requests (`npm run learn-routing`): per
 * department and form, the words that tell it apart, with their weights. The same shape as
 * lib/catalog/routing's RoutingModel.
 */
export interface LearnedRouting {
  version: number;
  source?: string;
  built?: string;
  labels: { department: string; form?: string; requests: number; terms: Record<string, number> }[];
}

/** What the popup captured, as an administrator names it in `fieldMap`. */
export const CAPTURED_ITEMS = ['url', 'title', 'selection', 'link', 'image', 'browser'] as const;
export type CapturedItem = (typeof CAPTURED_ITEMS)[number];

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
  rating?: RatingPolicy;
  /** A learned routing model for every employee (see LearnedRouting). */
  routingModel?: LearnedRouting;
  /** Form (or department) name → field label or id → the captured item that fills it, e.g. `{"Facilities": {"Page URL": "url"}}`. */
  fieldMap?: Record<string, Record<string, CapturedItem>>;
}

export type ConfigKey = keyof CatalogConfig;
export const CONFIG_KEYS: readonly ConfigKey[] = ['desks', 'departments', 'forms', 'order', 'synonyms', 'rules', 'reportRoute', 'capture', 'notifications', 'routingModel', 'fieldMap', 'rating'];

export type { ConfigProblem, ConfigProblemCode } from './schema';

/** A web address, kept as parsed: what was checked is what is used. */
const url = refine(text, (s, path, problems) => {
  const parsed = parseBaseUrl(s);
  if (parsed.problem === 'insecure') return fail(problems, path, 'insecure');
  if (!parsed.url) return fail(problems, path, 'url', { value: quote(s) });
  return parsed.url.href;
});

const glob = refine(text, (s, path, problems) =>
  /^(\*|https?|[a-z][a-z0-9+.-]*):\/\//i.test(s) ? s : fail(problems, path, 'scheme', { value: quote(s) }),
);

const pattern = refine(text, (s, path, problems) => {
  const problem = patternProblem(s);
  return problem ? fail(problems, path, problem.code, problem.vars) : s;
});

const words = list(text);

const card = shape<DepartmentCard>({ helpsWith: text, hours: text, firstResponse: text, resolution: text, portal: url, keywords: words });

const formSettings = shape<FormSettings>({ keywords: words, hidden: flag, defaults: record(text) });

const rule = shape<RoutingRule>({ url: glob, department: text, form: text, fields: record(text) }, ['url', 'department']);

const route = shape<RouteRef>({ department: text, form: text }, ['department']);

const SIGN_IN_MODES = [...new Set(DESK_KIND_NAMES.flatMap((k) => DESK_KINDS[k].signIn))];

/** The kind decides the sign-in modes: one it does not accept is reported and dropped. */
const desk = refine(
  shape<ManagedDesk>(
    { kind: oneOf(DESK_KIND_NAMES), url, name: text, signIn: oneOf(SIGN_IN_MODES), timeoutSeconds: between(TIMEOUT_RANGE_S.min, TIMEOUT_RANGE_S.max), oauthClientId: text },
    ['kind', 'url'],
  ),
  (d, path, problems): ManagedDesk => {
    const accepted = DESK_KINDS[d.kind].signIn;
    if (d.signIn === undefined || accepted.includes(d.signIn)) return d;
    fail(problems, `${path}.signIn`, 'sign-in', { accepted: accepted.map((m) => JSON.stringify(m)).join(', '), kind: d.kind, value: JSON.stringify(d.signIn) });
    const rest = { ...d };
    delete rest.signIn;
    return rest;
  },
);

const synonyms = list(refine(words, (group, path, problems) => (group.length >= 2 ? group : fail(problems, path, 'synonyms'))));

const learned = shape<LearnedRouting>(
  {
    version: between(1, 1),
    source: text,
    built: text,
    labels: list(shape({ department: text, form: text, requests: between(0, 1_000_000_000), terms: record(decimal) }, ['department', 'requests', 'terms'])),
  },
  ['version', 'labels'],
);

const config = shape<CatalogConfig>({
  desks: list(desk),
  departments: record(card),
  forms: record(formSettings),
  order: words,
  synonyms,
  rules: list(rule),
  reportRoute: route,
  capture: shape<CaptureSettings>({ screenshot: flag, selection: flag, browser: flag, redact: list(pattern) }),
  notifications: shape<NotificationPolicy>({ enabled: flag, intervalMin: between(1, 60) }),
  routingModel: learned,
  fieldMap: record(record(oneOf(CAPTURED_ITEMS))),
  rating: shape<RatingPolicy>({ enabled: flag, question: text, rtField: text, rtCommentField: text }),
});

/** What Chrome checks managed policy against: public/managed_schema.json, generated from this (tests/unit/settings/schema.test.ts). */
export const MANAGED_SCHEMA: ChromeSchema = config.schema;

/** Validates a configuration; whatever is bad is named in `problems` and left out of `config`. */
export function validateConfig(raw: unknown): { config: CatalogConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  if (raw === undefined || raw === null) return { config: {}, problems };
  const out = config.check(raw, '', problems) ?? {};
  return { config: out, problems };
}

/** The user's configuration as typed in the options page (JSON text). */
export function parseConfigText(source: string): { config: CatalogConfig; problems: ConfigProblem[] } {
  if (!source.trim()) return { config: {}, problems: [] };
  try {
    return validateConfig(JSON.parse(source));
  } catch (err) {
    return { config: {}, problems: [{ key: '(file)', code: 'json', vars: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
}

/**
 * The options page's configuration text with a routing model file (from `npm run
 * learn-routing`) put in as its `routingModel`, or why it cannot be: the file is not a model,
 * or the text around it is not JSON to add to.
 */
export function withRoutingModel(configText: string, modelText: string): { text: string } | { problems: ConfigProblem[] } {
  let model: unknown;
  try {
    model = JSON.parse(modelText);
  } catch (err) {
    return { problems: [{ key: 'routingModel', code: 'json', vars: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
  const checked = validateConfig({ routingModel: model });
  if (checked.problems.length > 0 || !checked.config.routingModel) return { problems: checked.problems };
  return withConfigKey(configText, 'routingModel', checked.config.routingModel);
}

/**
 * The options page's configuration text with one key set to `value` (the rest as it was), or
 * why it cannot be: the text is not a JSON object to change.
 */
export function withConfigKey<K extends ConfigKey>(configText: string, key: K, value: CatalogConfig[K]): { text: string } | { problems: ConfigProblem[] } {
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = configText.trim() ? JSON.parse(configText) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problems: [{ key: '(file)', code: 'object', vars: { value: Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed) } }] };
    config = parsed as Record<string, unknown>;
  } catch (err) {
    return { problems: [{ key: '(file)', code: 'json', vars: { detail: err instanceof Error ? err.message : String(err) } }] };
  }
  return { text: JSON.stringify({ ...config, [key]: value }, null, 2) };
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
