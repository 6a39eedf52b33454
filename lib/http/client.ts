// One fetch wrapper for all desk traffic: timeouts, retries for reads, and every failure
// mapped to the DeskError taxonomy. Writes are never retried here: re-sending a create is
// only safe once the desk has been checked for it.
import { DeskFailure, deskError, type DeskError } from './errors';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch: Fetch;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  json?: unknown;
  credentials?: RequestCredentials;
  /** Extra attempts for reads on retryable failures. */
  retries?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_RETRY_AFTER_MS = 10_000;

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A page with a password box is a sign-in page: the desk wants a login, not our request. */
export function looksLikeLoginPage(html: string): boolean {
  return /<input[^>]+type=["']?password/i.test(html) || /<form[^>]+(login|signin|sign-in|auth)/i.test(html);
}

function messageFrom(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
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

async function attempt(deps: HttpDeps, req: HttpRequest): Promise<{ status: number; body: string; headers: Headers }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let res: Response;
  let body: string;
  try {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.json !== undefined) headers['Content-Type'] = 'application/json';
    res = await deps.fetch(req.url, {
      method: req.method ?? 'GET',
      headers,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      credentials: req.credentials ?? 'omit',
      signal: controller.signal,
      redirect: 'follow',
    });
    body = await res.text();
  } catch (err) {
    const aborted = controller.signal.aborted || (err instanceof Error && err.name === 'AbortError');
    throw new DeskFailure(deskError(aborted ? 'timeout' : 'offline', { detail: err instanceof Error ? err.message : undefined }));
  } finally {
    clearTimeout(timer);
  }
  const error = classifyResponse(res, body);
  if (error) throw new DeskFailure(error);
  return { status: res.status, body, headers: res.headers };
}

export async function request<T>(deps: HttpDeps, req: HttpRequest): Promise<T> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const retries = (req.method ?? 'GET') === 'GET' ? (req.retries ?? 2) : 0;
  for (let n = 0; ; n++) {
    try {
      const { body } = await attempt(deps, req);
      return (body ? JSON.parse(body) : undefined) as T;
    } catch (err) {
      const error = err instanceof DeskFailure ? err.error : undefined;
      if (!error?.retryable || n >= retries) throw err;
      const backoff = 300 * 2 ** n * (0.5 + random());
      await sleep(Math.min(error.retryAfterMs ?? backoff, MAX_RETRY_AFTER_MS));
    }
  }
}
