// Request Tracker 5 through REST 2.0: HTTP and auth here, shapes in mapping.ts.
import { createdId, request, type HttpDeps, type HttpRequest } from '../../http/client';
import { DeskFailure, deskError, type DeskConfig, type DeskUser, type NewRequest, type TicketRef } from '../../domain';
import type { DeskAdapter } from '../types';
import {
  carriesReference,
  changedSince,
  inactiveAmongQuery,
  isCustomStatus,
  myRequestsQuery,
  recentTwinQuery,
  messageText,
  staffReplyOf,
  needsValues,
  isTicketField,
  ticketUrl,
  toActivity,
  toCorrespond,
  toCreateTicket,
  toMessages,
  toSummary,
  toDepartment,
  toFields,
  toForm,
  toStoredRequest,
  toUser,
  transactionOf,
  userIdFromToken,
} from './mapping';
import { findTicketRating, rateTicket } from './rating';
import type { RtAttachmentItem, RtCollection, RtCreated, RtCustomField, RtCustomFieldItem, RtQueueItem, RtTicket, RtTicketItem, RtTransaction, RtTransactionRecord, RtUser } from './wire';

const PAGE = 100;
const MAX_PAGES = 50;
/** How many of my newest requests in a queue a retry looks through for its reference. */
const TWIN_CANDIDATES = 20;
/** What a listing of my requests reads of each. */
const TICKET_FIELDS = 'fields=Subject,Status,LastUpdated,Created,Due,Queue';
/** Request ids asked about in one TicketSQL query (the query goes in the URL). */
const INACTIVE_BATCH = 50;

