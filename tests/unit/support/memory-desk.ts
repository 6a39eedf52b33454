// A desk in memory that keeps the whole adapter contract (lib/desks/types.ts), for tests of the
// submit pipeline and the outbox: it files, loses answers, refuses files and finds twins by the
// reference in the body, as configured.
import type { DeskAdapter } from '@/lib/desks/types';
import { DeskFailure, deskError, type DeskUser, type FieldSpec, type NewRequest, type TicketRef } from '@/lib/domain';
import { catalogOf, facilities } from './catalog';

export const ALICE: DeskUser = { id: '27', name: 'alice', email: 'alice@example.com', displayName: 'Alice Employee', staff: false };

export interface Filed {
  ref: TicketRef;
  request: NewRequest;
  attachments: string[];
}

export interface MemoryDeskOptions {
  fields?: FieldSpec[];
  /**
   * What becomes of a create: answered, filed with the answer lost, or lost before filing.
   * 'gateway-late': a gateway answers 504 while the desk behind it is still at work; the
   * request is stored when the test calls `land()`.
   */
  create?: (request: NewRequest) => 'ok' | 'filed-then-lost' | 'lost' | 'timeout-filed' | 'timeout-lost' | 'rejected' | 'gateway-late';
  /** Files the desk does not take with the request (left pending). */
  refuse?: (name: string) => boolean;
  /** Waits before each answer (random delays interleave concurrent work). */
  delay?: () => Promise<void>;
}

export function memoryDesk(options: MemoryDeskOptions = {}) {
  const filed: Filed[] = [];
  /** Creates a gateway gave up on, which the desk has not stored yet. */
  const late: Filed[] = [];
  const calls = { create: 0, find: 0, fields: 0, attach: [] as string[][] };
  const wait = () => options.delay?.() ?? Promise.resolve();
  const ticket = (ref: TicketRef) => {
    const t = filed.find((f) => f.ref.id === ref.id);
    if (!t) throw new DeskFailure(deskError('not-found'));
    return t;
  };
  const adapter: DeskAdapter = {
    kind: 'rt',
    whoAmI: async () => ALICE,
    listCatalog: async () => {
      const { departments, forms } = catalogOf(facilities('d'));
      return { departments, forms };
    },
    formFields: async () => {
      calls.fields++;
      await wait();
      return options.fields ?? [];
    },
    async createRequest(request) {
      calls.create++;
      await wait();
      const fate = options.create?.(request) ?? 'ok';
      if (fate === 'lost') throw new DeskFailure(deskError('offline', { detail: 'lost before filing' }));
      if (fate === 'timeout-lost') throw new DeskFailure(deskError('timeout'));
      if (fate === 'rejected') throw new DeskFailure(deskError('rejected', { detail: 'a value the desk does not take' }));
      const id = String(filed.length + 1);
      const ref: TicketRef = { deskId: 'd', id, key: `#${id}`, url: `https://desk/${id}` };
      const taken = request.attachments.filter((a) => !options.refuse?.(a.name));
      filed.push({ ref, request, attachments: taken.map((a) => a.name) });
      if (fate === 'gateway-late') {
        late.push(filed.pop()!);
        throw new DeskFailure(deskError('server', { status: 504, detail: 'Gateway Time-out' }));
      }
      if (fate === 'filed-then-lost') throw new DeskFailure(deskError('offline', { detail: 'connection reset after sending' }));
      if (fate === 'timeout-filed') throw new DeskFailure(deskError('timeout'));
      return { ref, pendingAttachments: request.attachments.filter((a) => options.refuse?.(a.name)) };
    },
    async attach(ref, files) {
      calls.attach.push(files.map((f) => f.name));
      await wait();
      const refused = files.filter((f) => options.refuse?.(f.name));
      if (refused.length) throw new DeskFailure(deskError('server', { detail: 'upload failed' }));
      ticket(ref).attachments.push(...files.map((f) => f.name));
    },
    async readRequest(ref) {
      await wait();
      const t = ticket(ref);
      return {
        subject: t.request.subject,
        fields: Object.fromEntries(Object.entries(t.request.fields).map(([k, v]) => [k, [v].flat()])),
        requesters: [t.request.requester.id],
        attachments: [...t.attachments],
      };
    },
    async findRequest(request) {
      calls.find++;
      await wait();
      return filed.find((f) => f.request.body.includes(request.clientId))?.ref;
    },
    listMyRequests: async () => ({ requests: [] }),
    recentActivity: async () => ({}),
    conversation: async () => [],
    reply: async () => undefined,
  };
  /** How many tickets carry this outbox id. */
  const copies = (clientId: string) => filed.filter((f) => f.request.body.includes(clientId)).length;
  /** The desk stores what the gateway gave up on. */
  const land = () => filed.push(...late.splice(0));
  return { adapter, filed, calls, copies, land };
}
