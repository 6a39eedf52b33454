// Jira Service Management (Cloud and Data Center) through /rest/servicedeskapi, as a customer:
// HTTP and auth here, shapes in mapping.ts. A thin typed client: jira.js would add ~470 KB
// (mostly zod) to the service worker for the nine calls used here.
import { createdId, listIn, request, type FilePart, type HttpDeps, type HttpRequest } from '../../http/client';
import { DeskFailure, deskError, latestCopies, toDeskError, type Attachment, type DeskConfig, type DeskUser, type FieldSpec, type NewRequest, type TicketRef } from '../../domain';
import type { DeskAdapter, DeskCatalog } from '../types';
import { fieldValue, parseFormId, toActivity, userIdOf, toCatalogPart, toCreate, toFields, toMessages, toStoredRequest, toSummary, toUser } from './mapping';
import type { JsmAttachment, JsmComment, JsmFeedback, JsmFields, JsmGroup, JsmPage, JsmRequest, JsmRequestType, JsmServiceDesk, JsmTemporaryFiles } from './wire';

/** Jira caps pages (often below what was asked while echoing the request): step by what came. */
const LIMIT = 50;
const MAX_ITEMS = 2000;
/** How far back (on this computer's clock, which may be wrong) a retry looks for its reference. */
const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

export function authHeaders(config: DeskConfig): Record<string, string> {
  const auth = config.auth;
  if (auth.mode === 'basic') return { Authorization: `Basic ${base64(`${config.email ?? ''}:${auth.token}`)}` };
  if (auth.mode === 'bearer' || auth.mode === 'token') return { Authorization: `Bearer ${auth.token}` };
  // Atlassian refuses writes from a browser session of another origin (XSRF): no cookie mode.
  throw new DeskFailure(deskError('config', { field: 'authMode' }));
}