export function createRtAdapter(config: DeskConfig, deps: HttpDeps): DeskAdapter {
  const base = config.baseUrl.replace(/\/+$/, '');
  const api = `${base}/REST/2.0`;
  let me: DeskUser | undefined = config.user;

  async function call<T>(path: string, init: Omit<HttpRequest, 'url'> = {}): Promise<T> {
    const auth = config.auth;
    try {
      return await request<T>(deps, {
        ...init,
        url: `${api}${path}`,
        headers: auth.mode === 'token' ? { Authorization: `token ${auth.token}` } : {},
        credentials: auth.mode === 'session' ? 'include' : 'omit',
      });
    } catch (err) {
      // Signed out of the desk's own login: the fix is to sign in there, not in our settings.
      if (auth.mode === 'session' && err instanceof DeskFailure && err.error.kind === 'unauthorized') {
        throw new DeskFailure({ ...err.error, signInUrl: `${base}/` });
      }
      // RT's CSRF check on changes made with the web session (Debian's RT 5.0.3 security update,
      // CVE-2026-108277) refuses another origin: 403 with its message, or 500 when the origin is
      // an extension's (RT cannot read a host from it). Retrying cannot help; a token can.
      if (auth.mode === 'session' && err instanceof DeskFailure && sessionWriteRefused(init.method, err)) {
        throw new DeskFailure(deskError('config', { status: err.error.status, detail: 'error.rtSessionWrite' }));
      }
      throw err;
    }
  }

  /**
   * Every page of a collection. RT drops rows the user may not see after paging, so a short page
   * does not mean the end: without a page count (RT gives one only when the user may see all),
   * the end is the first empty page.
   */
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await call<RtCollection<T>>(`${path}${sep}per_page=${PAGE}&page=${page}`);
      items.push(...res.items);
      if (res.pages !== null && res.pages !== undefined ? page >= res.pages : res.items.length === 0) break;
    }
    return items;
  }

  async function whoAmI(): Promise<DeskUser> {
    if (me) return me;
    const id = config.auth.mode === 'token' ? userIdFromToken(config.auth.token) : undefined;
    const key = id ?? config.email;
    if (!key) throw new DeskFailure(deskError('config', { field: 'email' }));
    const read = (name: string) => call<RtUser>(`/user/${encodeURIComponent(name)}`).then(toUser);
    try {
      me = await read(key);
    } catch (err) {
      // RT lets a requester read their own record by user name, not by e-mail address: with an
      // address, try its local part, and accept it only when the addresses agree.
      const local = key.includes('@') ? key.slice(0, key.indexOf('@')) : '';
      const found = local ? await read(local).catch(() => undefined) : undefined;
      if (!found || found.email.toLowerCase() !== key.toLowerCase()) throw err;
      me = found;
    }
    return me;
  }

  const history = (ref: TicketRef, extra = '') =>
    all<RtTransaction>(`/ticket/${encodeURIComponent(ref.id)}/history?fields=Type,Created,Creator,Field,OldValue,NewValue${extra}`);
  const attachments = (ref: TicketRef) =>
    all<RtAttachmentItem>(`/ticket/${encodeURIComponent(ref.id)}/attachments?fields=TransactionId,ContentType,Content,Filename`);

  /** My newest requests in the queue since a day before the first attempt, each first message read. */
  async function scanForTwin(req: NewRequest, since: number): Promise<TicketRef | undefined> {
    const query = encodeURIComponent(recentTwinQuery(req, since));
    const candidates = (await call<RtCollection<RtTicketItem>>(`/tickets?query=${query}&orderby=id&order=DESC&per_page=${TWIN_CANDIDATES}`)).items;
    for (const candidate of candidates) {
      const id = String(candidate.id);
      const parts = (await call<RtCollection<RtAttachmentItem>>(`/ticket/${id}/attachments?fields=ContentType,Content,Filename&orderby=id&order=ASC&per_page=5`)).items;
      if (parts.some((a) => a.ContentType === 'text/plain' && carriesReference(a.Content ?? '', req.clientId))) return refOf(id);
    }
    return undefined;
  }

  /**
   * Which of these requests (in statuses of their queues' own lifecycles) are done: asked of the
   * desk, which alone knows each queue's lifecycle. Nothing is asked when every status is RT's default.
   */
  async function inactiveAmong(ids: string[]): Promise<Map<string, RtTicketItem>> {
    const done = new Map<string, RtTicketItem>();
    for (let i = 0; i < ids.length; i += INACTIVE_BATCH) {
      const query = encodeURIComponent(inactiveAmongQuery(ids.slice(i, i + INACTIVE_BATCH)));
      for (const item of await all<RtTicketItem>(`/tickets?query=${query}&${TICKET_FIELDS}&orderby=id&order=DESC`)) done.set(String(item.id), item);
    }
    return done;
  }

  const refOf = async (id: string): Promise<TicketRef> => ({ deskId: config.id, id, key: `#${id}`, url: ticketUrl(base, id, (await whoAmI()).staff) });

  return {
    kind: 'rt',
    whoAmI,
    async listCatalog() {
      const queues = await all<RtQueueItem>('/queues/all?fields=Name,Description');
      const departments = queues.map((q) => toDepartment(config.id, q, config.baseUrl));
      return { departments, forms: departments.map(toForm) };
    },
    async formFields(formId) {
      const items = await all<RtCustomFieldItem>(
        `/queue/${encodeURIComponent(formId)}/customfields?fields=Name,Type,MaxValues,Pattern,Description,EntryHint,LookupType,Disabled`,
      );
      const fields = await Promise.all(
        items
          .filter(isTicketField)
          .map((cf) => (needsValues(cf) ? call<RtCustomField>(`/customfield/${cf.id}`) : Promise.resolve(cf as RtCustomField))),
      );
      return toFields(fields);
    },
    async createRequest(req: NewRequest) {
      // RT takes the files in the same call: nothing is left pending.
      const created = await call<RtCreated | null>('/ticket', { method: 'POST', json: toCreateTicket(req) });
      return { ref: await refOf(createdId(created?.id, 'ticket id')), pendingAttachments: [] };
    },
    async attach(ref, files) {
      await call(`/ticket/${encodeURIComponent(ref.id)}/correspond`, { method: 'POST', json: toCorrespond('', files) });
    },
    async readRequest(ref) {
      return toStoredRequest(await call<RtTicket>(`/ticket/${encodeURIComponent(ref.id)}`), await whoAmI());
    },
    async findRequest(req, since) {
      // The reference is searched in the messages themselves (one query, whatever staff did to
      // the subject); RT checks each hit against the requester's rights.
      const hits = await call<RtCollection<RtAttachmentItem>>('/attachments?fields=TransactionId,ContentType&per_page=20', {
        method: 'POST',
        json: [{ field: 'Content', operator: 'LIKE', value: req.clientId }],
        retries: 2, // a search: safe to repeat
      }).catch((err: unknown) => {
        // A desk that refuses the search (older REST 2.0): look through my newest requests instead.
        if (err instanceof DeskFailure && ['rejected', 'not-found', 'forbidden'].includes(err.error.kind)) return undefined;
        throw err;
      });
      if (!hits) return scanForTwin(req, since);
      for (const hit of hits.items.filter((a) => a.ContentType === 'text/plain')) {
        const txn = await call<RtTransactionRecord>(`/transaction/${encodeURIComponent(transactionOf(hit))}`);
        if (txn.Object?.type === 'ticket') return refOf(String(txn.Object.id));
      }
      return undefined;
    },
    async listMyRequests({ cursor, includeOpen }) {
      const user = await whoAmI();
      const query = encodeURIComponent(myRequestsQuery(cursor, includeOpen));
      // Paged by id, which no change moves: paged by last change, one made while the next page was
      // read moved a request onto a page read already (skipped) and another across the edge (twice).
      const listed = await all<RtTicketItem>(`/tickets?query=${query}&${TICKET_FIELDS}&orderby=id&order=DESC`);
      // Of a queue's own lifecycle's statuses, the desk says which are done: asked only about
      // those the look may keep (a status older than the cursor is dropped, done or not). What it
      // answers is newer than the listing and replaces it (a request signed meanwhile is signed).
      const mayKeep = (item: RtTicketItem) => includeOpen || changedSince(item, cursor, false);
      const done = await inactiveAmong(listed.filter((item) => isCustomStatus(item.Status) && mayKeep(item)).map((item) => String(item.id)));
      const items = listed.map((item) => done.get(String(item.id)) ?? item);
      const inactive = (item: RtTicketItem) => done.has(String(item.id));
      // The query asks for a superset (see myRequestsQuery): keep what really changed.
      const requests = items
        .filter((item) => changedSince(item, cursor, includeOpen, inactive(item)))
        .map((item) => toSummary(config.id, base, user.staff, item, inactive(item)));
      const newest = requests.reduce<string | undefined>((max, r) => (!max || r.updated > max ? r.updated : max), cursor);
      return { requests, ...(newest ? { cursor: newest } : {}) };
    },
    async recentActivity(ref, knownTxnId) {
      const user = await whoAmI();
      const recent = (await call<RtCollection<RtTransaction>>(
        `/ticket/${encodeURIComponent(ref.id)}/history?fields=Type,Created,Creator&orderby=id&order=DESC&per_page=20`,
      )).items;
      const reply = staffReplyOf(recent, user);
      const texts = new Map<string, string>();
      if (reply && Number(reply.id) > Number(knownTxnId ?? 0)) {
        // Only the newest staff reply's text, for the notification; the rest waits until opened.
        // One message's own parts: a single page holds them.
        const parts = (await call<RtCollection<RtAttachmentItem>>(`/transaction/${reply.id}/attachments?fields=ContentType,Content,Filename&per_page=20`)).items;
        texts.set(String(reply.id), messageText(parts));
      }
      return toActivity(recent, user, texts);
    },
    async conversation(ref) {
      const [user, transactions, files] = await Promise.all([whoAmI(), history(ref), attachments(ref)]);
      return toMessages(transactions, files, user);
    },
    async reply(ref, text, files) {
      await call(`/ticket/${encodeURIComponent(ref.id)}/correspond`, { method: 'POST', json: toCorrespond(text, files) });
    },
    rate(ref, rating, way) {
      return rateTicket(call, ref, rating, way, (r, text) => this.reply(r, text, []));
    },
    findRating(ref, rating, way) {
      return findTicketRating(call, ref, rating, way, (r) => this.conversation(r));
    },
  };
}

/** A change (not a read) that RT's CSRF check refused for a session-cookie request. */
function sessionWriteRefused(method: string | undefined, err: DeskFailure): boolean {
  if (!method || method === 'GET' || method === 'HEAD') return false;
  const { kind, status, detail } = err.error;
  return (kind === 'forbidden' && /forgery/i.test(detail ?? '')) || status === 500;
}
