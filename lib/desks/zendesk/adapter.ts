// Zendesk Support through the end-user Requests API: HTTP and auth here, shapes in mapping.ts.
// Sign-in is an API token (`email/token:…` Basic) or OAuth; an OAuth token the desk refuses, or
// one past its expiry, is refreshed once and the new tokens handed to `onAuth` for storing.
import { createdId, listIn, request, type HttpDeps, type HttpRequest } from '../../http/client';
import { DeskFailure, deskError, latestCopies, type Attachment, type DeskAuth, type DeskConfig, type DeskUser, type NewRequest, type TicketRef } from '../../domain';
import type { DeskAdapter, DeskCatalog } from '../types';
import { ticketRef, toActivity, toSatisfaction, toCatalog, toCreate, toFields, toMessages, toStoredRequest, toSummary, toUser } from './mapping';
import { refreshAuth, type OAuthAuth, type OAuthClient } from './oauth';
import type { ZdComment, ZdComments, ZdCursorMeta, ZdRequest, ZdTicketField, ZdTicketForm, ZdUpdateRequest, ZdUpload, ZdUser } from './wire';

export interface ZendeskDeps extends HttpDeps {
  /** New OAuth tokens after a refresh: the old refresh token no longer works, so store these. */
  onAuth?: (auth: OAuthAuth) => void | Promise<void>;
  now?: () => number;
}

const PAGE = 100;
/** Enough for every open request of one employee; the tracker takes a missing open one as gone. */
const MAX_PAGES = 10;
const FIND_PAGES = 3;
const ACTIVITY_PAGES = 3;
/** How far back (on this computer's clock, which may be wrong) a retry looks for its request. */
const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;
/** Refresh a little before the stated expiry rather than meet a 401 mid-call. */
const EXPIRY_MARGIN_MS = 60_000;

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export function authHeader(config: Pick<DeskConfig, 'email'>, auth: DeskAuth): string {
  if (auth.mode === 'oauth') return `Bearer ${auth.token}`;
  if (auth.mode !== 'basic') throw new DeskFailure(deskError('config', { field: 'authMode' }));
  if (!config.email) throw new DeskFailure(deskError('config', { field: 'email' }));
  return `Basic ${base64(`${config.email}/token:${auth.token}`)}`;
}

const isUnauthorized = (err: unknown) => err instanceof DeskFailure && err.error.kind === 'unauthorized';

type Page = { meta?: ZdCursorMeta };

/** Zendesk takes comments only with words: files added on their own are named instead. */
const fileNames = (files: Attachment[]) => files.map((f) => f.name).join('\n');

/**
 * Refreshes under way or done lately, by desk and refresh token. A refresh token is used once:
 * adapters made from the same stored tokens (the tracker's, the outbox's, each call's in the
 * background) that meet a refused token together share one refresh and its new tokens, where
 * the second would be refused and the person asked to sign in again for nothing.
 */
const refreshes = new Map<string, Promise<OAuthAuth>>();
const REFRESHES_KEPT = 8;

function refreshOnce(key: string, run: () => Promise<OAuthAuth>): Promise<OAuthAuth> {
  let refresh = refreshes.get(key);
  if (!refresh) {
    refresh = run();
    refreshes.set(key, refresh);
    // A refresh that failed may be tried again; the oldest ones go.
    refresh.catch(() => refreshes.delete(key));
    for (const old of refreshes.keys()) if (refreshes.size > REFRESHES_KEPT) refreshes.delete(old);
  }
  return refresh;
}

