// One fetch wrapper for all desk traffic: timeouts, retries for reads, and every failure
// mapped to the DeskError taxonomy. Writes are never retried here: re-sending a create is
// only safe once the desk has been checked for it.
import { DeskFailure, deskError, sleep, type DeskError } from '../domain';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch: Fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told what the desk said of its rate limit on every answer that says it, so callers can slow down first. */
  onRateLimit?: (limit: RateLimit) => void;
}

/** What a desk says of its rate limit on an answer: how many requests are left until when. */
export interface RateLimit {
  remaining: number;
  /** The limit per window, when the desk says it. */
  limit?: number;
  /** When the window resets (epoch ms). */
  resetAt: number;
}

/** A file as the desks take it: multipart parts (JSM temporary files) or raw bytes (Zendesk uploads). */
export interface FilePart {
  name: string;
  type: string;
  /** base64, no data: prefix */
  data: string;
}

export type HttpBody =
  | { kind: 'multipart'; field: string; files: FilePart[] }
  | { kind: 'binary'; file: FilePart }
  | { kind: 'form'; values: Record<string, string> };

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  json?: unknown;
  /** A body that is not JSON; its content type is set here (multipart boundaries by the browser). */
  body?: HttpBody;
  credentials?: RequestCredentials;
  /** Extra attempts on retryable failures: reads 2 by default, writes never unless given (a search sent as POST). */
  retries?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * The longest Retry-After waited for here, inside one call. A desk asking for longer gets the
 * error back at once, carrying `retryAfterMs`, so the tracker or the outbox waits that long on
 * an alarm instead of holding a request (and a service worker) open.
 */
export const MAX_RETRY_AFTER_MS = 10_000;

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `X-RateLimit-Remaining` with `X-RateLimit-Reset` (Jira Cloud: an ISO time; others: epoch seconds,
 * or seconds to go when small), else the IETF draft's `RateLimit-Remaining` / `RateLimit-Reset`
 * (seconds to go) that Zendesk sends. Undefined when the answer says neither.
 */
export function readRateLimit(headers: Pick<Headers, 'get'>, now = Date.now()): RateLimit | undefined {
  const number = (v: string | null) => (v !== null && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined);
  const legacy = number(headers.get('x-ratelimit-remaining'));
  const remaining = legacy ?? number(headers.get('ratelimit-remaining'));
  if (remaining === undefined) return undefined;
  const reset = headers.get(legacy !== undefined ? 'x-ratelimit-reset' : 'ratelimit-reset');
  const seconds = number(reset);
  let resetAt: number | undefined;
  if (seconds !== undefined) resetAt = legacy !== undefined && seconds > 1e9 ? seconds * 1000 : now + seconds * 1000;
  else if (reset) resetAt = Date.parse(reset);
  if (resetAt === undefined || Number.isNaN(resetAt)) resetAt = now + 60_000; // a window is a minute at every desk we know
  const limit = number(headers.get(legacy !== undefined ? 'x-ratelimit-limit' : 'ratelimit-limit'));
  return { remaining, resetAt, ...(limit !== undefined ? { limit } : {}) };
}

/** A page with a password box is a sign-in page: the desk wants a login, not our request. */
export function looksLikeLoginPage(html: string): boolean {
  return /<input[^>]+type=["']?password/i.test(html) || /<form[^>]+(login|signin|sign-in|auth)/i.test(html);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The desk's own words from an error body: RT `{message}`, Jira `{errorMessage}` or
 * `{errorMessages, errors}`, Zendesk `{error, description, details: {field: [{description}]}}`.
 */
export function messageFrom(body: string): string | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const details = parsed.details && typeof parsed.details === 'object' ? Object.values(parsed.details as Record<string, unknown>) : [];
  const fromDetails = details.flatMap((list) => (Array.isArray(list) ? list.map((d) => text((d as { description?: unknown })?.description)) : [])).filter(Boolean);
  const errors = parsed.errors && typeof parsed.errors === 'object' ? Object.values(parsed.errors as Record<string, unknown>).map(text).filter(Boolean) : [];
  const list = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.map(text).filter(Boolean) : [];
  const error = typeof parsed.error === 'string' ? parsed.error : text((parsed.error as { message?: unknown } | undefined)?.message);
  const words = [text(parsed.message), text(parsed.errorMessage), ...list, ...errors, ...fromDetails, text(parsed.description) ?? error].filter(Boolean);
  return words.length ? [...new Set(words)].join(' ') : undefined;
}

function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The fetch body and the content type it needs (none for multipart: the boundary is fetch's). */
export function encodeBody(req: Pick<HttpRequest, 'json' | 'body'>): { body?: BodyInit; type?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json), type: 'application/json' };
  const b = req.body;
  if (!b) return {};
  if (b.kind === 'binary') return { body: new Blob([base64Bytes(b.file.data)], { type: b.file.type }), type: b.file.type || 'application/binary' };
  if (b.kind === 'form') return { body: new URLSearchParams(b.values).toString(), type: 'application/x-www-form-urlencoded' };
  const form = new FormData();
  for (const f of b.files) form.append(b.field, new Blob([base64Bytes(f.data)], { type: f.type }), f.name);
  return { body: form };
}

