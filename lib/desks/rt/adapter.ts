// Request Tracker 5 through REST 2.0: HTTP and auth here, shapes in mapping.ts.
import { request, type HttpDeps, type HttpRequest } from '../../http/client';
import { DeskFailure, deskError } from '../../http/errors';
import type { DeskAdapter, DeskConfig, DeskUser, NewRequest, TicketRef } from '../types';
import {
  needsValues,
  isTicketField,
  ticketUrl,
  toCreateTicket,
  toDepartment,
  toForm,
  toStoredRequest,
  toUser,
  userIdFromToken,
} from './mapping';
import type { RtCollection, RtCreated, RtCustomField, RtCustomFieldItem, RtQueueItem, RtTicket, RtUser } from './wire';

const PAGE = 100;

export function createRtAdapter(config: DeskConfig, deps: HttpDeps): DeskAdapter {
  const base = config.baseUrl.replace(/\/+$/, '');
  const api = `${base}/REST/2.0`;
  let me: DeskUser | undefined;

  function call<T>(path: string, init: Omit<HttpRequest, 'url'> = {}): Promise<T> {
    const auth = config.auth;
    return request<T>(deps, {
      ...init,
      url: `${api}${path}`,
      headers: auth.mode === 'token' ? { Authorization: `token ${auth.token}` } : {},
      credentials: auth.mode === 'session' ? 'include' : 'omit',
    });
  }

  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let page = 1; ; page++) {
      const res = await call<RtCollection<T>>(`${path}${sep}per_page=${PAGE}&page=${page}`);
      items.push(...res.items);
      if (res.items.length < PAGE) return items;
    }
  }

  async function whoAmI(): Promise<DeskUser> {
    if (me) return me;
    const id = config.auth.mode === 'token' ? userIdFromToken(config.auth.token) : undefined;
    const key = id ?? config.email;
    if (!key) throw new DeskFailure(deskError('config', { field: 'email' }));
    me = toUser(await call<RtUser>(`/user/${encodeURIComponent(key)}`));
    return me;
  }

  return {
    kind: 'rt',
    whoAmI,
    async listDepartments() {
      const queues = await all<RtQueueItem>('/queues/all?fields=Name,Description');
      return queues.map((q) => toDepartment(config.id, q));
    },
    async listForms(department) {
      const items = await all<RtCustomFieldItem>(
        `/queue/${encodeURIComponent(department.id)}/customfields?fields=Name,Type,MaxValues,Pattern,Description,EntryHint,LookupType,Disabled`,
      );
      const fields = await Promise.all(
        items
          .filter(isTicketField)
          .map((cf) => (needsValues(cf) ? call<RtCustomField>(`/customfield/${cf.id}`) : Promise.resolve(cf as RtCustomField))),
      );
      return [toForm(department, fields)];
    },
    async createRequest(req: NewRequest): Promise<TicketRef> {
      const created = await call<RtCreated>('/ticket', { method: 'POST', json: toCreateTicket(req) });
      const id = String(created.id);
      const user = await whoAmI();
      return { deskId: config.id, id, key: `#${id}`, url: ticketUrl(base, id, user.staff) };
    },
    async readRequest(ref) {
      return toStoredRequest(await call<RtTicket>(`/ticket/${encodeURIComponent(ref.id)}`));
    },
  };
}