export function createZendeskAdapter(config: DeskConfig, deps: ZendeskDeps): DeskAdapter {
  const base = config.baseUrl.replace(/\/+$/, '');
  const now = deps.now ?? Date.now;
  let auth = config.auth;
  let renewing: Promise<void> | undefined;
  let me: DeskUser | undefined = config.user;

  function oauthClient(): OAuthClient {
    if (!config.oauthClientId) throw new DeskFailure(deskError('config', { field: 'oauthClientId' }));
    return { baseUrl: base, clientId: config.oauthClientId };
  }

  type Refreshable = OAuthAuth & { refreshToken: string };
  const refreshable = (a: DeskAuth): a is Refreshable => a.mode === 'oauth' && Boolean(a.refreshToken);

  /** One refresh at a time: refresh tokens are single-use, so calls refused together share it. */
  function renew(stale: Refreshable): Promise<void> {
    if (auth !== stale) return Promise.resolve();
    renewing ??= (async () => {
      const fresh = await refreshOnce(`${base} ${stale.refreshToken}`, () => refreshAuth(deps, oauthClient(), stale.refreshToken, now()));
      auth = fresh;
      await deps.onAuth?.(fresh);
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  async function call<T>(path: string, init: Omit<HttpRequest, 'url'> = {}): Promise<T> {
    if (refreshable(auth) && auth.expiresAt !== undefined && auth.expiresAt - EXPIRY_MARGIN_MS <= now()) await renew(auth);
    const used = auth;
    const send = () => request<T>(deps, { ...init, url: `${base}${path}`, headers: { Authorization: authHeader(config, auth), ...init.headers }, credentials: 'omit' });
    try {
      return await send();
    } catch (err) {
      // A refused token means the request was not processed: sending it again is safe, writes too.
      if (!isUnauthorized(err) || !refreshable(used)) throw err;
      await renew(used);
      return send();
    }
  }

  /** Cursor pages in order, while `more` (given each page) says so. */
  async function walk<P extends Page>(path: string, maxPages: number, more: (page: P) => boolean = () => true): Promise<P[]> {
    const pages: P[] = [];
    const sep = path.includes('?') ? '&' : '?';
    let after: string | null | undefined;
    for (let n = 0; n < maxPages; n++) {
      const page = await call<P>(`${path}${sep}page[size]=${PAGE}${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`);
      pages.push(page);
      after = page.meta?.after_cursor;
      if (page.meta?.has_more !== true || !after || !more(page)) break;
    }
    return pages;
  }

  /**
   * A requests list, newest first by `sortBy`, in pages of 100 by page number (offset
   * pagination): ListRequests takes sort_by/sort_order, and its cursor pages come back in no
   * such order (reported by a developer, Zendesk community, November 2024). Reads until
   * `more` says enough, there is no next page, or `maxPages`.
   */
  async function requestPages(sortBy: 'created_at' | 'updated_at', maxPages: number, more: (list: ZdRequest[]) => boolean): Promise<ZdRequest[]> {
    const all: ZdRequest[] = [];
    for (let n = 1; n <= maxPages; n++) {
      const page = await call<{ requests?: ZdRequest[]; next_page?: string | null }>(`/api/v2/requests?sort_by=${sortBy}&sort_order=desc&page=${n}&per_page=${PAGE}`);
      const list = listIn<ZdRequest>(page, 'requests');
      all.push(...list);
      if (!page.next_page || list.length === 0 || !more(list)) break;
    }
    return all;
  }

  async function whoAmI(): Promise<DeskUser> {
    if (me) return me;
    const { user } = await call<{ user: ZdUser }>('/api/v2/users/me');
    // Zendesk answers requests without credentials with an anonymous user of no id.
    if (user.id === null || user.id === undefined) throw new DeskFailure(deskError('unauthorized', { detail: 'anonymous' }));
    me = toUser(user);
    return me;
  }

  /** Files go up one by one before the comment that carries them; any failure throws. */
  async function upload(files: Attachment[]): Promise<string[]> {
    const tokens: string[] = [];
    for (const file of files) {
      const answer = await call<ZdUpload>(`/api/v2/uploads?filename=${encodeURIComponent(file.name)}`, { method: 'POST', body: { kind: 'binary', file } });
      const token = answer.upload?.token;
      if (!token) throw new DeskFailure(deskError('not-api', { detail: 'upload without a token' }));
      tokens.push(token);
    }
    return tokens;
  }

  async function comment(ref: TicketRef, body: string, files: Attachment[]): Promise<void> {
    const uploads = await upload(files);
    const update: ZdUpdateRequest = { request: { comment: { body, ...(uploads.length ? { uploads } : {}) } } };
    await call(`/api/v2/requests/${encodeURIComponent(ref.id)}`, { method: 'PUT', json: update });
  }

  const commentPages = (ref: TicketRef, sort: 'created_at' | '-created_at', maxPages: number, more?: (page: ZdComments) => boolean) =>
    walk<ZdComments>(`/api/v2/requests/${encodeURIComponent(ref.id)}/comments?sort=${sort}&include=users`, maxPages, more);

  const commentsOf = (pages: ZdComments[]) => pages.flatMap((p) => p.comments ?? []);
  const usersOf = (pages: ZdComments[]) => pages.flatMap((p) => p.users ?? []);

  return {
    kind: 'zendesk',
    whoAmI,
    async listCatalog(): Promise<DeskCatalog> {
      const { ticket_forms: forms } = await call<{ ticket_forms?: ZdTicketForm[] }>('/api/v2/ticket_forms?active=true&end_user_visible=true&fallback_to_default=true');
      return toCatalog(config.id, base, forms ?? []);
    },
    async formFields(formId) {
      const [{ ticket_form: form }, pages] = await Promise.all([
        call<{ ticket_form: ZdTicketForm }>(`/api/v2/ticket_forms/${encodeURIComponent(formId)}`),
        walk<Page & { ticket_fields?: ZdTicketField[] }>('/api/v2/ticket_fields', MAX_PAGES),
      ]);
      return toFields(form, pages.flatMap((p) => p.ticket_fields ?? []));
    },
    async createRequest(req: NewRequest) {
      const fields = await this.formFields(req.formId);
      // Files first: if one fails nothing is filed, so the outbox may simply try again.
      const uploads = await upload(req.attachments);
      const answer = await call<{ request?: ZdRequest } | null>('/api/v2/requests', { method: 'POST', json: toCreate(req, fields, uploads) });
      return { ref: ticketRef(config.id, base, createdId(answer?.request?.id, 'request id')), pendingAttachments: [] };
    },
    async attach(ref, files) {
      if (files.length > 0) await comment(ref, fileNames(files), files);
    },
    async readRequest(ref) {
      const [{ request: stored }, pages] = await Promise.all([
        call<{ request: ZdRequest }>(`/api/v2/requests/${encodeURIComponent(ref.id)}`),
        commentPages(ref, 'created_at', MAX_PAGES),
      ]);
      return toStoredRequest(stored, commentsOf(pages).flatMap((c) => (c.attachments ?? []).map((a) => a.file_name ?? '')));
    },
    async findRequest(req, since) {
      const from = new Date(since - CLOCK_SLACK_MS).toISOString();
      const recent = (r: ZdRequest) => new Date(Date.parse(r.created_at ?? '') || 0).toISOString() >= from;
      // Newest first: what an interrupted attempt filed is near the top.
      const listed = await requestPages('created_at', FIND_PAGES, (list) => list.every(recent));
      const found = listed.find((r) => recent(r) && (r.description ?? '').includes(req.clientId));
      return found ? ticketRef(config.id, base, found.id) : undefined;
    },
    async listMyRequests({ cursor, includeOpen }) {
      const newer = (r: ZdRequest) => cursor !== undefined && toSummary(config.id, base, r).updated > cursor;
      // Latest change first: a routine look stops at the first page that reaches what it saw;
      // the full look reads on to find every open one.
      const pages = await requestPages('updated_at', includeOpen || cursor ? MAX_PAGES : 1, (list) => includeOpen || list.every(newer));
      // Pages are by number over a list ordered by latest change: one that changed while later
      // pages were read moved to the first (read already) and pushed another across a page edge.
      // The first page is read again, and each request kept once, as last seen.
      const again = includeOpen && pages.length > PAGE ? await requestPages('updated_at', 1, () => false) : [];
      const requests = latestCopies([...pages, ...again].map((r) => toSummary(config.id, base, r)))
        // A change in the cursor's own second shows the cursor's time: kept, and compared by version.
        .filter((s) => cursor === undefined || s.updated >= cursor || (includeOpen && s.category !== 'done'));
      const newest = requests.reduce<string | undefined>((max, r) => (!max || r.updated > max ? r.updated : max), cursor);
      return { requests, ...(newest ? { cursor: newest } : {}) };
    },
    async recentActivity(ref) {
      const user = await whoAmI();
      const byOthers = (c: ZdComment) => String(c.author_id) !== user.id;
      const pages = await commentPages(ref, '-created_at', ACTIVITY_PAGES, (p) => !(p.comments ?? []).some(byOthers));
      return toActivity(commentsOf(pages), user.id, usersOf(pages));
    },
    async conversation(ref) {
      const [user, pages] = await Promise.all([whoAmI(), commentPages(ref, 'created_at', MAX_PAGES)]);
      return toMessages(commentsOf(pages), user, usersOf(pages));
    },
    async reply(ref, text, files) {
      await comment(ref, text.trim() || fileNames(files), files);
    },
    // Zendesk's satisfaction rating (the requester's own, on a solved ticket): good or bad with a
    // comment. Posting again sets the same rating again, so a retry is harmless; an end user
    // cannot read ratings back (the satisfaction_ratings list is for agents), so none is looked for.
    async rate(ref, rating) {
      await call(`/api/v2/tickets/${encodeURIComponent(ref.id)}/satisfaction_rating`, { method: 'POST', json: toSatisfaction(rating) });
    },
    findRating: async () => undefined,
  };
}