/**
 * The list `key` of a desk's JSON answer. An answer without it (`{}`, a proxy's or gateway's
 * own JSON) is not the desk's: read as "no requests", it would make every request gone, or a
 * look for an earlier copy find nothing and file it again.
 */
export function listIn<T>(body: unknown, key: string): T[] {
  const list = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) throw new DeskFailure(deskError('not-api', { detail: `no "${key}" list in the answer` }));
  return list as T[];
}

/**
 * The id a desk's answer to a create names. A yes (2xx) that names none (a gateway's own JSON)
 * is no answer from the desk, which may or may not have filed it: an error with a 2xx status,
 * so the outbox looks for the request before it files it again (mayHaveLanded).
 */
export function createdId(id: unknown, what: string): string {
  if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))) return String(id);
  throw new DeskFailure(deskError('not-api', { status: 200, detail: `no ${what} in the answer to a create` }));
}

/** Maps a finished response to a DeskError, or undefined when it is a usable JSON answer. */
export function classifyResponse(
  res: Pick<Response, 'status' | 'redirected' | 'headers'>,
  body: string,
  now = Date.now(),
): DeskError | undefined {
  const type = res.headers.get('content-type') ?? '';
  const html = /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(body);
  if (html && (res.redirected || looksLikeLoginPage(body) || res.status === 401)) {
    return deskError('unauthorized', { status: res.status, detail: 'sign-in page' });
  }
  const status = res.status;
  const detail = messageFrom(body);
  if (status === 401) return deskError('unauthorized', { status, detail });
  if (status === 403) return deskError('forbidden', { status, detail });
  if (status === 404) return deskError('not-found', { status, detail });
  if (status === 429) {
    return deskError('rate-limited', { status, detail, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now) });
  }
  if (status >= 500) return deskError('server', { status, detail });
  if (status >= 400) return deskError('rejected', { status, detail });
  if (html) return deskError('not-api', { status, detail: 'HTML page' });
  if (status === 204 || status === 304) return undefined;
  try {
    JSON.parse(body);
  } catch {
    return deskError('not-api', { status, detail: 'not JSON' });
  }
  return undefined;
}

/** A call that got no (whole) answer: the time ran out, or the connection failed. */
function lost(controller: AbortController, err: unknown, status?: number): DeskError {
  const aborted = controller.signal.aborted || (err instanceof Error && err.name === 'AbortError');
  return deskError(aborted ? 'timeout' : 'offline', { ...(status ? { status } : {}), detail: err instanceof Error ? err.message : undefined });
}

async function attempt(deps: HttpDeps, req: HttpRequest): Promise<{ status: number; body: string; headers: Headers }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let res: Response;
  let body: string;
  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    const { body: payload, type } = encodeBody(req);
    if (type) headers['Content-Type'] = type;
    try {
      res = await deps.fetch(req.url, {
        method: req.method ?? 'GET',
        headers,
        body: payload,
        credentials: req.credentials ?? 'omit',
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (err) {
      throw new DeskFailure(lost(controller, err));
    }
    try {
      body = await res.text();
    } catch (err) {
      // The desk answered and the rest was lost on the way: its status says what it did (a create
      // answered 2xx was filed: see mayHaveLanded).
      throw new DeskFailure(lost(controller, err, res.status));
    }
  } finally {
    clearTimeout(timer);
  }
  const limit = deps.onRateLimit && readRateLimit(res.headers);
  if (limit) deps.onRateLimit?.(limit);
  const error = classifyResponse(res, body);
  if (error) throw new DeskFailure(error);
  return { status: res.status, body, headers: res.headers };
}

export async function request<T>(deps: HttpDeps, req: HttpRequest): Promise<T> {
  const wait = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  const retries = req.retries ?? ((req.method ?? 'GET') === 'GET' ? 2 : 0);
  for (let n = 0; ; n++) {
    try {
      const { body } = await attempt(deps, req);
      return (body ? JSON.parse(body) : undefined) as T;
    } catch (err) {
      const error = err instanceof DeskFailure ? err.error : undefined;
      if (!error?.retryable || n >= retries) throw err;
      // A write the desk answered 2xx (its answer lost on the way) was done: not sent again.
      if ((req.method ?? 'GET') !== 'GET' && error.status !== undefined && error.status < 300) throw err;
      // A longer wait than we hold a call open for goes back to the caller, who keeps it.
      if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) throw err;
      const backoff = 300 * 2 ** n * (0.5 + random());
      await wait(error.retryAfterMs ?? backoff);
    }
  }
}