export function createJsmAdapter(config: DeskConfig, deps: HttpDeps): DeskAdapter {
  const base = config.baseUrl.replace(/\/+$/, '');
  const api = `${base}/rest/servicedeskapi`;
  let me: DeskUser | undefined = config.user;

  const call = <T>(path: string, init: Omit<HttpRequest, 'url'> = {}): Promise<T> =>
    request<T>(deps, { ...init, url: `${api}${path}`, headers: { ...authHeaders(config), ...init.headers }, credentials: 'omit' });

  /** Every value of a paged listing, up to `max`, after `from` (its first values, read already). */
  async function all<T>(path: string, max = MAX_ITEMS, from: T[] = []): Promise<T[]> {
    const items: T[] = [...from];
    const sep = path.includes('?') ? '&' : '?';
    while (items.length < max) {
      const page = await call<JsmPage<T>>(`${path}${sep}start=${items.length}&limit=${LIMIT}`);
      const values = listIn<T>(page, 'values');
      items.push(...values);
      if (page.isLastPage !== false || values.length === 0) break;
    }
    return items;
  }

  const mine = (status: string, extra = '') => `/request?requestOwnership=OWNED_REQUESTS&requestStatus=${status}${extra}`;

  /** JSM has no "who am I" for customers: the reporter of my own requests says it. */
  async function whoAmI(): Promise<DeskUser> {
    if (me?.id) return me;
    const first = (await call<JsmPage<JsmRequest>>(`${mine('ALL_REQUESTS')}&start=0&limit=1`)).values?.[0];
    me = toUser(first?.reporter ?? {}, config.email);
    return me;
  }

  const refOf = (created: JsmRequest): TicketRef => {
    const key = created.issueKey ?? created.issueId ?? '';
    return { deskId: config.id, id: key, key, url: created._links?.web ?? `${base}/servicedesk/customer/portal/${created.serviceDeskId}/${key}` };
  };

  async function upload(serviceDeskId: string, files: Attachment[]): Promise<string[]> {
    const parts: FilePart[] = files.map((f) => ({ name: f.name, type: f.type, data: f.data }));
    const uploaded = await call<JsmTemporaryFiles>(`/servicedesk/${encodeURIComponent(serviceDeskId)}/attachTemporaryFile`, {
      method: 'POST',
      // Multipart posts are XSRF-checked: this header says we are not a browser form.
      headers: { 'X-Atlassian-Token': 'no-check' },
      body: { kind: 'multipart', field: 'file', files: parts },
    });
    return (uploaded.temporaryAttachments ?? []).flatMap((t) => t.temporaryAttachmentId ?? []);
  }

  async function attach(ref: TicketRef, files: Attachment[], comment?: string): Promise<void> {
    if (files.length === 0) return;
    const request = await call<JsmRequest>(`/request/${encodeURIComponent(ref.id)}`);
    const ids = await upload(request.serviceDeskId ?? '', files);
    await call(`/request/${encodeURIComponent(ref.id)}/attachment`, {
      method: 'POST',
      json: { temporaryAttachmentIds: ids, public: true, ...(comment ? { additionalComment: { body: comment } } : {}) },
    });
  }

  /** A request type's fields as Jira lists them (the description too, when it has one). */
  const typeFields = async (formId: string) => {
    const { serviceDeskId, requestTypeId } = parseFormId(formId);
    const fields = await call<JsmFields>(`/servicedesk/${encodeURIComponent(serviceDeskId)}/requesttype/${encodeURIComponent(requestTypeId)}/field`);
    return fields.requestTypeFields ?? [];
  };

  /**
   * The text of a request whose type has no description (an administrator may take it off; Jira
   * then refuses one), with its reference, as its first public comment. A failure is the
   * request's own, kept as it is: tried again (findRequest then finds the request by its subject
   * and adds the text) or held for a sign-in. Refused (the desk takes no such comment): the
   * request stays filed without it.
   */
  async function addText(ref: TicketRef, body: string): Promise<void> {
    try {
      await call(`/request/${encodeURIComponent(ref.id)}/comment`, { method: 'POST', json: { body, public: true } });
    } catch (err) {
      if (toDeskError(err).kind !== 'rejected') throw err;
    }
  }

  const attachmentNames = async (key: string) =>
    (await all<JsmAttachment>(`/request/${encodeURIComponent(key)}/attachment`)).map((a) => a.filename ?? '');

  const comments = (key: string, from: JsmComment[] = []) =>
    all<JsmComment>(`/request/${encodeURIComponent(key)}/comment?public=true&internal=false&expand=attachment`, MAX_ITEMS, from);

  /**
   * A listing embeds one page of each request's comments (Jira: at most 50, oldest first): for a
   * longer conversation the rest is read, or its newest reply would neither move the request's
   * latest activity nor its version (My requests would not see it, and a routine look would
   * stop paging at it). One at a time: Jira Cloud counts calls, and a look that fails here is
   * tried again like any other.
   */
  async function withAllComments(requests: JsmRequest[]): Promise<JsmRequest[]> {
    const whole: JsmRequest[] = [];
    for (const r of requests) {
      if (r.comments?.isLastPage !== false || !r.issueKey) {
        whole.push(r);
        continue;
      }
      const values = await comments(r.issueKey, r.comments.values ?? []);
      whole.push({ ...r, comments: { ...r.comments, values, size: values.length, isLastPage: true } });
    }
    return whole;
  }

  /**
   * Every open request of mine. The listing is ordered by latest activity: one that moves to the
   * top while later pages are read would be skipped, so the first page is read again after them.
   */
  async function openRequests(): Promise<JsmRequest[]> {
    const path = mine('OPEN_REQUESTS', '&expand=comment');
    const open = await all<JsmRequest>(path);
    if (open.length <= LIMIT) return withAllComments(open);
    // Read last, the first page's copies are the latest.
    const byKey = new Map(open.map((r) => [r.issueKey, r]));
    for (const r of listIn<JsmRequest>(await call<JsmPage<JsmRequest>>(`${path}&start=0&limit=${LIMIT}`), 'values')) byKey.set(r.issueKey, r);
    return withAllComments([...byKey.values()]);
  }

  // Feedback is Cloud's (experimental: opt-in header) and the reporter's own: JSM answers 403 to
  // anyone else. Data Center documents no customer feedback resource: no ratings there.
  const ratings: Pick<DeskAdapter, 'rate' | 'findRating'> = {
    async rate(ref, rating) {
      const comment = rating.comment?.trim();
      const feedback: JsmFeedback = { type: 'csat', rating: rating.score, ...(comment ? { comment: { body: comment } } : {}) };
      await call(`/request/${encodeURIComponent(ref.id)}/feedback`, { method: 'POST', headers: EXPERIMENTAL, json: feedback });
    },
    // Delivered when the desk holds this score with the same words (spaces and line ends as the
    // desk may have kept them). JSM answers 404 both for "no feedback yet" and for a request
    // that is gone: the request itself is read to tell them apart.
    async findRating(ref, rating) {
      const path = `/request/${encodeURIComponent(ref.id)}`;
      try {
        const held = await call<JsmFeedback | undefined>(`${path}/feedback`, { headers: EXPERIMENTAL });
        // An empty yes holds no rating.
        return held?.rating === rating.score && sameWords(held.comment?.body ?? '', rating.comment ?? '');
      } catch (err) {
        if (!(err instanceof DeskFailure && err.error.kind === 'not-found')) throw err;
        await call(path); // gone: its own not-found
        return false; // no feedback yet
      }
    },
  };

  return {
    kind: config.kind,
    whoAmI,
    async listCatalog(): Promise<DeskCatalog> {
      const desks = await all<JsmServiceDesk>('/servicedesk');
      const parts = await Promise.all(
        desks.map(async (desk) => {
          const id = encodeURIComponent(desk.id);
          const [groups, types] = await Promise.all([all<JsmGroup>(`/servicedesk/${id}/requesttypegroup`), all<JsmRequestType>(`/servicedesk/${id}/requesttype`)]);
          return toCatalogPart(config.id, base, desk, groups, types);
        }),
      );
      return { departments: parts.flatMap((p) => p.departments), forms: parts.flatMap((p) => p.forms) };
    },
    async formFields(id): Promise<FieldSpec[]> {
      return toFields(await typeFields(id));
    },
    async createRequest(req: NewRequest) {
      const raw = await typeFields(req.formId);
      // An administrator may take the description off a request type: Jira then refuses one.
      const described = raw.some((f) => f.fieldId === 'description');
      const created: JsmRequest = (await call<JsmRequest | null>('/request', { method: 'POST', json: toCreate(req, toFields(raw), config.kind === 'jsm-dc', described) })) ?? {};
      createdId(created.issueKey ?? created.issueId, 'issue key');
      if (created.reporter && userIdOf(created.reporter)) me = toUser(created.reporter, config.email);
      const ref = refOf(created);
      if (!described) await addText(ref, req.body);
      // Files go after the request exists; if they fail, the request is still filed.
      try {
        await attach(ref, req.attachments);
        return { ref, pendingAttachments: [] };
      } catch {
        return { ref, pendingAttachments: req.attachments };
      }
    },
    attach: (ref, files) => attach(ref, files),
    async readRequest(ref) {
      const [request, files] = await Promise.all([call<JsmRequest>(`/request/${encodeURIComponent(ref.id)}`), attachmentNames(ref.id)]);
      return toStoredRequest(request, files);
    },
    async findRequest(req, since) {
      const { serviceDeskId, requestTypeId } = parseFormId(req.formId);
      // Newest activity first: what an interrupted attempt filed is near the top.
      const candidates = await all<JsmRequest>(`${mine('ALL_REQUESTS', `&serviceDeskId=${encodeURIComponent(serviceDeskId)}&requestTypeId=${encodeURIComponent(requestTypeId)}`)}`, 100);
      const recent = candidates.filter((r) => (r.createdDate?.epochMillis ?? Infinity) >= since - CLOCK_SLACK_MS);
      const found = recent.find((r) => String(fieldValue(r, 'description') ?? '').includes(req.clientId));
      if (found) return refOf(found);
      // A request type without a description: the reference is in its first comments, unless
      // the create's answer or the text was lost on the way. Then the one request of this form
      // with this subject, filed by this requester, and no comment of theirs is the one an
      // interrupted attempt filed: its text is added. None, or more than one: no guess.
      let myId: string | undefined;
      const textless: JsmRequest[] = [];
      for (const r of recent) {
        if (fieldValue(r, 'description') !== undefined || !r.issueKey) continue;
        myId ??= (await whoAmI()).id;
        const first = listIn<JsmComment>(await call(`/request/${encodeURIComponent(r.issueKey)}/comment?public=true&internal=false&start=0&limit=5`), 'values');
        if (first.some((c) => (c.body ?? '').includes(req.clientId))) return refOf(r);
        const reporter = userIdOf(r.reporter);
        const theirs = first.some((c) => userIdOf(c.author) === reporter);
        if (myId && reporter === myId && !theirs && String(fieldValue(r, 'summary') ?? '') === req.subject) textless.push(r);
      }
      const [only, ...more] = textless;
      if (!only || more.length > 0) return undefined;
      const ref = refOf(only);
      await addText(ref, req.body);
      return ref;
    },
    async listMyRequests({ cursor, includeOpen }) {
      // Ordered by latest activity: a routine look reads pages only until it meets what it saw.
      const changed: JsmRequest[] = [];
      for (let start = 0; start < MAX_ITEMS; ) {
        const page = await call<JsmPage<JsmRequest>>(`${mine('ALL_REQUESTS', '&expand=comment')}&start=${start}&limit=${LIMIT}`);
        const values = await withAllComments(listIn<JsmRequest>(page, 'values'));
        changed.push(...values);
        start += values.length;
        const last = values.at(-1);
        const older = cursor && last && toSummary(config.id, base, last).updated < cursor;
        if (page.isLastPage !== false || values.length === 0 || older || (!cursor && !includeOpen)) break;
      }
      const open = includeOpen ? await openRequests() : [];
      // Read twice (the listing, then the open ones), a request has the copy with its latest change.
      const requests = latestCopies([...changed, ...open].map((x) => toSummary(config.id, base, x))).filter((r) => !cursor || r.updated >= cursor || r.category !== 'done');
      const first = changed[0];
      if (first?.reporter && userIdOf(first.reporter) && !me?.id) me = toUser(first.reporter, config.email);
      // The cursor is the newest change the listing of changes read: one the open listing found
      // after it (made between the two reads) may hide others made as late, which only the next
      // listing of changes shows.
      const newest = changed.map((x) => toSummary(config.id, base, x).updated).reduce<string | undefined>((max, u) => (!max || u > max ? u : max), cursor);
      return { requests, ...(newest ? { cursor: newest } : {}) };
    },
    async summaryOf(ref) {
      try {
        const request = await call<JsmRequest>(`/request/${encodeURIComponent(ref.id)}?expand=comment`);
        // Readable is not mine: a customer also reads requests they take part in (and an agent
        // account the whole desk), which "My requests" (OWNED_REQUESTS) does not list.
        const reporter = userIdOf(request.reporter);
        const mine = me?.id;
        if (reporter && mine && reporter !== mine) return undefined;
        const [whole] = await withAllComments([request]);
        return whole && toSummary(config.id, base, whole);
      } catch (err) {
        if (err instanceof DeskFailure && (err.error.kind === 'not-found' || err.error.kind === 'forbidden')) return undefined;
        throw err;
      }
    },
    async recentActivity(ref) {
      const [user, list] = await Promise.all([whoAmI(), comments(ref.id)]);
      return toActivity(list, user.id);
    },
    async conversation(ref) {
      const [request, list, files] = await Promise.all([
        call<JsmRequest>(`/request/${encodeURIComponent(ref.id)}`),
        comments(ref.id),
        all<JsmAttachment>(`/request/${encodeURIComponent(ref.id)}/attachment`),
      ]);
      return toMessages(request, list, files);
    },
    async reply(ref, text, files) {
      // With files, one comment carries both; a customer's comments are always public.
      if (files.length > 0) await attach(ref, files, text);
      else await call(`/request/${encodeURIComponent(ref.id)}/comment`, { method: 'POST', json: { body: text, public: true } });
    },
    ...(config.kind === 'jsm-dc' ? {} : ratings),
  };
}

const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** Atlassian's experimental operations answer 412 without it. */
const EXPERIMENTAL = { 'X-ExperimentalApi': 'opt-in' };
